package nl.spuk.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
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
        official.upload(id, "PLAN", "plan.pdf", PDF);
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
