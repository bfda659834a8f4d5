package nl.spuk.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import nl.spuk.local.ApiClient.Response;
import nl.spuk.local.ApiClient;
import org.junit.jupiter.api.BeforeAll;

/** What integration tests through the local gateway share: users, a valid plan, a real document upload. */
abstract class ApiTest {
    static final byte[] PDF = "%PDF-1.7\n% a plan for caregiver support\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    private static final AtomicInteger USERS = new AtomicInteger();
    static ApiClient anonymous;

    @BeforeAll
    static void startServer() {
        anonymous = new ApiClient(SharedLocalServer.get().baseUri());
    }

    static ApiClient municipality(String code) {
        return anonymous.as("official-" + code + "-" + USERS.incrementAndGet(), "municipality", code);
    }

    static ApiClient advisor() {
        return anonymous.as("advisor-" + USERS.incrementAndGet(), "advisor", null);
    }

    static ApiClient ministry() {
        return anonymous.as("ministry-" + USERS.incrementAndGet(), "ministry", null);
    }

    static Map<String, Object> plan(String title, long cents2025) {
        return Map.of(
                "title", title,
                "years", List.of(2025, 2026),
                "activities", List.of(Map.of(
                        "theme", "VERLICHTEN",
                        "title", "Respijtzorg",
                        "description", "Logeeropvang en dagbesteding voor de naaste",
                        "budgetCents", Map.of("2025", cents2025, "2026", 100_000L))),
                "contact", Map.of("name", "J. de Vries", "email", "j.devries@example.nl"));
    }

    static JsonNode createDraft(ApiClient official, String title) {
        Response r = official.post("/v1/applications", plan(title, 1_250_000L));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    static void allocate(String code, int year, long cents) {
        Response r = ministry().put("/v1/municipalities/" + code + "/allocations/" + year, Map.of("amountCents", cents));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    /** A plan of {@code code} submitted and in review, its allocations set to 20,000.00 a year. */
    static String inReview(ApiClient official, String code, String title) throws Exception {
        allocate(code, 2025, 2_000_000L);
        allocate(code, 2026, 2_000_000L);
        String id = createDraft(official, title).get("id").asText();
        upload(official, id, "PLAN", "plan.pdf", PDF);
        Response submitted = official.post("/v1/applications/" + id + "/submit", null);
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(200);
        assertThat(submitted.json().get("status").asText()).isEqualTo("IN_REVIEW");
        return id;
    }

    static Response advise(ApiClient advisor, String id, String outcome) {
        return advisor.post("/v1/applications/" + id + "/advice", Map.of("outcome", outcome, "summary", "Besproken met de gemeente"));
    }

    static Response logHours(ApiClient advisor, String id, Object hours) {
        return advisor.post("/v1/applications/" + id + "/advisory/hours", Map.of(
                "hours", hours, "theme", "RESPIJTZORG", "date", "2025-03-01", "note", "Gesprek over respijtzorg"));
    }

    /** Announces a document, PUTs its bytes to the presigned URL, and waits until it is AVAILABLE. */
    static JsonNode upload(ApiClient user, String applicationId, String kind, String fileName, byte[] bytes) throws Exception {
        Response announced = user.post("/v1/applications/" + applicationId + "/documents", Map.of(
                "fileName", fileName, "contentType", "application/pdf", "sizeBytes", bytes.length, "kind", kind));
        assertThat(announced.status()).as(announced.body()).isEqualTo(201);
        String documentId = announced.json().get("documentId").asText();
        int stored = put(URI.create(announced.json().get("uploadUrl").asText()), "application/pdf", bytes);
        assertThat(stored).isEqualTo(200);
        return awaitDocument(user, applicationId, documentId, "AVAILABLE");
    }

    static int put(URI url, String contentType, byte[] bytes) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url)
                .header("Content-Type", contentType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode();
    }

    static JsonNode awaitDocument(ApiClient user, String applicationId, String documentId, String status) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (true) {
            JsonNode items = user.get("/v1/applications/" + applicationId + "/documents").json().get("items");
            for (JsonNode d : items) {
                if (d.get("documentId").asText().equals(documentId) && d.get("status").asText().equals(status)) {
                    return d;
                }
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("document " + documentId + " did not become " + status + ": " + items);
            }
            Thread.sleep(50);
        }
    }

    /** The fields of a problem answer every refusal must have. */
    static void assertProblem(Response r, int status) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        JsonNode p = r.json();
        assertThat(p.get("status").asInt()).isEqualTo(status);
        assertThat(p.get("title").asText()).isNotBlank();
        assertThat(p.get("detail").asText()).isNotBlank();
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
