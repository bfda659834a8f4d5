package nl.spuk.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DocumentRulesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "../../etc/passwd|passwd",
            "C:\\Users\\x\\plan.pdf|plan.pdf",
            "  plan 2025.pdf |plan 2025.pdf",
            "..|",
            "\"quoted\".pdf|quoted.pdf"})
    void keepsOnlyASafeBaseName(String given, String expected) {
        assertThat(DocumentRules.displayName(given)).isEqualTo(expected);
    }

    @Test
    void dropsControlCharacters() {
        assertThat(DocumentRules.displayName("a\u0000b\r\n\u202e.pdf")).isEqualTo("ab.pdf");
    }

    @Test
    void acceptsAnAllowedDocument() {
        assertThat(DocumentRules.check("plan.pdf", "application/pdf", 1000, DocumentKind.PLAN)).isEmpty();
    }

    @Test
    void namesEveryProblem() {
        assertThat(DocumentRules.check("../x.exe", "application/x-msdownload", DocumentRules.MAX_BYTES + 1, DocumentKind.DECISION))
                .extracting(FieldError::field).containsExactlyInAnyOrder("contentType", "sizeBytes", "kind");
        assertThat(DocumentRules.check("plan.docx", "application/pdf", 10, DocumentKind.PLAN))
                .extracting(FieldError::field).containsExactly("fileName");
        assertThat(DocumentRules.check("plan.pdf", "application/pdf", 0, DocumentKind.PLAN))
                .extracting(FieldError::field).containsExactly("sizeBytes");
    }
}
