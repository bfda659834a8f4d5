package nl.spuk.adapter.pdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import nl.spuk.adapter.out.pdf.PdfLetterRenderer;
import nl.spuk.domain.AwardLetter;
import nl.spuk.domain.AwardReference;
import nl.spuk.domain.Municipality;
import nl.spuk.domain.MunicipalityCode;
import nl.spuk.domain.SchemeRules;
import nl.spuk.domain.SettlementLetter;
import nl.spuk.domain.Signatory;
import nl.spuk.domain.YearAmounts;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.api.Test;

class PdfLetterRendererTest {
    private static final Municipality SUDWEST_FRYSLAN = new Municipality(new MunicipalityCode("GM1900"), "Súdwest-Fryslân");
    private static final String SCHEME = "Regeling specifieke uitkering sport en bewegen, gezondheidsbevordering, "
            + "cultuurparticipatie en de sociale basis 2023-2026, onderdeel Mantelzorg in de sociale basis";
    private static final Path PREVIEWS = Path.of("target", "letters");

    private final PdfLetterRenderer renderer = new PdfLetterRenderer();

    @Test
    void awardLetterStatesEverythingTheMunicipalityNeeds() throws IOException {
        byte[] pdf = renderer.awardLetter(award("De gemeente voert het plan uit zoals ingediend.\n"
                + "Wijzigingen meldt u vooraf.", "Het plan sluit aan bij de vier aandachtspunten."));

        try (PDDocument doc = Loader.loadPDF(pdf)) {
            String text = text(doc);
            assertThat(text).contains(
                    "Ministerie van Volksgezondheid, Welzijn en Sport", "uitgevoerd door DUS-I",
                    "Aan het college van burgemeester en wethouders van de gemeente Súdwest-Fryslân", "GM1900",
                    "Beschikking specifieke uitkering — Mantelzorg in de sociale basis",
                    "Kenmerk SPUK-2025-00042", "Respijtzorg dichtbij huis", SCHEME,
                    "Datum 15 maart 2025",
                    "Met deze beschikking beslissen wij op uw aanvraag.",
                    "Wij hebben besloten de gemeente Súdwest-Fryslân een specifieke uitkering toe te kennen van in "
                            + "totaal € 75.000,00",
                    "2025 € 40.000,00", "2026 € 35.000,00", "Totaal € 75.000,00",
                    "Wij betalen de uitkering als voorschot, per jaar in één keer, op de rekening van uw gemeente "
                            + "onder vermelding van kenmerk SPUK-2025-00042",
                    "2025 € 40.000,00 uiterlijk 26 april 2025", "2026 € 35.000,00 uiterlijk 31 januari 2026",
                    "De gemeente voert het plan uit zoals ingediend. Wijzigingen meldt u vooraf.",
                    "Het plan sluit aan bij de vier aandachtspunten.",
                    "SiSa", "over 2025: uiterlijk 15 juli 2026", "over 2026: uiterlijk 15 juli 2027",
                    "Hoogachtend, De Minister van Volksgezondheid, Welzijn en Sport, namens deze, Pieter Jansen "
                            + "Beslissingsbevoegd medewerker, Dienst Uitvoering Subsidies aan Instellingen",
                    "Beschikking — kenmerk SPUK-2025-00042", "pagina 1 van " + doc.getNumberOfPages());
            // the proposer is internal to the ministry; "vastgesteld" is the settlement's word, not the award's
            assertThat(text).doesNotContain("Anne de Vries", "Voorgesteld", "vastgesteld", "Vastgesteld", "verstreken",
                    "app-2025");

            PDDocumentInformation info = doc.getDocumentInformation();
            assertThat(info.getTitle()).isEqualTo("Beschikking SPUK-2025-00042");
            assertThat(info.getAuthor()).isEqualTo("SPUK");
            assertThat(info.getSubject()).isEqualTo("Beschikking specifieke uitkering — Mantelzorg in de sociale basis");
            assertThat(info.getCreationDate().toInstant()).isEqualTo("2025-03-14T23:00:00Z");
            assertWithinMargins(doc);
        }
    }

