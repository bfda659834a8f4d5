package nl.spuk.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import nl.spuk.local.ApiClient;
import nl.spuk.local.ApiClient.Response;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/**
 * An award's reference end to end: the approval answers it, the application shows it, the letter stored with the
 * application carries it as its kenmerk (signed by the approver, not the proposer), and the AWARDED mail that the
 * local SMTP server received names it.
 */
class AwardReferenceTest extends ApiTest {

    @Test
    void theAwardedMailAndTheLetterCarryTheReference() throws Exception {
        ApiClient official = municipality("GM0141");
        String id = inReview(official, "GM0141", "Almelo zorgt voor mantelzorgers");
        assertThat(advise(advisor(), id, "POSITIVE").json().get("status").asText()).isEqualTo("ADVISED");
        ApiClient proposer = anonymous.as("ministry-proposer-almelo", "ministry", null);
        ApiClient approver = anonymous.as("ministry-approver-almelo", "ministry", null);
        Response proposed = proposer.post("/v1/applications/" + id + "/decision", Map.of("outcome", "AWARD",
                "awardedCents", Map.of("2025", 1_000_000L, "2026", 100_000L), "motivation", "Past binnen de regeling"));
        assertThat(proposed.status()).as(proposed.body()).isEqualTo(200);
        assertThat(proposed.json().get("reference").isNull()).isTrue();

        Response approved = approver.post("/v1/applications/" + id + "/decision/approve", null);

        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        String reference = approved.json().get("reference").asText();
        Instant approvedAt = Instant.parse(approved.json().get("decision").get("approvedAt").asText());
        LocalDate decided = LocalDate.ofInstant(approvedAt, ZoneId.of("Europe/Amsterdam"));
        assertThat(reference).matches("SPUK-" + decided.getYear() + "-\\d{5}");
        assertThat(official.get("/v1/applications/" + id).json().get("reference").asText()).isEqualTo(reference);

        String letter = letterText(official, id);
        assertThat(letter).contains("Kenmerk " + reference, "Beschikking — kenmerk " + reference, "besloten",
                "namens deze, ministry-approver-almelo",
                "Wij betalen de uitkering als voorschot, per jaar in één keer", "onder vermelding van kenmerk " + reference);
        assertThat(letter).doesNotContain("ministry-proposer-almelo", "vastgesteld", id);
        if (decided.isAfter(LocalDate.of(2026, 7, 15))) { // the report on 2025 was due then
            assertThat(letter).contains("De termijn voor de verantwoording over 2025 is op 15 juli 2026 verstreken");
        } else {
            assertThat(letter).contains("over 2025: uiterlijk 15 juli 2026");
        }

        JsonNode mail = awaitMail(id, "AWARDED");
        assertThat(mail.get("to").get(0).asText()).isEqualTo("j.devries@example.nl");
        assertThat(mail.get("text").asText()).contains("kenmerk " + reference, "Kenmerk:   " + reference);
    }

    /** The text of the award letter among the application's documents, as its download serves it. */
    private static String letterText(ApiClient user, String id) throws Exception {
        String documentId = null;
        for (JsonNode d : user.get("/v1/applications/" + id + "/documents").json().get("items")) {
            if (d.get("kind").asText().equals("DECISION")) {
                documentId = d.get("documentId").asText();
            }
        }
        assertThat(documentId).as("the award letter").isNotNull();
        String url = user.get("/v1/applications/" + id + "/documents/" + documentId).json().get("downloadUrl").asText();
        byte[] pdf = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofByteArray()).body();
        try (var doc = Loader.loadPDF(pdf)) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            return stripper.getText(doc).replace('\u00a0', ' ').replaceAll("\\s+", " ");
        }
    }

    /** The mail of this notification type about the application, once the local SMTP server received it. */
    private static JsonNode awaitMail(String applicationId, String type) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            Response r = anonymous.get("/local/mail");
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            for (JsonNode m : r.json().get("items")) {
                JsonNode headers = m.get("headers");
                if (applicationId.equals(header(headers, "X-Spuk-Application")) && type.equals(header(headers, "X-Spuk-Notification"))) {
                    return m;
                }
            }
            assertThat(Instant.now()).as("waiting for the " + type + " mail").isBefore(deadline);
            Thread.sleep(100);
        }
    }

    private static String header(JsonNode headers, String name) {
        for (var it = headers.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (field.equalsIgnoreCase(name)) {
                return headers.get(field).asText();
            }
        }
        return null;
    }
}
