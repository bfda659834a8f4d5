package nl.spuk.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import nl.spuk.adapter.out.s3.S3Clients;
import nl.spuk.config.Settings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The local server as API Gateway: routes, the JWT authorizer, the payload-2.0 event, body limits, responses,
 * the local-only routes and the S3 and schedule events, against test functions from a test template.
 */
class LocalGatewayTest {
    @TempDir
    static Path dataDir;
    static LocalServer server;
    static ApiClient api;

    @BeforeAll
    static void start() throws URISyntaxException {
        Path template = Path.of(LocalGatewayTest.class.getResource("gateway-template.yaml").toURI());
        server = LocalServer.start(LocalServer.Options.forTests(dataDir)
                .withTemplate(template)
                .withTickPeriod(Duration.ofMillis(200)));
        api = new ApiClient(server.baseUri());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static ApiClient municipalityUser() {
        return api.as("user-1", "municipality", "GM0014");
    }

    @Test
    void serves_exactly_the_routes_of_the_template() {
        assertThat(server.routeKeys()).containsExactlyInAnyOrder(
                "POST /echo/{id}/items", "GET /echo/{id}/items", "GET /echo/fixed/items", "GET /binary", "GET /fail");
    }

    @Test
    void health_is_up() {
        ApiClient.Response health = api.get("/health");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asText()).isEqualTo("UP");
    }

    @Nested
    class Events {
        @Test
        void carry_route_path_query_headers_cookies_and_claims_as_api_gateway_does() {
            ApiClient.Response response = municipalityUser().get("/echo/a%20b%2Fc+d/items?status=DRAFT&year=2025&year=2026&q=x%20y",
                    "X-Custom-Header", "Value", "Cookie", "a=1; b=2", "User-Agent", "spuk-test");

            assertThat(response.status()).isEqualTo(200);
            JsonNode event = response.json().get("event");
            assertThat(event.get("version").asText()).isEqualTo("2.0");
            assertThat(event.get("routeKey").asText()).isEqualTo("GET /echo/{id}/items");
            assertThat(event.get("rawPath").asText()).isEqualTo("/echo/a%20b%2Fc+d/items");
            assertThat(event.get("rawQueryString").asText()).isEqualTo("status=DRAFT&year=2025&year=2026&q=x%20y");
            assertThat(event.get("pathParameters").get("id").asText()).isEqualTo("a b/c+d");
            assertThat(event.get("queryStringParameters").get("status").asText()).isEqualTo("DRAFT");
            assertThat(event.get("queryStringParameters").get("year").asText()).isEqualTo("2025,2026");
            assertThat(event.get("queryStringParameters").get("q").asText()).isEqualTo("x y");
            assertThat(event.get("headers").get("x-custom-header").asText()).isEqualTo("Value");
            assertThat(event.get("headers").has("cookie")).isFalse();
            assertThat(event.get("cookies")).extracting(JsonNode::asText).containsExactly("a=1", "b=2");
            assertThat(event.get("body").isNull()).isTrue();

            JsonNode context = event.get("requestContext");
            assertThat(context.get("routeKey").asText()).isEqualTo("GET /echo/{id}/items");
            assertThat(context.get("stage").asText()).isEqualTo("$default");
            assertThat(context.get("requestId").asText()).isEqualTo(response.header("apigw-requestid"))
                    .isEqualTo(response.json().get("awsRequestId").asText());
            assertThat(context.get("timeEpoch").asLong())
                    .isBetween(Instant.now().minusSeconds(60).toEpochMilli(), Instant.now().toEpochMilli());
            assertThat(context.get("time").asText()).matches("\\d{2}/[A-Z][a-z]{2}/\\d{4}:\\d{2}:\\d{2}:\\d{2} \\+0000");
            assertThat(context.get("http").get("method").asText()).isEqualTo("GET");
            assertThat(context.get("http").get("path").asText()).isEqualTo("/echo/a%20b%2Fc+d/items");
            assertThat(context.get("http").get("sourceIp").asText()).isEqualTo("127.0.0.1");
            assertThat(context.get("http").get("userAgent").asText()).isEqualTo("spuk-test");

            JsonNode claims = context.get("authorizer").get("jwt").get("claims");
            assertThat(claims.get("sub").asText()).isEqualTo("user-1");
            assertThat(claims.get("cognito:groups").asText()).isEqualTo("[municipality]");
            assertThat(claims.get("custom:municipality").asText()).isEqualTo("GM0014");
            assertThat(claims.get("iss").asText()).isEqualTo(LocalTokens.ISSUER);
            assertThat(claims.get("exp").asText()).matches("\\d+");
            assertThat(response.json().get("functionName").asText()).isEqualTo("EchoFunction");
            assertThat(response.json().get("remainingTimeInMillis").asInt()).isPositive();
        }

