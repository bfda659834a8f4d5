package nl.spuk.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import nl.spuk.local.ApiClient.Response;
import nl.spuk.local.ApiClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Another municipality learns nothing of an application; roles may only do their own work. */
class IsolationAndRolesTest extends ApiTest {
    private static ApiClient owner;
    private static ApiClient stranger;
    private static String id;
    private static String documentId;

    @BeforeAll
    static void anApplicationOfHarlingen() throws Exception {
        owner = municipality("GM0072");
        stranger = municipality("GM0074");
        id = createDraft(owner, "Harlingen").get("id").asText();
        documentId = owner.upload(id, "PLAN", "plan.pdf", PDF).get("documentId").asText();
    }

    @Test
    void anotherMunicipalityGetsNotFoundEverywhere() {
        String app = "/v1/applications/" + id;
        assertNotFound(stranger.get(app));
        assertNotFound(stranger.get(app + "/history"));
        assertNotFound(stranger.get(app + "/documents"));
        assertNotFound(stranger.get(app + "/documents/" + documentId));
        assertNotFound(stranger.put(app, plan("taken over", 1L), "If-Match", "\"1\""));
        assertNotFound(stranger.post(app + "/submit", null));
        assertNotFound(stranger.post(app + "/withdraw", Map.of("reason", "x")));
        assertNotFound(stranger.post(app + "/documents", Map.of("fileName", "x.pdf", "contentType", "application/pdf",
                "sizeBytes", 10, "kind", "PLAN")));
        assertThat(stranger.get("/v1/applications").body()).doesNotContain(id);
        assertThat(stranger.get("/v1/applications?municipality=GM0072").json().get("items").size()).isZero();
        assertThat(stranger.get("/v1/tasks").body()).doesNotContain(id);
        assertThat(owner.get(app).json().get("version").asInt()).isEqualTo(1);
    }

    @Test
    void aMissingApplicationLooksTheSameAsAForeignOne() {
        Response foreign = stranger.get("/v1/applications/" + id);
        Response missing = stranger.get("/v1/applications/does-not-exist");
        assertThat(foreign.status()).isEqualTo(missing.status());
        assertThat(foreign.json().get("detail")).isEqualTo(missing.json().get("detail"));
    }

    @Test
    void advisorsSeeNoDraftsAndMayNotEditOrCreate() {
        ApiClient advisor = advisor();
        assertNotFound(advisor.get("/v1/applications/" + id));
        assertThat(advisor.get("/v1/applications").body()).doesNotContain(id);
        assertProblem(advisor.put("/v1/applications/" + id, plan("x", 1L), "If-Match", "\"1\""), 403);
        assertProblem(advisor.post("/v1/applications", plan("x", 1L)), 403);
        assertProblem(advisor.post("/v1/applications/" + id + "/submit", null), 403);
    }

    @Test
    void theMinistrySeesNoDraftsAndMayNotEditThem() {
        ApiClient ministry = ministry();
        assertNotFound(ministry.get("/v1/applications/" + id));
        assertNotFound(ministry.get("/v1/applications/" + id + "/documents"));
        assertThat(ministry.get("/v1/applications?municipality=GM0072").body()).doesNotContain(id);
        assertProblem(ministry.put("/v1/applications/" + id, plan("x", 1L), "If-Match", "\"1\""), 403);
        assertProblem(ministry.post("/v1/applications/" + id + "/withdraw", Map.of("reason", "x")), 403);
    }

    @Test
    void onlyMinistrySetsAllocationsAndSeesThem() {
        assertProblem(owner.put("/v1/municipalities/GM0072/allocations/2025", Map.of("amountCents", 1)), 403);
        assertProblem(advisor().put("/v1/municipalities/GM0072/allocations/2025", Map.of("amountCents", 1)), 403);
        assertProblem(owner.send("POST", "/v1/allocations/import", "text/csv", "code,year,amountCents\nGM0072,2025,1\n".getBytes()), 403);
        Response list = owner.get("/v1/municipalities");
        assertThat(list.json().get("items").size()).isEqualTo(342);
        assertThat(list.json().get("items").get(0).has("allocationsCents")).isFalse();
        assertThat(ministry().get("/v1/municipalities").json().get("items").get(0).has("allocationsCents")).isTrue();
    }

    @Test
    void noOrBadTokenIsUnauthorized() {
        assertProblem(anonymous.get("/v1/applications"), 401);
        assertProblem(anonymous.withToken("not.a.jwt").get("/v1/applications"), 401);
        String token = anonymous.token("x", "municipality", "GM0072");
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"sub\":\"x\",\"cognito:groups\":[\"ministry\"]}".getBytes()) + "." + parts[2];
        assertProblem(anonymous.withToken(forged).get("/v1/applications"), 401);
    }

    private static void assertNotFound(Response r) {
        assertProblem(r, 404);
        assertThat(r.body()).doesNotContain("GM0072").doesNotContain("Harlingen");
    }
}
