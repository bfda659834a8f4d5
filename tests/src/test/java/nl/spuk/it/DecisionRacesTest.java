package nl.spuk.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import nl.spuk.local.ApiClient.Response;
import nl.spuk.local.ApiClient;
import org.junit.jupiter.api.Test;

/** Exactly one decision takes effect, and awards racing for one allocation cannot both have it. */
class DecisionRacesTest extends ApiTest {

    private static String proposed(ApiClient official, String code, String title, long award2025, ApiClient proposer) throws Exception {
        String id = inReview(official, code, title);
        assertThat(advise(advisor(), id, "POSITIVE").json().get("status").asText()).isEqualTo("ADVISED");
        Response r = proposer.post("/v1/applications/" + id + "/decision", Map.of("outcome", "AWARD",
                "awardedCents", Map.of("2025", award2025), "motivation", "Goed plan"));
        assertThat(r.json().get("status").asText()).as(r.body()).isEqualTo("DECISION_PROPOSED");
        return id;
    }

    @Test
    void parallelApprovalsMakeOneDecision() throws Exception {
        ApiClient official = municipality("GM0158");
        ApiClient proposer = ministry();
        String id = proposed(official, "GM0158", "Haaksbergen", 1_000_000L, proposer);
        List<Callable<Response>> approvals = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ApiClient approver = ministry();
            approvals.add(() -> approver.post("/v1/applications/" + id + "/decision/approve", null));
        }
        List<Integer> statuses = run(approvals);
        assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        assertThat(statuses).filteredOn(s -> s != 200).allMatch(s -> s == 409);
        long approvedEvents = count(official, id, "DECISION_APPROVED");
        assertThat(approvedEvents).isEqualTo(1);
        assertThat(official.get("/v1/applications/" + id).json().get("status").asText()).isEqualTo("AWARDED");
    }

    @Test
    void twoAwardsRacingForOneAllocationCannotBothWin() throws Exception {
        ApiClient official = municipality("GM0160");
        ApiClient proposer = ministry();
        String first = proposed(official, "GM0160", "Hardenberg A", 1_200_000L, proposer);
        String second = proposed(official, "GM0160", "Hardenberg B", 1_200_000L, proposer);
        ApiClient a = ministry();
        ApiClient b = ministry();
        List<Integer> statuses = run(List.of(
                () -> a.post("/v1/applications/" + first + "/decision/approve", null),
                () -> b.post("/v1/applications/" + second + "/decision/approve", null)));
        assertThat(statuses).containsExactlyInAnyOrder(200, 409);
        List<String> outcomes = List.of(
                official.get("/v1/applications/" + first).json().get("status").asText(),
                official.get("/v1/applications/" + second).json().get("status").asText());
        assertThat(outcomes).containsExactlyInAnyOrder("AWARDED", "DECISION_PROPOSED");
    }

    private static List<Integer> run(List<Callable<Response>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            List<Integer> statuses = new ArrayList<>();
            for (Future<Response> f : pool.invokeAll(calls)) {
                Response r = f.get();
                if (r.status() != 200) {
                    assertProblem(r, r.status());
                }
                statuses.add(r.status());
            }
            return statuses;
        } finally {
            pool.shutdown();
        }
    }

    private static long count(ApiClient user, String id, String action) {
        long n = 0;
        for (var e : user.get("/v1/applications/" + id + "/history").json().get("items")) {
            if (e.get("action").asText().equals(action)) {
                n++;
            }
        }
        return n;
    }
}
