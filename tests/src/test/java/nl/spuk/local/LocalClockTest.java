package nl.spuk.local;

import static nl.spuk.local.LocalGatewayTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /local/clock}: forward only, due jobs run, and what it moved (and the signing key) survives a restart. */
class LocalClockTest {
    @TempDir
    Path dataDir;

    private LocalServer.Options options() throws URISyntaxException {
        return LocalServer.Options.forTests(dataDir)
                .withTemplate(Path.of(getClass().getResource("gateway-template.yaml").toURI()));
    }

    @Test
    void moves_forward_never_back_and_keeps_its_time_and_tokens_across_a_restart() throws Exception {
        Instant target = Instant.parse("2030-01-01T00:00:00Z");
        String token;
        try (LocalServer first = LocalServer.start(options())) {
            ApiClient api = new ApiClient(first.baseUri());
            token = api.token("user-1", "ministry", null);

            ApiClient.Response moved = api.post("/local/clock", Map.of("now", target.toString()));

            assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
            assertThat(moved.json().get("now").asText()).isEqualTo("2030-01-01T00:00:00Z");
            assertThat(moved.json().get("jobsRun").asInt()).isZero();
            assertThat(clock(api)).isBetween(target, target.plusSeconds(30));
            assertProblem(api.post("/local/clock", Map.of("now", "2029-12-31T00:00:00Z")), 409);
            assertThat(clock(api)).isBetween(target, target.plusSeconds(30));
        }

        try (LocalServer second = LocalServer.start(options())) {
            ApiClient api = new ApiClient(second.baseUri());

            assertThat(clock(api)).isBetween(target, target.plusSeconds(60));
            assertProblem(api.post("/local/clock", Map.of("now", "2029-12-31T00:00:00Z")), 409);
            assertThat(api.withToken(token).get("/echo/1/items").status()).isEqualTo(200);
        }
    }

    @Test
    void refuses_a_request_without_a_valid_instant() throws Exception {
        try (LocalServer server = LocalServer.start(options())) {
            ApiClient api = new ApiClient(server.baseUri());

            assertProblem(api.post("/local/clock", Map.of("now", "next tuesday")), 422);
            assertProblem(api.post("/local/clock", Map.of()), 422);
            assertProblem(api.post("/local/clock", "{"), 400);
            assertThat(clock(api)).isBetween(Instant.now().minus(Duration.ofMinutes(1)), Instant.now().plus(Duration.ofMinutes(1)));
        }
    }

    private static Instant clock(ApiClient api) {
        ApiClient.Response now = api.get("/local/clock");
        assertThat(now.status()).isEqualTo(200);
        return Instant.parse(now.json().get("now").asText());
    }
}
