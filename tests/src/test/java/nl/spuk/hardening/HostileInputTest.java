package nl.spuk.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import nl.spuk.adapter.in.lambda.http.ApiDocument;
import nl.spuk.hardening.AccessRules.Rule;
import nl.spuk.hardening.Fixtures.Fixture;
import nl.spuk.hardening.HostileCorpus.Case;
import nl.spuk.hardening.HostileCorpus.Target;
import nl.spuk.local.ApiClient.Response;
import nl.spuk.local.ApiClient;
import nl.spuk.local.SamTemplate;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The hostile input corpus ({@link HostileCorpus}, generated from the OpenAPI document and the route table) against
 * every route, each sent by a caller who may use the route to an application in a stage where a valid request would
 * succeed: every answer is a 4xx problem+json with the no-store and nosniff headers, never a 5xx or a stack trace,
 * and nothing changes. Then what hostile text becomes on the way out: letters show it literally, file names lose
 * their path and control characters, presigned URLs expire within minutes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputTest {
    private static final String OWNER = "GM0344";
    private static final HttpClient STORAGE = HttpClient.newHttpClient();
    private static final String UUID_OF_NO_APPLICATION = "00000000-0000-4000-8000-000000000000";

    private static HardeningServer server;
    private static Fixtures fixtures;
    private static ApiClient owner;
    private static ApiClient advisor;
    private static ApiClient ministry;
    private static final Map<Stage, Fixture> APPS = new ConcurrentHashMap<>();

    @BeforeAll
    static void prepare() {
        server = HardeningServer.start("hostile");
        fixtures = new Fixtures(server, OWNER);
        owner = server.municipality(OWNER);
        advisor = server.advisor();
        ministry = server.ministry();
        List<Stage> needed = new ArrayList<>();
        for (Stage stage : Stage.values()) {
            if (stage != Stage.SETTLED && stage != Stage.WITHDRAWN && stage != Stage.WITHDRAWN_UNSUBMITTED) {
                needed.add(stage);
            }
        }
        HardeningSupport.inParallel(needed, stage -> APPS.put(stage, fixtures.build(stage)));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Order(1)
    void every_hostile_request_is_refused_with_a_problem_and_changes_nothing() {
        HostileCorpus corpus = new HostileCorpus(OpenApiSpec.load());
        Map<String, List<Case>> byRoute = new LinkedHashMap<>();
        Map<String, ApiClient> callers = new LinkedHashMap<>();
        Map<String, Fixture> targets = new LinkedHashMap<>();
        for (SamTemplate.HttpRoute route : HardeningSupport.templateRoutes()) {
            Rule rule = AccessRules.forRoute(route.routeKey())
                    .orElseThrow(() -> new AssertionError("no rule for " + route.routeKey() + " in AccessRules"));
            Caller caller = allowedCaller(rule);
            Fixture app = rule.scope() == AccessRules.Scope.APPLICATION ? APPS.get(allowedStageOrNull(rule, caller)) : null;
            List<Case> cases = new ArrayList<>(corpus.cases(target(rule, caller, app)));
            if (route.routeKey().equals("GET /v1/applications")) {
                cases.addAll(forgedPageTokens());
            }
            byRoute.put(route.routeKey(), cases);
            callers.put(route.routeKey(), client(caller));
            targets.put(route.routeKey(), app);
        }
        Map<String, String> worldBefore = world();

        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger sent = new AtomicInteger();
        HardeningSupport.inParallel(new ArrayList<>(byRoute.keySet()), routeKey -> {
            Fixture app = targets.get(routeKey);
            String before = app == null ? null : fixtures.historySize(app.id());
            for (Case c : byRoute.get(routeKey)) {
                sent.incrementAndGet();
                Response r = callers.get(routeKey).send(c.method(), c.path(), c.contentType(), c.body(),
                        c.headers().toArray(String[]::new));
                if (!c.expected().contains(r.status()) || !HardeningSupport.isProblem(r)
                        || !"no-store".equals(r.header("Cache-Control")) || !"nosniff".equals(r.header("X-Content-Type-Options"))
                        || !ApiDocument.VERSION.equals(r.header("API-Version"))) {
                    failures.add(c + ": expected " + c.expected() + " problem+json with API-Version, got " + r.status() + " "
                            + r.header("Content-Type") + " " + r.headers().map() + " " + HostileCorpus.abbreviate(r.body()));
                }
                // every change writes the history, so its length shows one at once (the world check afterwards is complete)
                if (app != null && !c.method().equals("GET")) {
                    String after = fixtures.historySize(app.id());
                    if (!after.equals(before)) {
                        failures.add(c + ": changed the application: " + before + " -> " + after);
                        before = after;
                    }
                }
            }
        });
        System.out.println("[hardening] hostile input corpus: " + sent + " cases over " + byRoute.size() + " routes");
        assertThat(failures).as("%d cases; the failures", sent.get()).isEmpty();
        assertThat(world()).isEqualTo(worldBefore);
        assertThat(sent.get()).isGreaterThanOrEqualTo(200);
    }

    @Test
    @Order(2)
    void hostile_text_in_an_award_shows_literally_in_the_letter() throws Exception {
        Fixture advised = fixtures.build(Stage.ADVISED);
        String conditions = "<script>alert('x')</script> & <b>vet</b> =HYPERLINK(\"http://evil\") \u202Eevil";
        Response proposed = fixtures.proposer.post("/v1/applications/" + advised.id() + "/decision", Map.of("outcome", "AWARD",
                "awardedCents", Map.of(Integer.toString(Fixtures.YEAR), Fixtures.BUDGET_CENTS),
                "conditions", conditions, "motivation", "<img src=x onerror=alert(1)>"));
        assertThat(proposed.status()).as(proposed.body()).isEqualTo(200);
        Response approved = fixtures.approver.post("/v1/applications/" + advised.id() + "/decision/approve", null);
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);

        byte[] pdf = download(owner, advised.id(), "DECISION");
        String text;
        try (var doc = Loader.loadPDF(pdf)) {
            text = new PDFTextStripper().getText(doc).replace('\u00a0', ' ').replaceAll("\\s+", " ");
        }
        assertThat(text).contains("<script>alert('x')</script> & <b>vet</b>", "=HYPERLINK(\"http://evil\")",
                "<img src=x onerror=alert(1)>");
        String raw = new String(pdf, StandardCharsets.ISO_8859_1);
        assertThat(raw).doesNotContain("/JavaScript").doesNotContain("/JS ").doesNotContain("/Launch");
    }

    @Test
    @Order(3)
    void a_hostile_file_name_is_stored_as_a_bare_name_and_served_as_an_attachment() throws Exception {
        Fixture draft = APPS.get(Stage.DRAFT);
        String hostile = "..\\../etc/\"pass\"\r\nX-Evil: 1<script>.pdf";
        Response announced = owner.post("/v1/applications/" + draft.id() + "/documents", Map.of(
                "fileName", hostile, "contentType", "application/pdf", "sizeBytes", Fixtures.PDF.length, "kind", "OTHER"));
        // api.md allows either: store the bare name, or refuse the name with 422
        assertThat(announced.status()).as(announced.body()).isIn(201, 422);
        if (announced.status() == 422) {
            assertThat(HardeningSupport.isProblem(announced)).isTrue();
            return;
        }
        String documentId = announced.json().get("documentId").asText();
        HttpResponse<String> stored = STORAGE.send(HttpRequest.newBuilder(URI.create(announced.json().get("uploadUrl").asText()))
                .header("Content-Type", "application/pdf").PUT(HttpRequest.BodyPublishers.ofByteArray(Fixtures.PDF)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(stored.statusCode()).isEqualTo(200);
        JsonNode listed = awaitAvailable(draft.id(), documentId);
        String name = listed.get("fileName").asText();
        assertThat(name).doesNotContain("/", "\\", "\r", "\n", "\"").endsWith(".pdf");

        Response link = owner.get("/v1/applications/" + draft.id() + "/documents/" + documentId);
        assertThat(link.status()).isEqualTo(200);
        HttpResponse<byte[]> file = STORAGE.send(HttpRequest.newBuilder(URI.create(link.json().get("downloadUrl").asText())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(file.statusCode()).isEqualTo(200);
        String disposition = file.headers().firstValue("Content-Disposition").orElse("");
        assertThat(disposition).startsWith("attachment");
        assertThat(file.headers().firstValue("X-Evil")).isEmpty();
        assertThat(file.body()).isEqualTo(Fixtures.PDF);
    }

    @Test
    @Order(4)
    void presigned_urls_expire_within_minutes() throws Exception {
        Fixture draft = APPS.get(Stage.DRAFT);
        Instant before = Instant.now();
        Response announced = owner.post("/v1/applications/" + draft.id() + "/documents", Map.of(
                "fileName", "begroting.pdf", "contentType", "application/pdf", "sizeBytes", 10, "kind", "BUDGET"));
        assertThat(announced.status()).as(announced.body()).isEqualTo(201);
        assertExpiresWithin(announced.json().get("uploadUrl").asText(), announced.json().get("expiresAt").asText(),
                before, Duration.ofMinutes(15));

        Response download = owner.get("/v1/applications/" + draft.id() + "/documents/" + draft.planDocumentId());
        assertThat(download.status()).as(download.body()).isEqualTo(200);
        assertExpiresWithin(download.json().get("downloadUrl").asText(), download.json().get("expiresAt").asText(),
                before, Duration.ofMinutes(5));
    }

    @Test
    @Order(5)
    void page_tokens_forged_for_the_callers_own_list_are_refused_with_400() {
        fixtures.build(Stage.IN_REVIEW);
        // one list per index: a municipality's own (GSI1), one status (GSI2), everything (GSI3)
        Map<String, ApiClient> lists = new LinkedHashMap<>();
        lists.put("/v1/applications?limit=1", owner);
        lists.put("/v1/applications?limit=1&status=IN_REVIEW", ministry);
        lists.put("/v1/applications?limit=1&year=" + Fixtures.YEAR, advisor);
        List<String> failures = new ArrayList<>();
        lists.forEach((path, caller) -> {
            Response first = caller.get(path);
            assertThat(first.status()).as(first.body()).isEqualTo(200);
            String genuine = first.json().get("nextToken").asText();
            Response second = caller.get(path + "&nextToken=" + genuine);
            assertThat(second.status()).as(second.body()).isEqualTo(200);
            forgedWithinTheSamePartition(decodeToken(genuine)).forEach((name, token) -> {
                Response r = caller.get(path + "&nextToken=" + java.net.URLEncoder.encode(token, StandardCharsets.UTF_8));
                if (r.status() != 400 || !HardeningSupport.isProblem(r)) {
                    failures.add(path + " with " + name + ": " + r.status() + " " + HostileCorpus.abbreviate(r.body()));
                }
            });
        });
        assertThat(failures).isEmpty();
    }

    @Test
    @Order(6)
    void the_logs_hold_no_token_no_key_and_no_presigned_signature() {
        assertThat(server.capturedLogLines()).isPositive();
        assertThat(server.logLinesWithSecrets()).isEmpty();
    }

    private static void assertExpiresWithin(String url, String expiresAt, Instant before, Duration limit) {
        Instant expires = Instant.parse(expiresAt);
        assertThat(expires).isAfter(before).isBeforeOrEqualTo(Instant.now().plus(limit).plusSeconds(1));
        String query = URI.create(url).getRawQuery();
        assertThat(query).contains("X-Amz-Expires=");
        long seconds = Long.parseLong(query.replaceAll(".*X-Amz-Expires=(\\d+).*", "$1"));
        assertThat(seconds).isPositive().isLessThanOrEqualTo(limit.toSeconds());
    }

    /** The first caller the rule admits (a reader of the owner's data where it matters), preferring the ministry. */
    private static Caller allowedCaller(Rule rule) {
        for (Caller c : List.of(Caller.MINISTRY, Caller.OWNER, Caller.ADVISOR)) {
            if (rule.scope() != AccessRules.Scope.APPLICATION) {
                if (rule.expected(c, null) < 300) {
                    return c;
                }
            } else if (allowedStageOrNull(rule, c) != null) {
                return c;
            }
        }
        throw new AssertionError("nobody may use " + rule.routeKey());
    }

    private static Stage allowedStageOrNull(Rule rule, Caller caller) {
        for (Stage s : Stage.values()) {
            if (APPS.containsKey(s) && rule.expected(caller, s) < 300) {
                return s;
            }
        }
        return null;
    }

    private static ApiClient client(Caller caller) {
        return switch (caller) {
            case OWNER -> owner;
            case ADVISOR -> advisor;
            default -> ministry;
        };
    }

    private static Target target(Rule rule, Caller caller, Fixture app) {
        Map<String, String> pathParameters = new LinkedHashMap<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{(\\w+)}").matcher(rule.pathTemplate());
        while (m.find()) {
            String name = m.group(1);
            pathParameters.put(name, switch (name) {
                case "id" -> app != null ? app.id() : fixtures.notificationId();
                case "documentId" -> app.planDocumentId();
                case "code" -> OWNER;
                case "year" -> Integer.toString(Fixtures.YEAR);
                default -> throw new AssertionError("unknown path parameter " + name);
            });
        }
        Map<String, String> query = new LinkedHashMap<>();
        if (!rule.query().isEmpty()) {
            for (String pair : rule.query().substring(1).split("&")) {
                String[] kv = pair.split("=", 2);
                query.put(kv[0], kv[1]);
            }
        }
        Object body = rule.body().apply(caller, fixtures);
        List<String> headers = new ArrayList<>();
        if (rule.routeKey().equals("PUT /v1/applications/{id}")) {
            headers.add("If-Match");
            headers.add("\"" + fixtures.application(app.id()).get("version").asLong() + "\"");
        }
        return new Target(rule.routeKey(), pathParameters, query,
                body == null || body instanceof String ? null : ApiClient.JSON.valueToTree(body),
                body instanceof String csv ? csv : null, headers);
    }

    /**
     * Page tokens an attacker would make from a genuine one (they are opaque, but only base64): with empty key values,
     * pointing into another municipality's partition, truncated, and of an unknown format.
     */
    private static List<Case> forgedPageTokens() {
        Response page = owner.get("/v1/applications?limit=1");
        assertThat(page.status()).isEqualTo(200);
        String genuine = page.json().get("nextToken").asText();
        Map<String, String> key = decodeToken(genuine);
        Map<String, String> tokens = new LinkedHashMap<>();
        Map<String, String> empty = new TreeMap<>();
        key.keySet().forEach(k -> empty.put(k, ""));
        tokens.put("empty key values", encodeToken(empty));
        for (String attribute : key.keySet()) {
            Map<String, String> one = new TreeMap<>(key);
            one.put(attribute, "");
            tokens.put("empty " + attribute, encodeToken(one));
            Map<String, String> other = new TreeMap<>(key);
            other.put(attribute, key.get(attribute).replace(OWNER, AuthorizationMatrixTest.OTHER));
            if (!other.equals(key)) {
                tokens.put(attribute + " of another municipality", encodeToken(other));
            }
        }
        tokens.put("truncated", genuine.substring(0, genuine.length() - 6));
        tokens.put("unknown format", "Ag" + genuine.substring(2));
        tokens.put("not base64", "%%%");
        List<Case> cases = new ArrayList<>();
        tokens.forEach((name, token) -> cases.add(new Case("GET /v1/applications", "nextToken " + name, "GET",
                "/v1/applications?limit=1&nextToken=" + java.net.URLEncoder.encode(token, StandardCharsets.UTF_8), null, null,
                List.of(), Set.of(400))));
        return cases;
    }

    /**
     * Tokens that keep a genuine token's partition (so they pass as the caller's own query) and change the rest: a sort
     * key before or after the query's range, empty, without or with another id, too long for DynamoDB; keys of an item
     * that is no application; an id that is no text.
     */
    private static Map<String, String> forgedWithinTheSamePartition(Map<String, String> key) {
        String sortAttribute = key.keySet().stream().filter(k -> k.startsWith("GSI") && k.endsWith("SK")).findFirst().orElseThrow();
        String sortKey = key.get(sortAttribute);
        String id = key.get("PK").substring("APP#".length());
        Map<String, Map<String, String>> forged = new LinkedHashMap<>();
        forged.put("a sort key before the range", with(key, sortAttribute, "A"));
        forged.put("a sort key after the range", with(key, sortAttribute, "~"));
        forged.put("an empty sort key", with(key, sortAttribute, ""));
        forged.put("a sort key without the id", with(key, sortAttribute, sortKey.substring(0, sortKey.length() - id.length())));
        forged.put("a sort key too long for DynamoDB", with(key, sortAttribute, sortKey.replace("#" + id, "#" + "9".repeat(1100) + "#" + id)));
        forged.put("a sort key of another application", with(key, sortAttribute, sortKey.replace(id, UUID_OF_NO_APPLICATION)));
        forged.put("the table keys of an event", with(with(key, "PK", "APP#" + id), "SK", "EVT#0"));
        forged.put("the table keys of a municipality", with(with(key, "PK", "MUNI#" + OWNER), "SK", "APP"));
        forged.put("an empty table key", with(key, "PK", ""));
        forged.put("an id that is no text", with(with(key, "PK", "APP#\uD800"), sortAttribute, sortKey.replace(id, "\uD800")));
        Map<String, String> tokens = new LinkedHashMap<>();
        forged.forEach((name, k) -> tokens.put(name, encodeToken(k)));
        return tokens;
    }

    private static Map<String, String> with(Map<String, String> key, String attribute, String value) {
        Map<String, String> changed = new TreeMap<>(key);
        changed.put(attribute, value);
        return changed;
    }

    /** The token format as the product writes it: a format byte, a count, then names and values in modified UTF-8. */
    private static Map<String, String> decodeToken(String token) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(Base64.getUrlDecoder().decode(token)))) {
            in.readByte();
            int size = in.readByte();
            Map<String, String> key = new TreeMap<>();
            for (int i = 0; i < size; i++) {
                key.put(in.readUTF(), in.readUTF());
            }
            return key;
        } catch (IOException e) {
            throw new AssertionError("the page token format changed: " + token, e);
        }
    }

    private static String encodeToken(Map<String, String> key) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(1);
            out.writeByte(key.size());
            for (Map.Entry<String, String> e : key.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeUTF(e.getValue());
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.toByteArray());
    }

    /** What no refused request may change: the owner's allocations, hours, applications, and every fixture. */
    private static Map<String, String> world() {
        Map<String, String> w = new TreeMap<>();
        for (JsonNode m : ministry.get("/v1/municipalities").json().get("items")) {
            if (m.get("code").asText().equals(OWNER)) {
                w.put("allocations", m.get("allocationsCents").toString());
            }
        }
        w.put("hours", ministry.get("/v1/municipalities/" + OWNER + "/advisory-hours").json().get("usedHours").asText());
        int count = 0;
        String next = null;
        do {
            Response page = ministry.get("/v1/applications?limit=100&municipality=" + OWNER + (next == null ? "" : "&nextToken=" + next));
            count += page.json().get("items").size();
            next = page.json().has("nextToken") ? page.json().get("nextToken").asText() : null;
        } while (next != null);
        w.put("applications", Integer.toString(count));
        APPS.forEach((stage, app) -> w.put(stage.name(), fixtures.snapshot(app.id())));
        return w;
    }

    private static byte[] download(ApiClient user, String id, String kind) throws Exception {
        for (JsonNode d : user.get("/v1/applications/" + id + "/documents").json().get("items")) {
            if (d.get("kind").asText().equals(kind)) {
                Response link = user.get("/v1/applications/" + id + "/documents/" + d.get("documentId").asText());
                assertThat(link.status()).as(link.body()).isEqualTo(200);
                return STORAGE.send(HttpRequest.newBuilder(URI.create(link.json().get("downloadUrl").asText())).build(),
                        HttpResponse.BodyHandlers.ofByteArray()).body();
            }
        }
        throw new AssertionError("no " + kind + " document on " + id);
    }

    private static JsonNode awaitAvailable(String id, String documentId) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(15);
        while (Instant.now().isBefore(deadline)) {
            for (JsonNode d : owner.get("/v1/applications/" + id + "/documents").json().get("items")) {
                if (d.get("documentId").asText().equals(documentId) && d.get("status").asText().equals("AVAILABLE")) {
                    return d;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("document " + documentId + " did not become AVAILABLE");
    }
}
