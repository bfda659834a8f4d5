package nl.spuk.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.spuk.adapter.out.s3.S3Clients;
import nl.spuk.config.Settings;
import nl.spuk.local.ApiClient;
import nl.spuk.local.ApiClient.Response;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/** {@code DELETE /v1/applications/{id}/documents/{documentId}} through the local gateway, against S3Proxy. */
class DocumentRemovalTest extends ApiTest {
    /** Local mode's documents bucket and region (LocalServer's, package-private there). */
    private static final String BUCKET = "spuk-documents";
    private static final String REGION = "eu-central-1";

    @Test
    void aRemovedUploadLeavesNoBytesNoCountAndATraceInTheHistory() throws Exception {
        ApiClient official = municipality("GM0202");
        String id = createDraft(official, "Plan met een verkeerde bijlage").get("id").asText();
        JsonNode plan = official.upload(id, "PLAN", "plan.pdf", PDF);
        String documentId = plan.get("documentId").asText();
        URI download = URI.create(official.get("/v1/applications/" + id + "/documents/" + documentId).json()
                .get("downloadUrl").asText());
        assertThat(status(download)).isEqualTo(200);
        assertThat(objectsOf(id)).isNotEmpty();

        Response removed = official.delete("/v1/applications/" + id + "/documents/" + documentId);
        assertThat(removed.status()).as(removed.body()).isEqualTo(204);
        assertThat(removed.header("API-Version")).isNotBlank();
        assertThat(official.delete("/v1/applications/" + id + "/documents/" + documentId).status()).isEqualTo(204);
        assertProblem(official.delete("/v1/applications/" + id + "/documents/00000000-0000-4000-8000-000000000000"), 404);

        assertThat(official.get("/v1/applications/" + id + "/documents").json().get("items")).isEmpty();
        assertThat(status(download)).isEqualTo(404); // the checked copy the download served is gone from S3Proxy
        assertThat(objectsOf(id)).isEmpty();
        List<String> actions = new ArrayList<>();
        official.get("/v1/applications/" + id + "/history").json().get("items").forEach(e -> actions.add(e.get("action").asText()));
        assertThat(actions).containsExactly("CREATED", "DOCUMENT_ANNOUNCED", "DOCUMENT_UPLOADED", "DOCUMENT_DELETED");
        // without its plan the draft is incomplete again
        Response incomplete = official.post("/v1/applications/" + id + "/submit", null);
        assertProblem(incomplete, 422);
    }

    @Test
    void aRemovalLowersTheCountsSoTheNextUploadFitsUnderTheCaps() throws Exception {
        ApiClient official = municipality("GM0202");
        String id = createDraft(official, "Plan met veel bijlagen").get("id").asText();
        // 20 waiting for their upload at most
        List<String> waiting = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            waiting.add(announce(official, id, "bijlage-" + i + ".pdf").get("documentId").asText());
        }
        assertProblem(official.post("/v1/applications/" + id + "/documents", announcement("een te veel.pdf")), 409);
        assertThat(official.delete("/v1/applications/" + id + "/documents/" + waiting.remove(0)).status()).isEqualTo(204);
        waiting.add(announce(official, id, "past weer.pdf").get("documentId").asText());
        for (String documentId : waiting) {
            assertThat(official.delete("/v1/applications/" + id + "/documents/" + documentId).status()).isEqualTo(204);
        }

