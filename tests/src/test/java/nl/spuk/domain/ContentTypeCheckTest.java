package nl.spuk.domain;

import static nl.spuk.domain.SampleFiles.CSV;
import static nl.spuk.domain.SampleFiles.DOCX;
import static nl.spuk.domain.SampleFiles.ODT;
import static nl.spuk.domain.SampleFiles.PDF;
import static nl.spuk.domain.SampleFiles.XLSX;
import static nl.spuk.domain.SampleFiles.concat;
import static nl.spuk.domain.SampleFiles.openDocumentWithout;
import static nl.spuk.domain.SampleFiles.samples;
import static nl.spuk.domain.SampleFiles.zip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The check of an upload's bytes against its declared type, fed as storage streams them: in chunks of any size. */
class ContentTypeCheckTest {
    @ParameterizedTest
    @ValueSource(ints = {1, 7, 4096, Integer.MAX_VALUE})
    void eachAllowedTypeIsRecognisedWhateverTheChunksAndNoOtherTypeIsMistakenForIt(int chunk) {
        Map<String, byte[]> samples = samples();
        assertThat(samples.keySet()).containsExactlyInAnyOrderElementsOf(DocumentRules.CONTENT_TYPES.keySet());
        samples.forEach((type, bytes) -> {
            for (String declared : samples.keySet()) {
                assertThat(matches(declared, bytes, chunk)).as(type + " declared as " + declared).isEqualTo(declared.equals(type));
            }
        });
    }

    @Test
    void textThatIsNotUtf8OrHoldsControlCharactersIsNoCsv() {
        assertThat(matches(CSV, "code;naam\nGM0014;Groningen\n".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(matches(CSV, "naam\nCaf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1))).as("Latin-1").isFalse();
        assertThat(matches(CSV, new byte[] {'a', 0, 'b'})).as("NUL").isFalse();
        assertThat(matches(CSV, new byte[] {'a', (byte) 0xc0, (byte) 0x80})).as("overlong NUL").isFalse();
        assertThat(matches(CSV, new byte[] {'a', (byte) 0xed, (byte) 0xa0, (byte) 0x80})).as("surrogate").isFalse();
        assertThat(matches(CSV, new byte[] {'a', (byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80})).as("above U+10FFFF").isFalse();
        assertThat(matches(CSV, new byte[] {'a', (byte) 0xe2, (byte) 0x82})).as("cut off at the end").isFalse();
        assertThat(matches(CSV, "\u20ac 12,50\tja\n".getBytes(StandardCharsets.UTF_8))).isTrue();
    }

    @Test
    void aZipWithoutTheRightPartsIsNoOfficeDocument() {
        byte[] noContentTypes = zip(Map.of("word/document.xml", "<w:document/>"));
        byte[] plainZip = zip(Map.of("readme.txt", "hallo"));

        assertThat(matches(DOCX, noContentTypes)).isFalse();
        assertThat(matches(DOCX, plainZip)).isFalse();
        assertThat(matches(XLSX, plainZip)).isFalse();
        assertThat(matches(ODT, plainZip)).isFalse();
    }

    @Test
    void anOpenDocumentNeedsItsMediaTypeFirstAndUncompressed() {
        byte[] compressedMediaType = zip(Map.of("mimetype", ODT, "content.xml", "<office:document-content/>"));

        assertThat(matches(ODT, compressedMediaType)).isFalse();
        assertThat(matches(ODT, openDocumentWithout(ODT, "content.xml"))).isFalse();
    }

    @Test
    void aTruncatedOrTamperedContainerIsRefused() {
        byte[] docx = samples().get(DOCX);
        byte[] truncated = Arrays.copyOf(docx, docx.length - 30);
        byte[] trailing = concat(docx, new byte[] {1, 2, 3});

        assertThat(matches(DOCX, truncated)).isFalse();
        assertThat(matches(DOCX, trailing)).isFalse();
        assertThat(matches(DOCX, new byte[] {'P', 'K', 3, 4})).isFalse();
        assertThat(matches(PDF, new byte[0])).isFalse();
    }

    @Test
    void aLargeDocumentIsJudgedByItsEndAsItStreamsPast() {
        byte[] image = new byte[3 * 1024 * 1024 + 123];
        new Random(7).nextBytes(image);
        byte[] docx = zip(Map.of("[Content_Types].xml", "<Types/>", "word/document.xml", "<w:document/>"),
                "word/media/image1.png", image);

        assertThat(matches(DOCX, docx, 65_536)).isTrue();
        assertThat(matches(DOCX, docx, 1_000_003)).isTrue();
        assertThat(matches(XLSX, docx, 65_536)).isFalse();
    }

    @Test
    void onlyAllowedTypesAreChecked() {
        assertThatThrownBy(() -> ContentTypeCheck.of("application/x-msdownload")).isInstanceOf(IllegalArgumentException.class);
    }

    private static boolean matches(String declared, byte[] bytes) {
        return matches(declared, bytes, Integer.MAX_VALUE);
    }

    private static boolean matches(String declared, byte[] bytes, int chunk) {
        ContentTypeCheck check = ContentTypeCheck.of(declared);
        for (int at = 0; at < bytes.length; at += chunk) {
            check.accept(bytes, at, Math.min(chunk, bytes.length - at));
        }
        return check.matches();
    }
}
