package nl.spuk.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import nl.spuk.adapter.in.lambda.http.ApiRequest;
import nl.spuk.adapter.in.lambda.http.ApiResponse;
import nl.spuk.adapter.in.lambda.http.IdempotentExecution;
import nl.spuk.adapter.out.dynamodb.DynamoDbIdempotencyStore;
import nl.spuk.adapter.out.dynamodb.DynamoDbTable;
import nl.spuk.application.RequestId;
import nl.spuk.domain.Actor;
import nl.spuk.domain.Role;
import nl.spuk.hardening.AccessRules.Rule;
import nl.spuk.hardening.Fixtures.Fixture;
import nl.spuk.local.ApiClient.Response;
import nl.spuk.local.ApiClient;
import nl.spuk.local.LocalDynamoDb;
import nl.spuk.local.SamTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every POST route of the template, retried with its Idempotency-Key, answers the first answer again and changes
 * nothing; the same key with another body is a 422 and changes nothing; the key is the caller's own and the path's
 * own; a refusal is not kept, so the corrected retry runs. Expiry after 24 hours, which the server's real clock
 * cannot reach, is shown on the HTTP plumbing itself with the real DynamoDB store and a clock the test moves.
 */
class IdempotencyTest {
    private static final String OWNER = "GM0599";

    private static HardeningServer server;
    private static Fixtures fixtures;
    private static ApiClient owner;
    private static ApiClient advisor;
    private static ApiClient ministry;