    @Test
    void aReportingDeadlinePastAtTheLettersDateIsStatedAsPassedWithWhatFollows() throws IOException {
        byte[] pdf = renderer.awardLetter(lateAward());

        try (PDDocument doc = Loader.loadPDF(pdf)) {
            String text = text(doc);
            assertThat(text).contains("Datum 2 december 2026", "Kenmerk SPUK-2026-00007",
                    "De termijn voor de verantwoording over 2025 is op 15 juli 2026 verstreken; dien deze zo spoedig "
                            + "mogelijk in.",
                    "Zolang een verantwoording ontbreekt, sturen wij u herinneringen. De eindafrekening volgt pas als "
                            + "over ieder jaar de verantwoording is aanvaard.",
                    "over 2026: uiterlijk 15 juli 2027",
                    "2025 € 40.000,00 uiterlijk 13 januari 2027", "2026 € 35.000,00 uiterlijk 13 januari 2027");
            assertThat(text).doesNotContain("over 2025: uiterlijk");
            assertWithinMargins(doc);
        }
    }

    @Test
    void settlementLetterShowsEachYearTheTotalsAndTheReclaim() throws IOException {
        byte[] pdf = renderer.settlementLetter(settlement(3_500_000, 4_000_000));

        try (PDDocument doc = Loader.loadPDF(pdf)) {
            String text = text(doc);
            assertThat(text).contains(
                    "Ministerie van Volksgezondheid, Welzijn en Sport", "Súdwest-Fryslân", "GM1900",
                    "Eindafrekening specifieke uitkering — Mantelzorg in de sociale basis", "Datum 1 september 2027",
                    "Jaar Toegekend Verantwoorde besteding Subsidiabel",
                    "2025 € 40.000,00 € 35.000,00 € 35.000,00",
                    "2026 € 35.000,00 € 40.000,00 € 35.000,00",
                    "Totaal € 75.000,00 € 75.000,00 € 70.000,00",
                    "Wij stellen de uitkering vast op € 70.000,00",
                    "Terug te betalen: € 5.000,00",
                    "Wij verzoeken u het bedrag van € 5.000,00 uiterlijk 1 november 2027 te betalen",
                    "afzonderlijke vordering van DUS-I",
                    "Kenmerk SPUK-2025-00042", "Eindafrekening — kenmerk SPUK-2025-00042",
                    "De Minister van Volksgezondheid, Welzijn en Sport, namens deze, Pieter Jansen "
                            + "Beslissingsbevoegd medewerker, Dienst Uitvoering Subsidies aan Instellingen",
                    "pagina 1 van 1");
            assertThat(text).doesNotContain("IBAN", "Anne de Vries", "app-2025");
            assertThat(doc.getDocumentInformation().getTitle()).isEqualTo("Eindafrekening SPUK-2025-00042");
            assertWithinMargins(doc);
        }
    }

    @Test
    void settlementWithoutReclaimSaysNothingIsReclaimed() throws IOException {
        byte[] pdf = renderer.settlementLetter(settlement(4_000_000, 3_500_000));

        try (PDDocument doc = Loader.loadPDF(pdf)) {
            String text = text(doc);
            assertThat(text).contains("Terug te betalen: € 0,00", "Wij vorderen niets terug.",
                    "Totaal € 75.000,00 € 75.000,00 € 75.000,00");
            assertThat(text).doesNotContain("Wij verzoeken u");
        }
    }

