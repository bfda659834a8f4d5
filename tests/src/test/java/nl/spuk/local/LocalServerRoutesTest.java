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

    @Test
    void serves_exactly_the_http_api_events_of_template_yaml() throws Exception {
        assertThat(server.routeKeys()).isNotEmpty().isEqualTo(TemplateFile.routeKeys(TemplateFile.load()));
    }

    @Test
    void every_route_is_behind_the_jwt_authorizer() {
        for (String routeKey : server.routeKeys()) {
            String[] parts = routeKey.split(" ", 2);
            String path = parts[1].replaceAll("\\{[^}]+}", "x1");

            assertProblem(api.send(parts[0], path, "application/json", parts[0].equals("GET") ? null : new byte[] {'{', '}'}), 401);
        }
        assertProblem(api.get("/no-such-route"), 404);
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
