package nl.spuk.local;

import static nl.spuk.local.LocalGatewayTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import nl.spuk.adapter.in.lambda.ApiHandler;
import nl.spuk.adapter.in.lambda.http.ApiDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local server with the product's template serves exactly its routes, each behind the authorizer. */
class LocalServerRoutesTest {
    @TempDir
    static Path dataDir;
    static LocalServer server;
    static ApiClient api;

    @BeforeAll
    static void start() {
        server = LocalServer.start(LocalServer.Options.forTests(dataDir));
        api = new ApiClient(server.baseUri());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static final String OPENAPI_DOCUMENT = "GET /v1/openapi.json";

    @Test
    void serves_exactly_the_http_api_events_of_template_yaml() throws Exception {
        assertThat(server.routeKeys()).isNotEmpty().isEqualTo(TemplateFile.routeKeys(TemplateFile.load()));
    }

    @Test
    void every_route_but_the_openapi_document_is_behind_the_jwt_authorizer() {
        for (String routeKey : server.routeKeys()) {
            if (routeKey.equals(OPENAPI_DOCUMENT)) {
                continue;
            }
            String[] parts = routeKey.split(" ", 2);
            String path = parts[1].replaceAll("\\{[^}]+}", "x1");

            assertProblem(api.send(parts[0], path, "application/json", parts[0].equals("GET") ? null : new byte[] {'{', '}'}), 401);
        }
        assertProblem(api.get("/no-such-route"), 404);
    }

    @Test
    void every_route_lives_under_v1_and_its_old_path_answers_404_with_the_api_version() {
        ApiClient ministry = api.as("mo", "ministry", null);
        for (String routeKey : server.routeKeys()) {
            String[] parts = routeKey.split(" ", 2);
            assertThat(parts[1]).as(routeKey).startsWith("/v1/");
            String oldPath = parts[1].substring("/v1".length()).replaceAll("\\{[^}]+}", "x1");

            ApiClient.Response old = ministry.send(parts[0], oldPath, "application/json", parts[0].equals("GET") ? null : new byte[] {'{', '}'});

            assertProblem(old, 404);
        }
        ApiClient.Response unknown = ministry.get("/v1/no-such-route");
        assertProblem(unknown, 404);
        assertThat(unknown.header("API-Version")).isEqualTo(ApiDocument.VERSION);
    }

    @Test
    void the_openapi_document_is_open_to_anyone_and_only_it() {
        SamTemplate template = SamTemplate.read(LocalServerRoutesTest.class.getResourceAsStream("/template.yaml"));
        assertThat(template.httpRoutes().stream().filter(SamTemplate.HttpRoute::open).map(SamTemplate.HttpRoute::routeKey))
                .containsExactly(OPENAPI_DOCUMENT);

        ApiClient.Response document = api.get("/v1/openapi.json");

        assertThat(document.status()).isEqualTo(200);
        assertThat(document.header("Content-Type")).isEqualTo("application/json");
        assertThat(document.json().path("openapi").asText()).startsWith("3.1");
        assertThat(document.json().path("servers").path(0).path("url").asText()).isEqualTo("/v1");
        assertThat(document.header("API-Version")).isEqualTo(document.json().path("info").path("version").asText());
    }

    @Test
    void each_function_handles_exactly_the_routes_the_template_gives_it() {
        InputStream in = LocalServerRoutesTest.class.getResourceAsStream("/template.yaml");
        Map<String, Set<String>> routesByHandler = new TreeMap<>();
        SamTemplate.read(in).httpRoutes().forEach(r ->
                routesByHandler.computeIfAbsent(r.handlerClass(), k -> new TreeSet<>()).add(r.routeKey()));

        routesByHandler.forEach((handlerClass, routes) -> {
            Object handler = newHandler(handlerClass);
            assertThat(handler).isInstanceOf(ApiHandler.class);
            assertThat(new TreeSet<>(((ApiHandler) handler).routeKeys())).as(handlerClass).isEqualTo(routes);
        });
    }

    @Test
    void is_healthy_once_started() {
        ApiClient.Response health = api.get("/health");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asText()).isEqualTo("UP");
    }

    /** Works because the running server installed the components the no-arg constructors use. */
    private static Object newHandler(String className) {
        try {
            return Class.forName(className).getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot instantiate " + className, e);
        }
    }
}
