package nl.spuk.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import nl.spuk.adapter.in.lambda.http.ApiDocument;
import nl.spuk.hardening.AccessRules.Rule;
import nl.spuk.hardening.Fixtures.Fixture;
import nl.spuk.local.ApiClient.Response;
import nl.spuk.local.ApiClient;
import nl.spuk.local.SamTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The authorization matrix: every route of {@code template.yaml} × every kind of caller ({@link Caller}) × every
 * stage of an application ({@link Stage}), each answer checked against the one status {@link AccessRules} expects.
 * A municipality never learns of another's application: 404 with the same text as for an id that does not exist,
 * never its id in any answer, never in lists or task lists. Refused requests change nothing. Every answer of a
 * handler carries the no-store and nosniff headers, every refusal is problem+json without a stack trace.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuthorizationMatrixTest {
    static final String OWNER = "GM0363";
    static final String OTHER = "GM0518";
    private static final String UNKNOWN_ID = "00000000-0000-4000-8000-000000000000";

    private static HardeningServer server;
    private static Fixtures fixtures;
    private static final Map<Caller, ApiClient> CLIENTS = new EnumMap<>(Caller.class);
    private static final Map<Stage, Fixture> APPS = new ConcurrentHashMap<>();

    @BeforeAll
    static void prepare() {
        server = HardeningServer.start("matrix");
        fixtures = new Fixtures(server, OWNER);
        ApiClient anonymous = server.anonymous();
        CLIENTS.put(Caller.OWNER, server.municipality(OWNER));
        CLIENTS.put(Caller.OTHER_MUNICIPALITY, server.municipality(OTHER));
        CLIENTS.put(Caller.ADVISOR, server.advisor());
        CLIENTS.put(Caller.MINISTRY, server.ministry());
        CLIENTS.put(Caller.NO_TOKEN, anonymous);
        CLIENTS.put(Caller.EXPIRED_TOKEN, anonymous.withToken(server.expiredToken(OWNER)));
        CLIENTS.put(Caller.OTHER_KEY_TOKEN, anonymous.withToken(server.otherKeyToken()));
        CLIENTS.put(Caller.FORGED_GROUP_TOKEN, anonymous.withToken(server.forgedGroupToken(OWNER)));
        HardeningSupport.inParallel(List.of(Stage.values()), stage -> APPS.put(stage, fixtures.build(stage)));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Order(1)
    void every_route_of_the_template_has_a_rule_and_every_rule_a_route() {
        Set<String> template = new TreeSet<>();
        HardeningSupport.templateRoutes().forEach(r -> template.add(r.routeKey()));

        assertThat(AccessRules.routeKeys()).as("routes without a rule in AccessRules (add one)").containsAll(template);
        assertThat(template).as("rules for routes the template no longer has").containsAll(AccessRules.routeKeys());
    }

    @Test
    @Order(2)
    void every_route_answers_every_caller_in_every_stage_as_the_rules_say() {
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger cells = new AtomicInteger();
        List<Rule> applicationRules = new ArrayList<>();
        Map<String, Response> unknownId = new LinkedHashMap<>();
        for (SamTemplate.HttpRoute route : HardeningSupport.templateRoutes()) {
            Rule rule = AccessRules.forRoute(route.routeKey()).orElse(null);
            if (rule == null) {
                cells.addAndGet(genericCells(route.routeKey(), failures));
            } else if (rule.scope() == AccessRules.Scope.APPLICATION) {
                applicationRules.add(rule);
                unknownId.put(rule.routeKey(), send(rule, Caller.OTHER_MUNICIPALITY, null,
                        AccessRules.path(rule.routeKey(), fixtures, new Fixture(Stage.DRAFT, UNKNOWN_ID, UNKNOWN_ID))));
            } else {
                for (Caller caller : Caller.values()) {
                    cells.incrementAndGet();
                    check(rule, caller, null, failures);
                }
            }
        }
        // the stages are independent applications: one thread each, so the engine's work overlaps
        HardeningSupport.inParallel(List.of(Stage.values()), stage -> {
            String before = fixtures.snapshot(APPS.get(stage).id());
            for (Rule rule : applicationRules) {
                boolean succeeded = false;
                for (Caller caller : Caller.values()) {
                    cells.incrementAndGet();
                    Response r = check(rule, caller, stage, failures);
                    if (r.status() >= 200 && r.status() < 300) {
                        succeeded = true;
                        if (rule.movesStatus()) {
                            APPS.put(stage, fixtures.build(stage));
                            before = fixtures.snapshot(APPS.get(stage).id());
                            succeeded = false;
                        }
                    }
                    if (caller == Caller.OTHER_MUNICIPALITY && r.status() == 404
                            && !detail(r).equals(detail(unknownId.get(rule.routeKey())))) {
                        failures.add(cell(rule.routeKey(), caller, stage) + ": the 404 differs from the one for an unknown id: "
                                + r.body() + " vs " + unknownId.get(rule.routeKey()).body());
                    }
                }
                String after = fixtures.snapshot(APPS.get(stage).id());
                if (!succeeded && !after.equals(before)) {
                    failures.add(rule.routeKey() + " in " + stage + ": refused requests changed the application: "
                            + before + " -> " + after);
                }
                before = after;
            }
        });
        System.out.println("[hardening] authorization matrix: " + cells + " cells checked");
        assertThat(failures).as("%d cells; the failures", cells.get()).isEmpty();
        assertThat(cells.get()).isGreaterThan(1000);
    }

    @Test
    @Order(3)
    void lists_and_task_lists_never_show_another_municipalitys_applications_nor_drafts_to_advisors_or_the_ministry() {
        Set<String> owned = new HashSet<>();
        APPS.values().forEach(f -> owned.add(f.id()));
        ApiClient other = CLIENTS.get(Caller.OTHER_MUNICIPALITY);
        assertThat(all(other, "/v1/applications?limit=100")).noneMatch(a -> owned.contains(a.get("id").asText()))
                .allMatch(a -> a.get("municipalityCode").asText().equals(OTHER));
        Response filtered = other.get("/v1/applications?municipality=" + OWNER);
        assertThat(filtered.status()).isEqualTo(200);
        assertThat(filtered.json().get("items")).isEmpty();
        assertThat(other.get("/v1/tasks").json().get("items"))
                .allMatch(t -> t.get("municipalityCode").asText().equals(OTHER));

        Set<String> drafts = Set.of(APPS.get(Stage.DRAFT).id(), APPS.get(Stage.WITHDRAWN_UNSUBMITTED).id());
        Set<String> submitted = new HashSet<>(owned);
        submitted.removeAll(drafts);
        for (Caller caller : List.of(Caller.ADVISOR, Caller.MINISTRY)) {
            ApiClient client = CLIENTS.get(caller);
            List<JsonNode> seen = all(client, "/v1/applications?limit=100");
            assertThat(seen).as(caller + " sees").extracting(a -> a.get("id").asText())
                    .containsAll(submitted).doesNotContainAnyElementsOf(drafts);
            assertThat(seen).noneMatch(a -> a.get("status").asText().equals("DRAFT") || a.get("submittedAt").isNull());
            for (String filter : List.of("?status=DRAFT", "?status=WITHDRAWN&limit=100", "?municipality=" + OWNER + "&limit=100")) {
                assertThat(all(client, "/v1/applications" + filter)).as(caller + " filtering " + filter)
                        .noneMatch(a -> drafts.contains(a.get("id").asText()));
            }
            assertThat(client.get("/v1/tasks").json().get("items")).noneMatch(t -> drafts.contains(t.get("applicationId").asText()));
        }
    }

    @Test
    @Order(4)
    void tokens_without_a_usable_role_or_a_valid_signature_are_refused_on_every_route() {
        Fixture app = APPS.get(Stage.IN_REVIEW);
        String before = fixtures.snapshot(app.id());
        Map<String, Integer> tokens = new LinkedHashMap<>();
        tokens.put(server.signedByServer(HardeningServer.claims("no-group", List.of(), null).build()), 403);
        tokens.put(server.signedByServer(HardeningServer.claims("admin", List.of("admin"), null).build()), 403);
        tokens.put(server.signedByServer(HardeningServer.claims("two-groups", List.of("municipality", "ministry"), OWNER).build()), 403);
        tokens.put(server.signedByServer(HardeningServer.claims("no-code", List.of("municipality"), null).build()), 403);
        tokens.put(server.signedByServer(HardeningServer.claims("bad-code", List.of("municipality"), "GM14'--").build()), 403);
        // cognito:groups read strictly: one known group, as an array or a plain string, nothing else
        tokens.put(server.signedByServer(HardeningServer.claims("listed", List.of(), null).claim("cognito:groups", "x,ministry").build()), 403);
        tokens.put(server.signedByServer(HardeningServer.claims("quoted", List.of(), null).claim("cognito:groups", "\"ministry\"").build()), 403);
        tokens.put(server.signedByServer(HardeningServer.claims("extra-group", List.of("ministry", "readers"), null).build()), 403);
        tokens.put(server.signedByServer(HardeningServer.claims("capitals", List.of("Ministry"), null).build()), 403);
        // only an ID token: an access token carries no name and no municipality an administrator set
        tokens.put(server.signedByServer(HardeningServer.claims("access", List.of("ministry"), null).claim("token_use", "access").build()), 401);
        tokens.put(server.signedByServer(HardeningServer.claims("no-use", List.of("ministry"), null).claim("token_use", null).build()), 401);
        tokens.put(server.unsignedToken(), 401);
        tokens.put(server.publicKeyAsHmacSecretToken(), 401);
        tokens.put("not.a.jwt", 401);
        List<String> failures = new ArrayList<>();
        int cells = 0;
        for (SamTemplate.HttpRoute route : HardeningSupport.templateRoutes()) {
            Rule rule = AccessRules.forRoute(route.routeKey()).orElse(null);
            if (rule == null || rule.open()) {
                continue;
            }
            for (Map.Entry<String, Integer> token : tokens.entrySet()) {
                cells++;
                Response r = send(rule, Caller.MINISTRY, server.anonymous().withToken(token.getKey()),
                        AccessRules.path(rule.routeKey(), fixtures, app));
                if (r.status() != token.getValue() || !HardeningSupport.isProblem(r)) {
                    failures.add(rule.routeKey() + " with token #" + new ArrayList<>(tokens.keySet()).indexOf(token.getKey())
                            + ": expected " + token.getValue() + ", got " + r);
                }
            }
        }
        System.out.println("[hardening] tokens without a usable role: " + cells + " cells checked");
        assertThat(failures).isEmpty();
        assertThat(fixtures.snapshot(app.id())).isEqualTo(before);
    }

    @Test
    @Order(5)
    void the_logs_hold_no_token_no_key_and_no_presigned_signature() {
        assertThat(server.capturedLogLines()).isPositive();
        assertThat(server.logLinesWithSecrets()).isEmpty();
    }

    /** For a route without a rule: bad tokens are 401, and no signed-in caller gets a 5xx or a stack trace. */
    private static int genericCells(String routeKey, List<String> failures) {
        Rule generic = new Rule(routeKey, Set.of(), AccessRules.Scope.NONE, (c, s) -> 0, "", false, (c, f) -> null, false);
        String path = AccessRules.path(routeKey, fixtures, APPS.get(Stage.IN_REVIEW));
        int cells = 0;
        for (Caller caller : Caller.values()) {
            cells++;
            Response r = send(generic, caller, null, path);
            if (!caller.signedIn() ? r.status() != 401 : r.status() >= 500 || r.body().contains("\tat ")) {
                failures.add(cell(routeKey, caller, null) + " (no rule): " + r);
            }
        }
        return cells;
    }

    private static Response check(Rule rule, Caller caller, Stage stage, List<String> failures) {
        Fixture app = stage == null ? null : APPS.get(stage);
        Response r = send(rule, caller, null, AccessRules.path(rule.routeKey(), fixtures, app));
        int expected = rule.expected(caller, stage);
        String cell = cell(rule.routeKey(), caller, stage);
        if (r.status() != expected) {
            failures.add(cell + ": expected " + expected + ", got " + r.status() + " " + abbreviated(r.body()));
        }
        if (r.header("apigw-requestid") != null) {
            if (!"no-store".equals(r.header("Cache-Control")) || !"nosniff".equals(r.header("X-Content-Type-Options"))) {
                failures.add(cell + ": without Cache-Control no-store or X-Content-Type-Options nosniff: " + r.headers().map());
            }
        }
        // every answer of the API, the gateway's own 401 included, names the API's version
        if (!ApiDocument.VERSION.equals(r.header("API-Version"))) {
            failures.add(cell + ": API-Version is not " + ApiDocument.VERSION + ": " + r.headers().map());
        }
        if (r.status() >= 400 && !HardeningSupport.isProblem(r)) {
            failures.add(cell + ": not a problem+json without stack trace: " + r.headers().map() + " " + abbreviated(r.body()));
        }
        if (caller == Caller.OTHER_MUNICIPALITY) {
            for (Fixture owned : APPS.values()) {
                if (r.body().contains(owned.id())) {
                    failures.add(cell + ": the answer names another municipality's application " + owned.id());
                }
            }
        }
        return r;
    }

    /** Sends the rule's request as the caller (or with the given client instead). */
    static Response send(Rule rule, Caller caller, ApiClient clientOrNull, String path) {
        ApiClient client = clientOrNull != null ? clientOrNull : CLIENTS.get(caller);
        Object body = caller.role() == null ? rule.body().apply(Caller.MINISTRY, fixtures) : rule.body().apply(caller, fixtures);
        List<String> headers = new ArrayList<>();
        if (rule.routeKey().equals("PUT /v1/applications/{id}")) {
            String id = path.substring("/v1/applications/".length());
            headers.add("If-Match");
            headers.add("\"" + (id.equals(UNKNOWN_ID) ? 1 : fixtures.application(id).get("version").asLong()) + "\"");
        }
        String contentType = body == null ? null : body instanceof String ? "text/csv" : "application/json";
        byte[] bytes = body == null ? null : body instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : json(body);
        return client.send(rule.method(), path + rule.query(), contentType, bytes, headers.toArray(String[]::new));
    }

    private static byte[] json(Object body) {
        try {
            return ApiClient.JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static String detail(Response r) {
        return HardeningSupport.isProblem(r) ? r.json().get("detail").asText() : r.body();
    }

    private static List<JsonNode> all(ApiClient client, String path) {
        List<JsonNode> items = new ArrayList<>();
        String next = null;
        do {
            Response page = client.get(path + (next == null ? "" : "&nextToken=" + next));
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            page.json().get("items").forEach(items::add);
            next = page.json().has("nextToken") ? page.json().get("nextToken").asText() : null;
        } while (next != null);
        return items;
    }

    private static String cell(String routeKey, Caller caller, Stage stage) {
        return routeKey + " as " + caller + (stage == null ? "" : " in " + stage);
    }

    private static String abbreviated(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "...";
    }
}