        // 100 documents at most: fill up with uploads, 20 at a time
        String last = null;
        for (int round = 0; round < 5; round++) {
            List<JsonNode> tickets = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                tickets.add(announce(official, id, "stuk-" + round + "-" + i + ".pdf"));
            }
            for (JsonNode ticket : tickets) {
                assertThat(ApiClient.putBytes(URI.create(ticket.get("uploadUrl").asText()), "application/pdf", PDF)).isEqualTo(200);
            }
            for (JsonNode ticket : tickets) {
                last = ticket.get("documentId").asText();
                awaitAvailable(official, id, last);
            }
        }
        Response full = official.post("/v1/applications/" + id + "/documents", announcement("nummer 101.pdf"));
        assertProblem(full, 409);
        assertThat(official.delete("/v1/applications/" + id + "/documents/" + last).status()).isEqualTo(204);
        assertThat(official.post("/v1/applications/" + id + "/documents", announcement("nummer 100.pdf")).status()).isEqualTo(201);
    }

    @Test
    void onlyTheOwnMunicipalityRemovesAndOnlyWhileDraftingOrRevisingNeverALetter() throws Exception {
        ApiClient official = municipality("GM0202");
        String id = inReview(official, "GM0202", "Plan in behandeling");
        String plan = official.get("/v1/applications/" + id + "/documents").json().get("items").get(0)
                .get("documentId").asText();
        String path = "/v1/applications/" + id + "/documents/" + plan;

        Response inReview = official.delete(path);
        assertProblem(inReview, 409);
        assertThat(inReview.json().get("detail").asText()).contains("alleen worden verwijderd");
        assertProblem(municipality("GM0193").delete(path), 404);
        assertProblem(advisor().delete(path), 403);
        assertProblem(ministry().delete(path), 403);
        assertProblem(anonymous.delete(path), 401);

        ApiClient advisor = advisor();
        String advice = advisor.upload(id, "ADVICE", "advies.pdf", PDF).get("documentId").asText();
        assertThat(advise(advisor, id, "CHANGES_REQUESTED").status()).isEqualTo(200);
        Response advisorsDocument = official.delete("/v1/applications/" + id + "/documents/" + advice);
        assertProblem(advisorsDocument, 409);
        assertThat(advisorsDocument.json().get("detail").asText()).contains("gemeente zelf");
        assertThat(official.delete(path).status()).isEqualTo(204); // the own plan, while revising
        assertThat(official.upload(id, "PLAN", "plan v2.pdf", PDF).get("status").asText()).isEqualTo("AVAILABLE");

        // an award letter: the application is no longer editable, and the letter is the ministry's
        Response resubmitted = official.post("/v1/applications/" + id + "/submit", null);
        assertThat(resubmitted.status()).as(resubmitted.body()).isEqualTo(200);
        assertThat(advise(advisor(), id, "POSITIVE").status()).isEqualTo(200);
        assertThat(ministry().post("/v1/applications/" + id + "/decision", Map.of("outcome", "AWARD",
                "awardedCents", Map.of("2025", 100_000L), "motivation", "Goed plan")).status()).isEqualTo(200);
        assertThat(ministry().post("/v1/applications/" + id + "/decision/approve", null).json().get("status").asText())
                .isEqualTo("AWARDED");
        String letter = null;
        for (JsonNode d : official.get("/v1/applications/" + id + "/documents").json().get("items")) {
            if (d.get("kind").asText().equals("DECISION")) {
                letter = d.get("documentId").asText();
            }
        }
        assertThat(letter).isNotNull();
        assertProblem(official.delete("/v1/applications/" + id + "/documents/" + letter), 409);
        assertThat(official.get("/v1/applications/" + id + "/documents/" + letter).status()).isEqualTo(200);
    }

    /** Waits until the document can be downloaded (AVAILABLE), without reading the paged list. */
    private static void awaitAvailable(ApiClient official, String id, String documentId) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            if (official.get("/v1/applications/" + id + "/documents/" + documentId).status() == 200) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("document " + documentId + " did not become AVAILABLE");
    }

    private static JsonNode announce(ApiClient official, String id, String fileName) {
        Response r = official.post("/v1/applications/" + id + "/documents", announcement(fileName));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    private static Map<String, Object> announcement(String fileName) {
        return Map.of("fileName", fileName, "contentType", "application/pdf", "sizeBytes", PDF.length, "kind", "OTHER");
    }

    private static int status(URI url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    /** The keys S3Proxy holds for the application: uploads and checked copies. */
    private static List<String> objectsOf(String applicationId) {
        try (S3Client s3 = S3Clients.client(REGION, Optional.of(URI.create(System.getProperty(Settings.S3_ENDPOINT))),
                S3Clients.staticCredentials(System.getProperty("aws.accessKeyId"), System.getProperty("aws.secretAccessKey")))) {
            List<String> keys = new ArrayList<>();
            for (String prefix : List.of("applications/" + applicationId + "/", "checked/" + applicationId + "/")) {
                s3.listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix(prefix)).contents().forEach(o -> keys.add(o.key()));
            }
            return keys;
        }
    }
}
