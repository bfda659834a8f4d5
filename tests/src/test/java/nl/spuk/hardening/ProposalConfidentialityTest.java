package nl.spuk.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.spuk.hardening.Fixtures.Fixture;
import nl.spuk.local.ApiClient;
import nl.spuk.local.ApiClient.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Four eyes keeps a proposal inside the ministry until a second ministry user approves it (api.md, "Visibility"):
 * the municipality and the advisory team see that a decision or settlement is proposed, never its outcome, amounts,
 * conditions, motivation, proposer, nor why it was returned: not in the application, the list, nor the history.
 * Once approved, what was approved shows; a proposal that was returned never does.
 */
class ProposalConfidentialityTest {
    private static final String OWNER = "GM0200";
    private static final List<String> INTERNAL_STEPS =
            List.of("DECISION_PROPOSED", "DECISION_RETURNED", "SETTLEMENT_PROPOSED", "SETTLEMENT_RETURNED");

    private static HardeningServer server;
    private static Fixtures fixtures;
    private static ApiClient owner;
    private static ApiClient advisor;
    private static ApiClient secondProposer;
    private static ApiClient settlementProposer;

    @BeforeAll
    static void prepare() {
        server = HardeningServer.start("proposals");
        fixtures = new Fixtures(server, OWNER);
        owner = server.municipality(OWNER);
        advisor = server.advisor();
        secondProposer = server.user("second-proposer", "ministry", null);
        settlementProposer = server.user("settlement-proposer", "ministry", null);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void a_proposed_decision_and_a_return_reason_stay_inside_the_ministry() {
        String id = fixtures.build(Stage.ADVISED).id();
        ok(fixtures.proposer.post("/v1/applications/" + id + "/decision", award("Voorwaarde-eerste-ronde", "Motivering-eerste-ronde")));
        ok(fixtures.approver.post("/v1/applications/" + id + "/decision/return", Map.of("reason", "Reden-van-terugsturen")));
        ok(secondProposer.post("/v1/applications/" + id + "/decision", award("Voorwaarde-tweede-ronde", "Motivering-tweede-ronde")));
        List<String> secrets = List.of("Voorwaarde-eerste-ronde", "Motivering-eerste-ronde", "Reden-van-terugsturen",
                "Voorwaarde-tweede-ronde", "Motivering-tweede-ronde", "fixture-proposer", "fixture-approver", "second-proposer");

        for (ApiClient outsider : List.of(owner, advisor)) {
            JsonNode app = read(outsider, "/v1/applications/" + id, secrets);
            assertThat(app.get("status").asText()).isEqualTo("DECISION_PROPOSED");
            assertThat(app.get("decision").isNull()).as(app.toString()).isTrue();
            assertThat(app.get("awardedCents").size()).isZero();
            assertThat(listed(outsider, id, secrets).get("decision").isNull()).isTrue();
            assertInternalStepsShowOnlyThatTheyHappened(read(outsider, "/v1/applications/" + id + "/history", secrets),
                    "DECISION_PROPOSED", "DECISION_RETURNED");
        }
        JsonNode asMinistry = read(fixtures.approver, "/v1/applications/" + id, List.of());
        assertThat(asMinistry.get("decision").get("motivation").asText()).isEqualTo("Motivering-tweede-ronde");
        assertThat(read(fixtures.approver, "/v1/applications/" + id + "/history", List.of()).toString())
                .contains("Reden-van-terugsturen", "fixture-proposer", "second-proposer");

        ok(fixtures.approver.post("/v1/applications/" + id + "/decision/approve", null));
        List<String> stillSecret = List.of("Voorwaarde-eerste-ronde", "Motivering-eerste-ronde", "Reden-van-terugsturen",
                "fixture-proposer");
        for (ApiClient outsider : List.of(owner, advisor)) {
            JsonNode decision = read(outsider, "/v1/applications/" + id, stillSecret).get("decision");
            assertThat(decision.get("motivation").asText()).isEqualTo("Motivering-tweede-ronde");
            assertThat(decision.get("proposedBy").asText()).isEqualTo("second-proposer");
            JsonNode history = read(outsider, "/v1/applications/" + id + "/history", stillSecret);
            assertThat(history.get("items")).anyMatch(e -> e.get("action").asText().equals("DECISION_APPROVED")
                    && e.get("details").get("outcome").asText().equals("AWARD"));
        }
    }

    @Test
    void a_proposed_settlement_and_a_return_reason_stay_inside_the_ministry() {
        String id = fixtures.build(Stage.SETTLEMENT_PROPOSED).id();
        ok(fixtures.approver.post("/v1/applications/" + id + "/settlement/return", Map.of("reason", "Reden-eindafrekening-terug")));
        ok(settlementProposer.post("/v1/applications/" + id + "/settlement", null));
        List<String> secrets = List.of("Reden-eindafrekening-terug", "settlement-proposer", "reclaimCents", "eligibleSpentCents");

        for (ApiClient outsider : List.of(owner, advisor)) {
            JsonNode app = read(outsider, "/v1/applications/" + id, secrets);
            assertThat(app.get("settlement").isNull()).as(app.toString()).isTrue();
            assertThat(listed(outsider, id, secrets).get("settlement").isNull()).isTrue();
            assertInternalStepsShowOnlyThatTheyHappened(read(outsider, "/v1/applications/" + id + "/history", secrets),
                    "SETTLEMENT_PROPOSED", "SETTLEMENT_RETURNED");
        }
        assertThat(read(fixtures.approver, "/v1/applications/" + id, List.of()).get("settlement").isNull()).isFalse();

        ok(fixtures.approver.post("/v1/applications/" + id + "/settlement/approve", null));
        for (ApiClient outsider : List.of(owner, advisor)) {
            JsonNode app = read(outsider, "/v1/applications/" + id, List.of("Reden-eindafrekening-terug"));
            assertThat(app.get("status").asText()).isEqualTo("SETTLED");
            assertThat(app.get("settlement").get("proposedBy").asText()).isEqualTo("settlement-proposer");
        }
    }

    /** The answer as JSON, after checking it is a 200 that names none of the secrets. */
    private static JsonNode read(ApiClient client, String path, List<String> secrets) {
        Response r = client.get(path);
        assertThat(r.status()).as(path + ": " + r.body()).isEqualTo(200);
        secrets.forEach(secret -> assertThat(r.body()).as(path).doesNotContain(secret));
        return r.json();
    }

    /** The application as the list shows it to the client, after checking it names none of the secrets. */
    private static JsonNode listed(ApiClient client, String id, List<String> secrets) {
        JsonNode items = read(client, "/v1/applications?municipality=" + OWNER + "&limit=100", List.of()).get("items");
        List<JsonNode> found = new ArrayList<>();
        items.forEach(a -> {
            if (a.get("id").asText().equals(id)) {
                found.add(a);
            }
        });
        assertThat(found).hasSize(1);
        secrets.forEach(secret -> assertThat(found.get(0).toString()).doesNotContain(secret));
        return found.get(0);
    }

    private static void assertInternalStepsShowOnlyThatTheyHappened(JsonNode history, String... expectedSteps) {
        List<String> steps = new ArrayList<>();
        for (JsonNode e : history.get("items")) {
            if (INTERNAL_STEPS.contains(e.get("action").asText())) {
                steps.add(e.get("action").asText());
                assertThat(e.get("actor").isNull()).as(e.toString()).isTrue();
                assertThat(e.get("actorId").isNull()).as(e.toString()).isTrue();
                assertThat(e.get("details").isEmpty()).as(e.toString()).isTrue();
                assertThat(e.get("role").asText()).isEqualTo("MINISTRY");
            }
        }
        assertThat(steps).contains(expectedSteps);
    }

    private static Map<String, Object> award(String conditions, String motivation) {
        return Map.of("outcome", "AWARD", "awardedCents", Map.of(Integer.toString(Fixtures.YEAR), Fixtures.BUDGET_CENTS),
                "conditions", conditions, "motivation", motivation);
    }

    private static void ok(Response r) {
        assertThat(r.status()).as(r.body()).isBetween(200, 299);
    }
}