    @Test
    void aLetterWhoseSumsDoNotAddUpIsRefused() {
        List<SettlementLetter.Row> rows = List.of(new SettlementLetter.Row(2025, 4_000_000, 3_500_000, 3_500_000));
        assertThatThrownBy(() -> new SettlementLetter("a", "t", SUDWEST_FRYSLAN, SCHEME, rows, 4_000_000, 3_500_000,
                0, LocalDate.of(2027, 9, 1), Signatory.approver("B"), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reclaim");
        assertThatThrownBy(() -> new SettlementLetter.Row(2025, 4_000_000, 3_000_000, 3_500_000))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLongMotivationFlowsOverSeveralPages() throws IOException {
        StringBuilder motivation = new StringBuilder();
        for (int i = 1; motivation.length() < 20_000; i++) {
            motivation.append("Zin ").append(i).append(" van de motivering weegt de activiteiten in het plan. ");
            if (i % 12 == 0) {
                motivation.append("\n\n");
            }
        }
        motivation.append("Dit zijn de laatste woorden van de motivering.");

        byte[] pdf = renderer.awardLetter(award("Geen bijzondere voorwaarden.", motivation.toString()));

        try (PDDocument doc = Loader.loadPDF(pdf)) {
            int pages = doc.getNumberOfPages();
            assertThat(pages).isGreaterThan(1);
            String text = text(doc);
            assertThat(text).contains("Dit zijn de laatste woorden van de motivering.", "Zin 1 van de motivering",
                    "pagina 1 van " + pages, "pagina " + pages + " van " + pages, "Pieter Jansen",
                    "over 2026: uiterlijk 15 juli 2027");
            assertWithinMargins(doc);
        }
    }

    @Test
    void anyUserTextRendersLiterallyOrAsAQuestionMark() throws IOException {
        String hostile = "<script>alert(1)</script> & <b>vet</b>\u0007\u0000 feest 😀 中文 ½ “aanhalingstekens” "
                + "x".repeat(300) + " einde";

        byte[] pdf = renderer.awardLetter(award(hostile, "Motivering\r\nmet\tregels\u2028en meer"));

        try (PDDocument doc = Loader.loadPDF(pdf)) {
            String text = text(doc);
            assertThat(text).contains("<script>alert(1)</script> & <b>vet</b> feest ? ?? ½ “aanhalingstekens”",
                    "x".repeat(60), " einde", "Motivering met regels en meer");
            assertThat(text).doesNotContain("\u0007", "😀", "中文");
            assertWithinMargins(doc);
        }
    }

    @Test
    void theSameLetterGivesTheSameBytesFromAnyThread() {
        AwardLetter letter = award("Voorwaarden.", "Motivering.");
        byte[] first = renderer.awardLetter(letter);

        List<byte[]> concurrent = IntStream.range(0, 8).parallel().mapToObj(i -> renderer.awardLetter(letter)).toList();

        assertThat(concurrent).allSatisfy(pdf -> assertThat(pdf).isEqualTo(first));
        assertThat(renderer.awardLetter(award("Andere voorwaarden.", "Motivering."))).isNotEqualTo(first);
    }

    /** Writes both letters as PNG (100 dpi) to tests/target/letters for a person to look at. */
    @Test
    void rendersPreviewImages() throws IOException {
        Files.createDirectories(PREVIEWS);
        try (var old = Files.list(PREVIEWS)) { // a letter that got shorter leaves no stale page behind
            for (Path file : old.filter(f -> f.toString().endsWith(".png")).toList()) {
                Files.delete(file);
            }
        }
        List<Path> written = new ArrayList<>();
        written.addAll(preview("award-letter", renderer.awardLetter(award(
                "1. De uitkering wordt besteed aan de activiteiten in het plan.\n"
                        + "2. Wijzigingen van meer dan 10% per activiteit meldt u vooraf.",
                "Het plan richt zich op alle vier de aandachtspunten (vinden, versterken, verlichten en verbinden). "
                        + "Het adviesteam heeft positief geadviseerd. De gevraagde bedragen passen binnen de "
                        + "toegekende middelen voor de gemeente."))));
        written.addAll(preview("award-letter-late", renderer.awardLetter(lateAward())));
        written.addAll(preview("settlement-letter", renderer.settlementLetter(settlement(3_500_000, 4_000_000))));

        assertThat(written).hasSizeGreaterThanOrEqualTo(3);
        for (Path png : written) {
            BufferedImage image = ImageIO.read(png.toFile());
            // A4 is 595.28 x 841.89 points; at 100 dpi that is 826 x 1169 pixels
            assertThat(image.getWidth()).isEqualTo(826);
            assertThat(image.getHeight()).isEqualTo(1169);
        }
    }

    private static List<Path> preview(String name, byte[] pdf) throws IOException {
        List<Path> files = new ArrayList<>();
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDFRenderer pages = new PDFRenderer(doc);
            for (int i = 0; i < doc.getNumberOfPages(); i++) {
                Path file = PREVIEWS.resolve(name + "-" + (i + 1) + ".png");
                ImageIO.write(pages.renderImageWithDPI(i, 100), "png", file.toFile());
                files.add(file);
            }
        }
        return files;
    }

    /** Decided 15 March 2025: both reports lie ahead. */
    private static AwardLetter award(String conditions, String motivation) {
        LocalDate decided = LocalDate.of(2025, 3, 15);
        return letter(new AwardReference(2025, 42), decided, conditions, motivation);
    }

    /** Decided 2 December 2026: the report on 2025 was due 15 July 2026. */
    private static AwardLetter lateAward() {
        return letter(new AwardReference(2026, 7), LocalDate.of(2026, 12, 2), "Rapporteer per jaar.",
                "Het plan is positief geadviseerd.");
    }

    private static AwardLetter letter(AwardReference reference, LocalDate decided, String conditions,
                                      String motivation) {
        SchemeRules rules = SchemeRules.DEFAULT;
        TreeMap<Integer, LocalDate> deadlines = new TreeMap<>(Map.of(
                2025, rules.reportDeadline(2025), 2026, rules.reportDeadline(2026)));
        TreeMap<Integer, LocalDate> payments = new TreeMap<>(Map.of(
                2025, rules.advancePaymentDate(2025, decided), 2026, rules.advancePaymentDate(2026, decided)));
        return new AwardLetter(reference, "Respijtzorg dichtbij huis", SUDWEST_FRYSLAN, SCHEME,
                YearAmounts.of(Map.of(2025, 4_000_000L, 2026, 3_500_000L)), conditions, motivation, decided,
                Signatory.approver("Pieter Jansen"), payments, deadlines);
    }

    /** Awarded € 40.000 for 2025 and € 35.000 for 2026, with the given spending reported per year. */
    private static SettlementLetter settlement(long spent2025, long spent2026) {
        var rows = List.of(
                new SettlementLetter.Row(2025, 4_000_000, spent2025, Math.min(spent2025, 4_000_000)),
                new SettlementLetter.Row(2026, 3_500_000, spent2026, Math.min(spent2026, 3_500_000)));
        long eligible = rows.stream().mapToLong(SettlementLetter.Row::eligibleCents).sum();
        return new SettlementLetter("SPUK-2025-00042", "Respijtzorg dichtbij huis", SUDWEST_FRYSLAN, SCHEME, rows,
                7_500_000, eligible, 7_500_000 - eligible, LocalDate.of(2027, 9, 1), Signatory.approver("Pieter Jansen"),
                LocalDate.of(2027, 11, 1));
    }

    /** The text of all pages in reading order, every run of whitespace made one space. */
    private static String text(PDDocument doc) throws IOException {
        PDFTextStripper stripper = new PDFTextStripper();
        stripper.setSortByPosition(true);
        return stripper.getText(doc).replaceAll("\\s+", " ");
    }

    /** Every glyph lies inside the page's margins: nothing overflows to the right or off the bottom. */
    private static void assertWithinMargins(PDDocument doc) throws IOException {
        List<TextPosition> glyphs = new ArrayList<>();
        PDFTextStripper collector = new PDFTextStripper() {
            @Override
            protected void processTextPosition(TextPosition text) {
                glyphs.add(text);
            }
        };
        collector.getText(doc);
        assertThat(glyphs).isNotEmpty().allSatisfy(glyph -> {
            assertThat(glyph.getXDirAdj()).isGreaterThanOrEqualTo(71f);
            assertThat(glyph.getXDirAdj() + glyph.getWidthDirAdj()).isLessThanOrEqualTo(595.3f - 71f);
            assertThat(glyph.getYDirAdj()).isBetween(40f, 842f - 40f);
        });
    }
}
