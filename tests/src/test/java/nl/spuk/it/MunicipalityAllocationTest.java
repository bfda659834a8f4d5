package nl.spuk.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import nl.spuk.local.ApiClient;
import nl.spuk.local.ApiClient.Response;
import org.junit.jupiter.api.Test;

/** {@code GET /v1/municipalities/{code}}: what a municipality may still ask for, as the award ceiling counts it. */
class MunicipalityAllocationTest extends ApiTest {
    private static final String APELDOORN = "GM0200";

    @Test
    void anAwardCommitsItsShareAndTheHeadroomIsWhatIsLeft() throws Exception {
        ApiClient apeldoorn = municipality(APELDOORN);
        String id = inReview(apeldoorn, APELDOORN, "Mantelzorg Apeldoorn");

        JsonNode before = ok(apeldoorn.get("/v1/municipalities/" + APELDOORN));
        assertThat(before.get("code").asText()).isEqualTo(APELDOORN);
        assertThat(before.get("name").asText()).isEqualTo("Apeldoorn");
        assertThat(before.get("allocationsCents")).isEqualTo(cents(2_000_000L, 2_000_000L));
        assertThat(before.get("committedCents").size()).isZero();
        assertThat(before.get("headroomCents")).isEqualTo(cents(2_000_000L, 2_000_000L));

        assertThat(advise(advisor(), id, "POSITIVE").status()).isEqualTo(200);
        ApiClient proposer = ministry();
        Response proposed = proposer.post("/v1/applications/" + id + "/decision", Map.of("outcome", "AWARD",
                "awardedCents", Map.of("2025", 900_000L, "2026", 100_000L), "motivation", "Past binnen de regeling"));
        assertThat(proposed.status()).as(proposed.body()).isEqualTo(200);
        // a proposal takes nothing yet: the ceiling counts approved awards
        assertThat(ok(apeldoorn.get("/v1/municipalities/" + APELDOORN)).get("committedCents").size()).isZero();
        Response approved = ministry().post("/v1/applications/" + id + "/decision/approve", null);
        assertThat(approved.json().get("status").asText()).as(approved.body()).isEqualTo("AWARDED");

        JsonNode after = ok(apeldoorn.get("/v1/municipalities/" + APELDOORN));
        assertThat(after.get("allocationsCents")).isEqualTo(cents(2_000_000L, 2_000_000L));
        assertThat(after.get("committedCents")).isEqualTo(cents(900_000L, 100_000L));
        assertThat(after.get("headroomCents")).isEqualTo(cents(1_100_000L, 1_900_000L));
        assertThat(ok(proposer.get("/v1/municipalities/" + APELDOORN))).isEqualTo(after);

        // the award ceiling is the same headroom: a second award above it is refused
        String second = inReview(apeldoorn, APELDOORN, "Tweede plan Apeldoorn");
        assertThat(advise(advisor(), second, "POSITIVE").status()).isEqualTo(200);
        assertProblem(proposer.post("/v1/applications/" + second + "/decision", Map.of("outcome", "AWARD",
                "awardedCents", Map.of("2025", 1_100_001L), "motivation", "Te veel")), 422);
    }

    @Test
    void onlyThatMunicipalityAndTheMinistrySeeItAndUnknownCodesAreNotFound() {
        allocate("GM0203", 2025, 1_000_000L);

        Response foreign = municipality("GM0193").get("/v1/municipalities/GM0203");
        assertProblem(foreign, 404);
        assertThat(foreign.body()).doesNotContain("1000000").doesNotContain("Barneveld");
        assertProblem(municipality("GM0193").get("/v1/municipalities/GM9999"), 404);
        assertProblem(ministry().get("/v1/municipalities/GM9999"), 404);
        assertProblem(advisor().get("/v1/municipalities/GM0203"), 403);
        assertProblem(anonymous.get("/v1/municipalities/GM0203"), 401);
        assertThat(ok(municipality("GM0203").get("/v1/municipalities/GM0203")).get("allocationsCents").get("2025").asLong())
                .isEqualTo(1_000_000L);
        assertThat(ok(ministry().get("/v1/municipalities/GM0203")).get("headroomCents").get("2025").asLong())
                .isEqualTo(1_000_000L);
    }

    private static JsonNode ok(Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.header("API-Version")).isNotBlank();
        return r.json();
    }

    private static JsonNode cents(long cents2025, long cents2026) throws Exception {
        return ApiClient.JSON.readTree("{\"2025\":" + cents2025 + ",\"2026\":" + cents2026 + "}");
    }
}
