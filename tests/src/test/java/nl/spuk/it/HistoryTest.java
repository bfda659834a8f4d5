package nl.spuk.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import nl.spuk.local.ApiClient;
import nl.spuk.local.ApiClient.Response;
import org.junit.jupiter.api.Test;

/** The history answers its details as JSON values and names people by their display names. */
class HistoryTest extends ApiTest {

    @Test
    void detailsAreJsonValuesAndPeopleAreNamed() throws Exception {
        ApiClient official = anonymous.as("official-history-1", "Anna de Boer", "municipality", "GM0098");
        ApiClient advisor = anonymous.as("advisor-history-1", "Bram Visser", "advisor", null);
        String id = inReview(official, "GM0098", "Almelo zorgt");
        assertThat(logHours(advisor, id, 2.5).status()).isEqualTo(201);
        assertThat(advise(advisor, id, "POSITIVE").status()).isEqualTo(200);
        Response proposed = ministry().post("/v1/applications/" + id + "/decision", Map.of("outcome", "AWARD",
                "awardedCents", Map.of("2025", 900_000L, "2026", 100_000L), "motivation", "Past binnen de regeling"));
        assertThat(proposed.status()).as(proposed.body()).isEqualTo(200);

        Response history = ministry().get("/v1/applications/" + id + "/history");
        assertThat(history.status()).isEqualTo(200);
        JsonNode uploaded = event(history, "DOCUMENT_UPLOADED");
        assertThat(uploaded.get("actor").asText()).isEqualTo("Anna de Boer");
        assertThat(uploaded.get("actorId").asText()).isEqualTo("official-history-1");
        assertThat(uploaded.get("role").asText()).isEqualTo("MUNICIPALITY");

        JsonNode hours = event(history, "HOURS_LOGGED");
        assertThat(hours.get("actor").asText()).isEqualTo("Bram Visser");
        assertThat(hours.get("details").get("hours").isNumber()).as(hours.toString()).isTrue();
        assertThat(hours.get("details").get("hours").asDouble()).isEqualTo(2.5);

        JsonNode decision = event(history, "DECISION_PROPOSED").get("details");
        assertThat(decision.get("awardedCents").isObject()).as(decision.toString()).isTrue();
        assertThat(decision.get("awardedCents").get("2025").isIntegralNumber()).isTrue();
        assertThat(decision.get("awardedCents").get("2025").asLong()).isEqualTo(900_000L);
        assertThat(decision.get("awardedCents").get("2026").asLong()).isEqualTo(100_000L);
        assertThat(history.body()).doesNotContain("=900000");
    }

    private static JsonNode event(Response history, String action) {
        for (JsonNode e : history.json().get("items")) {
            if (e.get("action").asText().equals(action)) {
                return e;
            }
        }
        throw new AssertionError("no " + action + " in " + history.body());
    }
}
