package nl.spuk.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import nl.spuk.local.ApiClient.Response;
import nl.spuk.local.ApiClient;
import nl.spuk.local.LocalServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pages of other sites against the local server, which developers and testers run while they browse: whatever a page
 * makes their browser send under a DNS-rebound name is refused on every path; a request that changes something from a
 * page of another origin is refused; and the local routes that sign in and move the workflow clock take JSON only,
 * which no cross-site request can send without a CORS preflight. The web UI's own requests (its origin, JSON) and
 * clients that send no Origin, such as curl, still pass.
 */
class CrossSiteRequestTest {
    private static final Instant FAR = Instant.parse("2040-01-01T00:00:00Z");
    private static final String SIGN_IN = "{\"sub\":\"visitor\",\"role\":\"ministry\"}";
    private static final String MOVE_CLOCK = "{\"now\":\"" + FAR + "\"}";

    @TempDir
    static Path dataDir;
    static LocalServer server;
    static ApiClient api;

    @BeforeAll
    static void start() throws URISyntaxException {
        server = LocalServer.start(LocalServer.Options.forTests(dataDir).withTemplate(gatewayTemplate()));
        api = new ApiClient(server.baseUri());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** The local gateway's test template: its functions echo requests, and nothing in it moves the workflow clock. */
    static Path gatewayTemplate() throws URISyntaxException {
        return Path.of(CrossSiteRequestTest.class.getResource("/nl/spuk/local/gateway-template.yaml").toURI());
    }

    @Test
    void a_request_for_any_name_but_this_machines_loopback_is_refused_on_every_path() throws IOException {
        int port = server.port();
        List<String> otherNames = List.of("evil.example:" + port, "evil.example", "localhost.evil.example:" + port,
                "localhost:" + (port + 1), "127.0.0.2:" + port);
        // GET /local/mail too: a rebound page must not read the mail local mode sent
        for (String request : List.of("GET /health", "GET /", "GET /local/clock", "GET /local/mail", "GET /echo/1/items",
                "OPTIONS /health")) {
            for (String host : otherNames) {
                assertRefused(raw(request, host, null, null), 421);
            }
        }
        // what a rebound page would do with it
        assertRefused(raw("POST /local/clock", "evil.example:" + port, "application/json", MOVE_CLOCK), 421);
        assertRefused(raw("POST /local/token", "evil.example:" + port, "application/json", SIGN_IN), 421);
        assertRefused(raw("GET /health", null, null, null), 400);
        assertThat(workflowClock()).isBefore(FAR);

        for (String host : List.of("localhost:" + port, "localhost", "127.0.0.1:" + port, "127.0.0.1", "[::1]:" + port,
                "[::1]", "LocalHost:" + port)) {
            assertThat(raw("GET /health", host, null, null).status()).as(host).isEqualTo(200);
        }
    }

    @Test
    void a_request_that_changes_something_from_a_page_of_another_origin_is_refused() {
        int port = server.port();
        String token = api.token("official", "municipality", "GM0014");
        for (String origin : List.of("http://evil.example", "null", "http://localhost:" + (port + 1),
                "https://localhost:" + port, "http://localhost.evil.example:" + port)) {
            assertRefused(api.post("/local/token", SIGN_IN, "Origin", origin), 403);
            assertRefused(api.post("/local/clock", MOVE_CLOCK, "Origin", origin), 403);
            assertRefused(api.withToken(token).post("/echo/1/items", "{}", "Origin", origin), 403);
            assertRefused(api.withToken(token).put("/echo/1/items", "{}", "Origin", origin), 403);
            assertRefused(api.withToken(token).delete("/echo/1/items", "Origin", origin), 403);
        }
        assertThat(workflowClock()).isBefore(FAR);

        // the UI's own pages, under either loopback name, and clients that send no Origin
        for (String origin : List.of("http://localhost:" + port, "http://127.0.0.1:" + port)) {
            assertThat(api.post("/local/token", SIGN_IN, "Origin", origin).status()).as(origin).isEqualTo(200);
            assertThat(api.withToken(token).post("/echo/1/items", "{}", "Origin", origin).status()).as(origin).isEqualTo(201);
        }
        assertThat(api.post("/local/token", SIGN_IN).status()).isEqualTo(200);
        // reading changes nothing, and without CORS headers the browser keeps the answer from the other page
        Response read = api.withToken(token).get("/echo/1/items", "Origin", "http://evil.example");
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.header("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void signing_in_and_moving_the_clock_take_json_only() {
        byte[] signIn = SIGN_IN.getBytes(StandardCharsets.UTF_8);
        byte[] moveClock = MOVE_CLOCK.getBytes(StandardCharsets.UTF_8);
        // the types an HTML form or a fetch without preflight can send, and none at all
        for (String type : List.of("text/plain", "text/plain;charset=UTF-8", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x", "application/json-seq")) {
            assertRefused(api.send("POST", "/local/token", type, signIn), 415);
            assertRefused(api.send("POST", "/local/clock", type, moveClock), 415);
        }
        assertRefused(api.send("POST", "/local/token", null, signIn), 415);
        assertRefused(api.send("POST", "/local/clock", null, moveClock), 415);
        assertThat(workflowClock()).isBefore(FAR);

        assertThat(api.send("POST", "/local/token", "application/json; charset=utf-8", signIn).status()).isEqualTo(200);
        assertThat(api.send("POST", "/local/token", "Application/JSON", signIn).status()).isEqualTo(200);
    }

    private static Instant workflowClock() {
        Response now = api.get("/local/clock");
        assertThat(now.status()).isEqualTo(200);
        return Instant.parse(now.json().get("now").asText());
    }

    private static void assertRefused(Response response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(HardeningSupport.isProblem(response)).as(response.toString()).isTrue();
    }

    private static void assertRefused(RawResponse response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).as(response.toString()).isEqualTo("application/problem+json");
        assertThat(response.body()).contains("\"status\":" + status, "\"detail\":");
    }

    /** An answer read off the socket: the JDK's HTTP client sends no Host header but its own. */
    private record RawResponse(int status, String contentType, String body) {
    }

    /** One request on a connection of its own, with the Host header given (none when null). */
    private static RawResponse raw(String methodAndPath, String hostOrNull, String contentType, String body) throws IOException {
        StringBuilder request = new StringBuilder(methodAndPath).append(" HTTP/1.1\r\n");
        if (hostOrNull != null) {
            request.append("Host: ").append(hostOrNull).append("\r\n");
        }
        if (body != null) {
            request.append("Content-Type: ").append(contentType).append("\r\n")
                    .append("Content-Length: ").append(body.getBytes(StandardCharsets.UTF_8).length).append("\r\n");
        }
        request.append("Connection: close\r\n\r\n").append(body == null ? "" : body);
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int headEnd = answer.indexOf("\r\n\r\n");
            String[] head = answer.substring(0, headEnd).split("\r\n");
            String type = null;
            for (String line : head) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-type:")) {
                    type = line.substring("content-type:".length()).strip();
                }
            }
            return new RawResponse(Integer.parseInt(head[0].split(" ")[1]), type, answer.substring(headEnd + 4));
        }
    }
}
