package nl.spuk.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import nl.spuk.local.ApiClient.Response;
import nl.spuk.local.TemplateFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the product believes of a token beyond its signature: only an ID token counts, its {@code cognito:groups} names
 * exactly one known group in one of the two forms API Gateway passes on, and the attributes it reads from it (the
 * display name on letters and in the history, the municipality) are set by administrators, never by the users.
 * Tokens the product refuses on every route are in {@link AuthorizationMatrixTest}.
 */
class IdentityClaimsTest {
    private static HardeningServer server;

    @BeforeAll
    static void start() {
        server = HardeningServer.start("identity");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void a_group_is_read_from_a_one_item_array_or_a_plain_string() {
        String array = server.signedByServer(HardeningServer.claims("array", List.of("ministry"), null).build());
        String plain = server.signedByServer(HardeningServer.claims("plain", List.of(), null).claim("cognito:groups", "ministry").build());

        for (String token : List.of(array, plain)) {
            Response r = server.anonymous().withToken(token).get("/v1/monitoring/spending?year=" + Fixtures.YEAR);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
        }
    }

    @Test
    void groups_in_any_other_form_are_refused() {
        Map<Object, String> groups = Map.of(
                "x,ministry", "a list in a string",
                "\"ministry\"", "a quoted string",
                "[ministry]x", "text after the array",
                List.of("ministry", "readers"), "a second, unknown group",
                List.of("ministry", "ministry"), "the group twice",
                List.of("administrators"), "an unknown group",
                List.of(), "no group");
        groups.forEach((claim, what) -> {
            String token = server.signedByServer(HardeningServer.claims("groups", List.of(), null).claim("cognito:groups", claim).build());
            Response r = server.anonymous().withToken(token).get("/v1/tasks");
            assertThat(r.status()).as(what + ": " + r.body()).isEqualTo(403);
            assertThat(HardeningSupport.isProblem(r)).as(what).isTrue();
        });
    }

    @Test
    void only_an_id_token_is_accepted() {
        for (String use : List.of("access", "ID", "")) {
            String token = server.signedByServer(HardeningServer.claims("use-" + use, List.of("ministry"), null).claim("token_use", use).build());
            Response r = server.anonymous().withToken(token).get("/v1/tasks");
            assertThat(r.status()).as("token_use " + use + ": " + r.body()).isEqualTo(401);
            assertThat(HardeningSupport.isProblem(r)).isTrue();
        }
        Response issued = server.ministry().get("/v1/tasks");
        assertThat(issued.status()).as("a token of /local/token: " + issued.body()).isEqualTo(200);
    }

    @Test
    @SuppressWarnings("unchecked")
    void users_can_change_neither_their_name_nor_their_municipality() throws Exception {
        Map<String, Object> template = TemplateFile.load();
        int clients = 0;
        for (Map<String, Object> resource : TemplateFile.resources(template).values()) {
            if (!"AWS::Cognito::UserPoolClient".equals(resource.get("Type"))) {
                continue;
            }
            clients++;
            Map<String, Object> properties = TemplateFile.properties(resource);
            // without WriteAttributes a client may write every standard attribute
            assertThat(properties).containsKey("WriteAttributes");
            List<String> writable = (List<String>) properties.get("WriteAttributes");
            assertThat(writable).doesNotContain("name").noneMatch(a -> a.startsWith("custom:"));
            assertThat((List<String>) properties.get("ReadAttributes")).contains("name", "custom:municipality");
        }
        assertThat(clients).isPositive();
    }
}