        @Test
        void prefer_a_literal_segment_over_a_path_variable() {
            ApiClient.Response fixed = municipalityUser().get("/echo/fixed/items");
            ApiClient.Response variable = municipalityUser().get("/echo/other/items");

            assertThat(fixed.json().get("event").get("routeKey").asText()).isEqualTo("GET /echo/fixed/items");
            assertThat(fixed.json().get("event").get("pathParameters").isNull()).isTrue();
            assertThat(variable.json().get("event").get("routeKey").asText()).isEqualTo("GET /echo/{id}/items");
        }

        @Test
        void pass_text_bodies_as_text_and_other_bodies_base64_encoded() {
            ApiClient.Response json = municipalityUser().post("/echo/1/items", "{\"title\":\"Mantelzorg €\"}");
            ApiClient.Response csv = municipalityUser().send("POST", "/echo/1/items", "text/csv; charset=utf-8",
                    "code,year\n".getBytes(StandardCharsets.UTF_8));
            ApiClient.Response binary = municipalityUser().send("POST", "/echo/1/items", "application/pdf", EchoHandler.BINARY);

            assertThat(json.status()).isEqualTo(201);
            assertThat(json.json().get("event").get("body").asText()).isEqualTo("{\"title\":\"Mantelzorg €\"}");
            assertThat(json.json().get("event").get("isBase64Encoded").asBoolean()).isFalse();
            assertThat(csv.json().get("event").get("body").asText()).isEqualTo("code,year\n");
            assertThat(binary.json().get("event").get("body").asText()).isEqualTo("AAEC/w==");
            assertThat(binary.json().get("event").get("isBase64Encoded").asBoolean()).isTrue();
        }

        @Test
        void get_at_most_256_KiB_and_one_byte_of_a_larger_body() {
            byte[] body = new byte[300 * 1024];
            Arrays.fill(body, (byte) 'x');

            ApiClient.Response response = municipalityUser().send("POST", "/echo/1/items", "text/plain", body);

            assertThat(response.status()).isEqualTo(201);
            assertThat(response.json().get("bodyBytes").asInt()).isEqualTo(256 * 1024 + 1);
        }
    }

    @Nested
    class Responses {
        @Test
        void decode_base64_bodies_and_write_multi_value_headers_and_cookies() {
            ApiClient.Response response = municipalityUser().get("/binary");

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.bytes()).isEqualTo(EchoHandler.BINARY);
            assertThat(response.header("Content-Type")).isEqualTo("application/octet-stream");
            assertThat(response.headers().allValues("X-Multi")).containsExactly("a", "b");
            assertThat(response.header("Set-Cookie")).isEqualTo("session=1; Path=/");
        }

        @Test
        void a_failing_function_gives_a_500_problem() {
            ApiClient.Response response = municipalityUser().get("/fail");

            assertThat(response.status()).isEqualTo(500);
            assertProblem(response, 500);
        }

        @Test
        void an_unknown_route_is_a_404_problem_also_without_a_token() {
            assertProblem(api.get("/nothing-here"), 404);
            assertProblem(api.delete("/echo/1/items"), 404);
            assertProblem(api.get("/echo/1/items/"), 404);
            assertProblem(api.get("/echo//items"), 404);
        }