    @BeforeAll
    static void prepare() {
        server = HardeningServer.start("idempotency");
        fixtures = new Fixtures(server, OWNER);
        owner = server.municipality(OWNER);
        advisor = server.advisor();
        ministry = server.ministry();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void every_post_retried_with_its_key_answers_the_first_answer_and_another_body_is_422() {
        List<Rule> posts = new ArrayList<>();
        for (SamTemplate.HttpRoute route : HardeningSupport.templateRoutes()) {
            if (route.method().equals("POST")) {
                posts.add(AccessRules.forRoute(route.routeKey())
                        .orElseThrow(() -> new AssertionError("no rule for " + route.routeKey() + " in AccessRules")));
            }
        }
        // the fixtures first, on a few threads; then the retries one by one, so no preparation changes what they watch
        Map<String, Caller> callers = new java.util.concurrent.ConcurrentHashMap<>();
        Map<String, Fixture> apps = new java.util.concurrent.ConcurrentHashMap<>();
        HardeningSupport.inParallel(posts, rule -> {
            for (Caller c : List.of(Caller.OWNER, Caller.ADVISOR, Caller.MINISTRY)) {
                if (rule.scope() != AccessRules.Scope.APPLICATION) {
                    if (!callers.containsKey(rule.routeKey()) && rule.expected(c, null) < 300) {
                        callers.put(rule.routeKey(), c);
                    }
                    continue;
                }
                for (Stage s : Stage.values()) {
                    if (!callers.containsKey(rule.routeKey()) && rule.expected(c, s) < 300) {
                        callers.put(rule.routeKey(), c);
                        apps.put(rule.routeKey(), fixtures.build(s));
                    }
                }
            }
        });
        List<String> failures = new ArrayList<>();
        for (Rule rule : posts) {
            Caller caller = callers.get(rule.routeKey());
            Fixture app = apps.get(rule.routeKey());
            ApiClient client = caller == Caller.OWNER ? owner : caller == Caller.ADVISOR ? advisor : ministry;
            String path = AccessRules.path(rule.routeKey(), fixtures, app) + rule.query();
            Object body = rule.body().apply(caller, fixtures);
            String contentType = body == null ? null : body instanceof String ? "text/csv" : "application/json";
            String key = UUID.randomUUID().toString();

            Response first = client.send("POST", path, contentType, bytes(body), "Idempotency-Key", key);
            if (first.status() < 200 || first.status() > 299) {
                failures.add(rule.routeKey() + ": the first request failed: " + first);
                continue;
            }
            String after = state(app);
            Response again = client.send("POST", path, contentType, bytes(body), "Idempotency-Key", key);
            if (again.status() != first.status() || !again.body().equals(first.body())
                    || !"true".equals(again.header("Idempotent-Replayed"))) {
                failures.add(rule.routeKey() + ": the retry did not answer the first answer: " + first + " / " + again);
            }
            if (!"no-store".equals(again.header("Cache-Control")) || !"nosniff".equals(again.header("X-Content-Type-Options"))) {
                failures.add(rule.routeKey() + ": the replay lacks no-store or nosniff: " + again.headers().map());
            }
            Object other = otherBody(body);
            Response changed = client.send("POST", path, other instanceof String ? "text/csv" : "application/json", bytes(other),
                    "Idempotency-Key", key);
            if (changed.status() != 422 || !HardeningSupport.isProblem(changed)) {
                failures.add(rule.routeKey() + ": the same key with another body answered " + changed);
            }
            if (!state(app).equals(after)) {
                failures.add(rule.routeKey() + ": a retry changed something: " + after + " -> " + state(app));
            }
        }
        System.out.println("[hardening] idempotency: " + posts.size() + " POST routes retried");
        assertThat(failures).isEmpty();
        assertThat(posts).hasSizeGreaterThanOrEqualTo(15);
    }

    @Test
    void a_key_is_the_callers_own_and_the_paths_own() {
        String key = UUID.randomUUID().toString();
        Response mine = owner.post("/v1/applications", fixtures.plan("Eerste"), "Idempotency-Key", key);
        Response theirs = server.municipality(AuthorizationMatrixTest.OTHER).post("/v1/applications", fixtures.plan("Eerste"),
                "Idempotency-Key", key);
        assertThat(mine.status()).isEqualTo(201);
        assertThat(theirs.status()).isEqualTo(201);
        assertThat(theirs.header("Idempotent-Replayed")).isNull();
        assertThat(theirs.json().get("id").asText()).isNotEqualTo(mine.json().get("id").asText());
        assertThat(theirs.json().get("municipalityCode").asText()).isEqualTo(AuthorizationMatrixTest.OTHER);

        Fixture a = fixtures.build(Stage.DRAFT);
        Fixture b = fixtures.build(Stage.DRAFT);
        Map<String, Object> reason = Map.of("reason", "niet vastgesteld");
        Response first = fixtures.official.post("/v1/applications/" + a.id() + "/withdraw", reason, "Idempotency-Key", key);
        Response second = fixtures.official.post("/v1/applications/" + b.id() + "/withdraw", reason, "Idempotency-Key", key);
        assertThat(first.status()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().get("id").asText()).isEqualTo(b.id());
        assertThat(fixtures.application(b.id()).get("status").asText()).isEqualTo("WITHDRAWN");
    }

    @Test
    void a_refusal_is_not_kept_so_the_corrected_retry_runs() {
        Response created = fixtures.official.post("/v1/applications", fixtures.plan("Zonder plan"));
        String id = created.json().get("id").asText();
        String key = UUID.randomUUID().toString();

        Response incomplete = fixtures.official.post("/v1/applications/" + id + "/submit", null, "Idempotency-Key", key);
        assertThat(incomplete.status()).as(incomplete.body()).isEqualTo(422);
        Fixtures.upload(fixtures.official, id, "PLAN", "plan.pdf", Fixtures.PDF);
        Response complete = fixtures.official.post("/v1/applications/" + id + "/submit", null, "Idempotency-Key", key);

        assertThat(complete.status()).as(complete.body()).isEqualTo(200);
        assertThat(complete.header("Idempotent-Replayed")).isNull();
        assertThat(complete.json().get("status").asText()).isEqualTo("IN_REVIEW");
    }

    @Test
    void a_key_answers_the_first_answer_for_24_hours_and_runs_anew_after() {
        try (LocalDynamoDb dynamoDb = LocalDynamoDb.start(null)) {
            DynamoDbTable.createIfMissing(dynamoDb.client(), "idempotency");
            Instant start = Instant.parse("2026-03-02T09:00:00Z");
            MovingClock clock = new MovingClock(start);
            IdempotentExecution execution = new IdempotentExecution(
                    new DynamoDbIdempotencyStore(dynamoDb.client(), "idempotency"), clock);
            AtomicInteger runs = new AtomicInteger();
            nl.spuk.adapter.in.lambda.http.Route route = r -> ApiResponse.json(201, Map.of("run", runs.incrementAndGet()));

            ApiResponse first = execution.run(request("k-1", "{\"a\":1}"), route);
            clock.now = start.plus(IdempotentExecution.KEEP).minusSeconds(1);
            ApiResponse dayLater = execution.run(request("k-1", "{\"a\":1}"), route);
            ApiResponse otherBody = execution.run(request("k-1", "{\"a\":2}"), route);
            clock.now = start.plus(IdempotentExecution.KEEP).plusSeconds(1);
            ApiResponse expired = execution.run(request("k-1", "{\"a\":2}"), route);

            assertThat(IdempotentExecution.KEEP).isEqualTo(Duration.ofHours(24));
            assertThat(first.body()).isEqualTo("{\"run\":1}");
            assertThat(dayLater.body()).isEqualTo("{\"run\":1}");
            assertThat(dayLater.headers()).containsEntry("Idempotent-Replayed", "true");
            assertThat(otherBody.status()).isEqualTo(422);
            assertThat(expired.status()).isEqualTo(201);
            assertThat(expired.body()).isEqualTo("{\"run\":2}");
            assertThat(expired.headers()).doesNotContainKey("Idempotent-Replayed");
            assertThat(runs.get()).isEqualTo(2);
        }
    }

    private static ApiRequest request(String key, String body) {
        return new ApiRequest(RequestId.once(UUID.randomUUID().toString()), "POST", "POST /v1/applications", "/v1/applications",
                new Actor("user-1", "U. Ser", Role.MUNICIPALITY, new nl.spuk.domain.MunicipalityCode(OWNER)), Map.of(), Map.of(),
                Map.of("idempotency-key", key, "content-type", "application/json"),
                body == null ? null : body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** What a retry must not change: the application, or the owner's allocations and applications. */
    private static String state(Fixture app) {
        if (app != null) {
            return fixtures.snapshot(app.id());
        }
        StringBuilder s = new StringBuilder();
        for (var m : ministry.get("/v1/municipalities").json().get("items")) {
            if (m.get("code").asText().equals(OWNER)) {
                s.append(m.get("allocationsCents"));
            }
        }
        return s.append(" applications ").append(ministry.get("/v1/applications?limit=100&municipality=" + OWNER).json().get("items").size())
                .toString();
    }

    private static Object otherBody(Object body) {
        if (body instanceof String csv) {
            return csv + "GM0014," + Fixtures.YEAR + ",1\n";
        }
        if (body instanceof Map<?, ?> map) {
            Map<Object, Object> other = new java.util.LinkedHashMap<>(map);
            other.put("different", true);
            return other;
        }
        return Map.of();
    }

    private static byte[] bytes(Object body) {
        if (body == null) {
            return null;
        }
        if (body instanceof String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }
        try {
            return ApiClient.JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Real time stands still here; the test sets it. */
    private static final class MovingClock extends Clock {
        volatile Instant now;

        MovingClock(Instant start) {
            this.now = start;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
