package nl.spuk.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import nl.spuk.local.ApiClient.Response;
import nl.spuk.local.ApiClient;
import org.junit.jupiter.api.Test;

/** The 25 free hours per municipality: exact, validated, and not beatable by concurrent requests. */
class AdvisoryHoursTest extends ApiTest {

    @Test
    void concurrentEntriesNeverExceedTheCap() throws Exception {
        ApiClient official = municipality("GM0141");
        String id = inReview(official, "GM0141", "Almelo");
        ApiClient advisor = advisor();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Callable<Response>> calls = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            calls.add(() -> logHours(advisor, id, 1));
        }
        int booked = 0;
        int refused = 0;
        for (Future<Response> f : pool.invokeAll(calls)) {
            Response r = f.get();
            if (r.status() == 201) {
                booked++;
            } else {
                assertProblem(r, 409);
                assertThat(r.json().has("remainingHours")).isTrue();
                refused++;
            }
        }
        pool.shutdown();
        assertThat(booked).isEqualTo(25);
        assertThat(refused).isEqualTo(15);
        Response ledger = official.get("/v1/municipalities/GM0141/advisory-hours?limit=100");
        assertThat(ledger.json().get("usedHours").asDouble()).isEqualTo(25.0);
        assertThat(ledger.json().get("remainingHours").asDouble()).isZero();
        assertThat(ledger.json().get("entries").size()).isEqualTo(25);

        Response atCap = logHours(advisor, id, 0.25);
        assertProblem(atCap, 409);
        assertThat(atCap.json().get("remainingHours").asDouble()).isZero();
        assertThat(advise(advisor, id, "POSITIVE").json().get("status").asText()).isEqualTo("ADVISED");
    }

    @Test
    void anEntryThatDoesNotFitIsRefusedWhole() throws Exception {
        ApiClient official = municipality("GM0147");
        String id = inReview(official, "GM0147", "Borne");
        ApiClient advisor = advisor();
        for (int i = 0; i < 3; i++) {
            assertThat(logHours(advisor, id, 8).status()).isEqualTo(201);
        }
        Response over = logHours(advisor, id, 1.25);
        assertProblem(over, 409);
        assertThat(over.json().get("remainingHours").asDouble()).isEqualTo(1.0);
        assertThat(logHours(advisor, id, 1).status()).isEqualTo(201);
        assertThat(official.get("/v1/municipalities/GM0147/advisory-hours").json().get("usedHours").asDouble()).isEqualTo(25.0);
    }

    @Test
    void anAnswerOf201MeansBookedAlsoWhenAnIdempotencyKeyIsReusedForAnotherApplication() throws Exception {
        ApiClient official = municipality("GM0150");
        String first = inReview(official, "GM0150", "Deventer");
        String second = inReview(official, "GM0150", "Deventer");
        ApiClient advisor = advisor();
        Map<String, Object> entry = Map.of("hours", 2, "theme", "RESPIJTZORG", "date", "2025-03-01", "note", "Gesprek");
        String key = UUID.randomUUID().toString();

        Response onFirst = advisor.post("/v1/applications/" + first + "/advisory/hours", entry, "Idempotency-Key", key);
        Response replayed = advisor.post("/v1/applications/" + first + "/advisory/hours", entry, "Idempotency-Key", key);
        Response onSecond = advisor.post("/v1/applications/" + second + "/advisory/hours", entry, "Idempotency-Key", key);

        assertThat(onFirst.status()).isEqualTo(201);
        assertThat(replayed.status()).isEqualTo(201);
        assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(onSecond.status()).as("another path is another request").isEqualTo(201);
        assertThat(onSecond.json().get("usedHours").asDouble()).isEqualTo(4.0);
        Response ledger = official.get("/v1/municipalities/GM0150/advisory-hours");
        assertThat(ledger.json().get("usedHours").asDouble()).isEqualTo(4.0);
        assertThat(ledger.json().get("entries").size()).isEqualTo(2);
    }

    @Test
    void badEntriesAreRefusedAndChangeNothing() throws Exception {
        ApiClient official = municipality("GM0148");
        String id = inReview(official, "GM0148", "Dalfsen");
        ApiClient advisor = advisor();
        assertProblem(logHours(advisor, id, 0.3), 422);
        assertProblem(logHours(advisor, id, 0), 422);
        assertProblem(logHours(advisor, id, -1), 422);
        assertProblem(logHours(advisor, id, 8.25), 422);
        assertProblem(logHours(advisor, id, "two"), 400);
        assertProblem(advisor.post("/v1/applications/" + id + "/advisory/hours", java.util.Map.of(
                "hours", 1, "theme", "KOFFIE", "date", "2025-03-01")), 422);
        assertProblem(advisor.post("/v1/applications/" + id + "/advisory/hours", java.util.Map.of(
                "hours", 1, "theme", "RESPIJTZORG", "date", "2999-01-01")), 422);
        assertProblem(advisor.post("/v1/applications/" + id + "/advisory/hours", java.util.Map.of(
                "hours", 1, "theme", "RESPIJTZORG", "date", "1-3-2025")), 422);
        assertThat(official.get("/v1/municipalities/GM0148/advisory-hours").json().get("usedHours").asDouble()).isZero();
    }

    @Test
    void aMunicipalitySeesOnlyItsOwnHours() {
        assertThat(municipality("GM0150").get("/v1/municipalities/GM0150/advisory-hours").status()).isEqualTo(200);
        assertProblem(municipality("GM0150").get("/v1/municipalities/GM0153/advisory-hours"), 404);
        assertProblem(ministry().get("/v1/municipalities/GM9999/advisory-hours"), 404);
        Response forAdvisor = advisor().get("/v1/municipalities/GM0153/advisory-hours");
        assertThat(forAdvisor.json().get("capHours").asDouble()).isEqualTo(25.0);
    }
}