        @Test
        void a_body_over_10_MiB_is_refused_by_the_gateway() {
            byte[] body = new byte[10 * 1024 * 1024 + 1];

            assertProblem(municipalityUser().send("POST", "/echo/1/items", "text/plain", body), 413);
        }
    }

    @Nested
    class Authorizer {
        @Test
        void refuses_a_request_without_a_token() {
            ApiClient.Response response = api.get("/echo/1/items");

            assertProblem(response, 401);
            assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer");
        }

        @Test
        void refuses_a_malformed_token() {
            assertProblem(api.withToken("not-a-jwt").get("/echo/1/items"), 401);
        }

        @Test
        void accepts_a_token_with_or_without_the_bearer_prefix() {
            String token = api.token("user-2", "advisor", null);

            assertThat(api.withToken(token).get("/echo/1/items").status()).isEqualTo(200);
            assertThat(api.get("/echo/1/items", "Authorization", token).status()).isEqualTo(200);
        }

        @Test
        void refuses_an_expired_token() throws Exception {
            Instant past = Instant.now().minus(Duration.ofHours(13));
            String token = sign(serverKey(), valid(b -> b.issueTime(Date.from(past)).notBeforeTime(Date.from(past))
                    .expirationTime(Date.from(past.plus(LocalTokens.VALIDITY)))));

            assertProblem(api.withToken(token).get("/echo/1/items"), 401);
        }

        @Test
        void refuses_a_token_that_is_not_valid_yet() throws Exception {
            String token = sign(serverKey(), valid(b -> b.notBeforeTime(Date.from(Instant.now().plusSeconds(600)))));

            assertProblem(api.withToken(token).get("/echo/1/items"), 401);
        }

        @Test
        void refuses_a_token_signed_with_another_key() throws Exception {
            RSAKey otherKey = new RSAKeyGenerator(2048).keyID(serverKey().getKeyID()).generate();

            assertProblem(api.withToken(sign(otherKey, valid(b -> b))).get("/echo/1/items"), 401);
        }

        @Test
        void refuses_a_token_from_another_issuer_or_for_another_audience() throws Exception {
            String otherIssuer = sign(serverKey(), valid(b -> b.issuer("https://cognito-idp.eu-central-1.amazonaws.com/other")));
            String otherAudience = sign(serverKey(), valid(b -> b.audience("another-client")));

            assertProblem(api.withToken(otherIssuer).get("/echo/1/items"), 401);
            assertProblem(api.withToken(otherAudience).get("/echo/1/items"), 401);
        }

        @Test
        void accepts_a_token_it_signed_itself_with_the_same_claims() throws Exception {
            // the control for the refusals above: only the one thing they change makes them fail
            assertThat(api.withToken(sign(serverKey(), valid(b -> b))).get("/echo/1/items").status()).isEqualTo(200);
        }

        @Test
        void refuses_a_token_whose_groups_were_changed_after_signing() throws Exception {
            SignedJWT jwt = SignedJWT.parse(api.token("user-3", "municipality", "GM0014"));
            JWTClaimsSet promoted = new JWTClaimsSet.Builder(jwt.getJWTClaimsSet()).claim("cognito:groups", List.of("ministry")).build();
            String tampered = jwt.getHeader().toBase64URL() + "." + Base64URL.encode(promoted.toString()) + "." + jwt.getSignature();

            assertProblem(api.withToken(tampered).get("/echo/1/items"), 401);
        }

        private static RSAKey serverKey() throws Exception {
            return RSAKey.parse(Files.readString(server.dataDir().resolve(LocalTokens.KEY_FILE)));
        }

        private static JWTClaimsSet valid(UnaryOperator<JWTClaimsSet.Builder> change) {
            Instant now = Instant.now();
            return change.apply(new JWTClaimsSet.Builder()
                    .issuer(LocalTokens.ISSUER)
                    .audience(LocalTokens.AUDIENCE)
                    .subject("user-4")
                    .issueTime(Date.from(now))
                    .notBeforeTime(Date.from(now))
                    .expirationTime(Date.from(now.plusSeconds(600)))
                    .claim("cognito:groups", List.of("ministry"))).build();
        }

        private static String sign(RSAKey key, JWTClaimsSet claims) throws Exception {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        }
    }

    @Nested
    class LocalToken {
        @Test
        void signs_in_a_municipality_user_for_12_hours() throws Exception {
            ApiClient.Response response = api.post("/local/token",
                    "{\"sub\":\"u-9\",\"name\":\"Anna\",\"role\":\"municipality\",\"municipality\":\"GM0034\"}");

            assertThat(response.status()).isEqualTo(200);
            JWTClaimsSet claims = SignedJWT.parse(response.json().get("token").asText()).getJWTClaimsSet();
            assertThat(claims.getSubject()).isEqualTo("u-9");
            assertThat(claims.getStringClaim("name")).isEqualTo("Anna");
            assertThat(claims.getStringListClaim("cognito:groups")).containsExactly("municipality");
            assertThat(claims.getStringClaim("custom:municipality")).isEqualTo("GM0034");
            assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
                    .isEqualTo(Duration.ofHours(12));
        }

        @Test
        void signs_in_advisors_and_ministry_users_without_a_municipality() throws Exception {
            ApiClient.Response advisor = api.post("/local/token", "{\"sub\":\"a-1\",\"role\":\"advisor\"}");
            ApiClient.Response ministry = api.post("/local/token", "{\"sub\":\"m-1\",\"role\":\"ministry\",\"municipality\":\"GM0034\"}");

            assertThat(advisor.status()).isEqualTo(200);
            assertThat(ministry.status()).isEqualTo(200);
            JWTClaimsSet claims = SignedJWT.parse(ministry.json().get("token").asText()).getJWTClaimsSet();
            assertThat(claims.getStringListClaim("cognito:groups")).containsExactly("ministry");
            assertThat(claims.getClaim("custom:municipality")).isNull();
        }

        @Test
        void refuses_what_no_user_could_be() {
            assertProblem(api.post("/local/token", "{\"sub\":\"u\",\"role\":\"municipality\"}"), 422);
            assertProblem(api.post("/local/token", "{\"sub\":\"u\",\"role\":\"municipality\",\"municipality\":\"GM9999\"}"), 422);
            assertProblem(api.post("/local/token", "{\"sub\":\"u\",\"role\":\"king\"}"), 422);
            assertProblem(api.post("/local/token", "{\"role\":\"advisor\"}"), 422);
            assertProblem(api.post("/local/token", "{\"sub\":\" \",\"role\":\"advisor\"}"), 422);
            assertProblem(api.post("/local/token", "{\"sub\":7,\"role\":\"advisor\"}"), 400);
            assertProblem(api.post("/local/token", "not json"), 400);
            assertProblem(api.post("/local/token", "[]"), 400);
        }
    }

    @Nested
    class BackgroundEvents {
        @Test
        void an_object_created_under_the_prefix_calls_the_s3_function_with_an_s3_event() throws Exception {
            try (S3Client s3 = S3Clients.client(LocalServer.REGION, Optional.of(java.net.URI.create(System.getProperty(Settings.S3_ENDPOINT))),
                    S3Clients.staticCredentials(System.getProperty("aws.accessKeyId"), System.getProperty("aws.secretAccessKey")))) {
                s3.putObject(p -> p.bucket(LocalServer.BUCKET).key("elsewhere/ignored.txt"), RequestBody.fromString("no"));
                s3.putObject(p -> p.bucket(LocalServer.BUCKET).key("applications/a b/documents/d1"), RequestBody.fromString("hello"));
            }

            S3Event event = await(() -> RecordingEventHandler.EVENTS.stream()
                    .filter(S3Event.class::isInstance).map(S3Event.class::cast).findFirst());

            var record = event.getRecords().get(0);
            assertThat(event.getRecords()).hasSize(1);
            assertThat(record.getEventName()).isEqualTo("ObjectCreated:Put");
            assertThat(record.getEventSource()).isEqualTo("aws:s3");
            assertThat(record.getS3().getBucket().getName()).isEqualTo(LocalServer.BUCKET);
            assertThat(record.getS3().getObject().getKey()).isEqualTo("applications/a+b/documents/d1");
            assertThat(record.getS3().getObject().getUrlDecodedKey()).isEqualTo("applications/a b/documents/d1");
            assertThat(record.getS3().getObject().getSizeAsLong()).isEqualTo(5L);
            Thread.sleep(500); // the other object's notification, were it delivered, would have arrived by now
            assertThat(RecordingEventHandler.EVENTS.stream().filter(S3Event.class::isInstance)).hasSize(1);
        }

        @Test
        void the_schedule_calls_the_scheduled_function_with_a_scheduled_event() throws Exception {
            ScheduledEvent event = await(() -> RecordingEventHandler.EVENTS.stream()
                    .filter(ScheduledEvent.class::isInstance).map(ScheduledEvent.class::cast).findFirst());

            assertThat(event.getDetailType()).isEqualTo("Scheduled Event");
            assertThat(event.getSource()).isEqualTo("aws.events");
            assertThat(event.getTime()).isNotNull();
        }

        private static <T> T await(java.util.function.Supplier<Optional<T>> probe) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (System.nanoTime() < deadline) {
                Optional<T> found = probe.get();
                if (found.isPresent()) {
                    return found.get();
                }
                Thread.sleep(50);
            }
            throw new AssertionError("nothing arrived within 15 s");
        }
    }

    static void assertProblem(ApiClient.Response response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(problem.get("type").asText()).isNotBlank();
        assertThat(problem.get("detail").asText()).isNotBlank();
    }
}
