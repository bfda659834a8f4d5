package nl.spuk.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import nl.spuk.adapter.in.lambda.MonitoringCheckHandler;
import nl.spuk.adapter.in.lambda.WorkflowTickHandler;
import nl.spuk.adapter.out.s3.S3Clients;
import nl.spuk.config.Settings;
import nl.spuk.it.SharedLocalServer;
import nl.spuk.local.ApiClient.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.MDC;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * Local mode runs every function in one JVM on one set of AWS clients, so a call that {@code template.yaml} does not
 * grant its function passes here and fails only in AWS. This test closes that gap: it takes applications through the
 * routes, uploads (one refused), timers and the operator's monitoring check, records each DynamoDB and S3 call with
 * the function that made it (the log context's {@code function}), and requires each to be granted to that function.
 * The notifier's calls (on local mode's stream thread, in its own invocations) are recorded too; its mail goes to
 * local mode's SMTP server, so its SES grant is checked by {@code DeployReadinessTest}.
 */
class FunctionGrantsCoverCallsTest {
    private static final String CODE = "GM0106";
    private static final byte[] PDF = "%PDF-1.7\n% plan\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    @TempDir
    static Path dataDir;
    private static final CallRecorder calls = new CallRecorder();
    private static LocalServer server;
    private static ApiClient anonymous;

    @BeforeAll
    static void ownServer() {
        // this test moves the workflow clock, which is one per JVM
        SharedLocalServer.stop();
        server = LocalServer.start(LocalServer.Options.forTests(dataDir)
                .withHooks(new LocalServer.Hooks(List.of(calls), UnaryOperator.identity())));
        anonymous = new ApiClient(server.baseUri());
        calls.tableName = System.getProperty(Settings.TABLE);
        calls.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void every_call_a_function_makes_is_granted_to_it_by_the_template() throws Exception {
        ApiClient official = anonymous.as("official-assen", "municipality", CODE);
        ApiClient advisor = anonymous.as("advisor-1", "advisor", null);
        ApiClient proposer = anonymous.as("ministry-a", "ministry", null);
        ApiClient approver = anonymous.as("ministry-b", "ministry", null);

        ok(proposer.put("/v1/municipalities/" + CODE + "/allocations/2025", Map.of("amountCents", 5_000_000L)));
        // the import writes its rows from threads of its own, which carry no log context
        byte[] rows = ("code,year,amountCents\n" + CODE + ",2026,5000000\nGM0109,2025,100\n").getBytes(StandardCharsets.UTF_8);
        callsOutsideAnyFunctionAreBy("MunicipalitiesFunction", () -> ok(proposer.send("POST", "/v1/allocations/import",
                "text/csv", rows, IDEMPOTENCY_KEY, UUID.randomUUID().toString())));
        refused(proposer.send("POST", "/v1/allocations/import", "text/csv", "code\n".getBytes(StandardCharsets.UTF_8),
                IDEMPOTENCY_KEY, UUID.randomUUID().toString()));
        ok(proposer.get("/v1/municipalities"));

        String withdrawn = id(ok(post(official, "/v1/applications", plan("Ingetrokken", 2025))));
        ok(post(official, "/v1/applications/" + withdrawn + "/withdraw", Map.of("reason", "samengevoegd")));
        refused(post(official, "/v1/applications/" + withdrawn + "/submit", null));
        refused(post(official, "/v1/applications/" + withdrawn + "/documents", Map.of(
                "fileName", "plan.pdf", "contentType", "application/pdf", "sizeBytes", PDF.length, "kind", "PLAN")));

        // a plan announced and never uploaded: the submission checks it itself, and so does the tick's sweep
        String waiting = id(ok(post(official, "/v1/applications", plan("Wacht op upload", 2025))));
        announce(official, waiting);
        refused(post(official, "/v1/applications/" + waiting + "/submit", null));
        new WorkflowTickHandler().handleRequest(new ScheduledEvent(), null);

        String id = id(ok(post(official, "/v1/applications", plan("Assen mantelzorg", 2025))));
        ok(official.put("/v1/applications/" + id, plan("Assen zorgt samen", 2025, 2026), "If-Match", "\"1\""));
        upload(official, id);
        uploadOtherThanAnnounced(official, id);
        // a second plan removed with its checked copy, the removal repeated, and one refused once submitted
        String removed = upload(official, id);
        ok(official.delete("/v1/applications/" + id + "/documents/" + removed));
        ok(official.delete("/v1/applications/" + id + "/documents/" + removed));
        String kept = upload(official, id);
        ok(post(official, "/v1/applications/" + id + "/submit", null));
        refused(official.delete("/v1/applications/" + id + "/documents/" + kept));
        ok(official.get("/v1/municipalities/" + CODE));
        Map<String, Object> hours = Map.of("hours", 1.5, "theme", "RESPIJTZORG", "date", "2025-03-01", "note", "Gesprek");
        ok(post(advisor, "/v1/applications/" + id + "/advisory/hours", hours));
        refused(post(advisor, "/v1/applications/" + withdrawn + "/advisory/hours", hours));
        ok(advisor.get("/v1/municipalities/" + CODE + "/advisory-hours"));
        moveClock(Instant.now().plus(Duration.ofDays(43)));

        ok(post(advisor, "/v1/applications/" + id + "/advice", Map.of("outcome", "POSITIVE", "summary", "goed")));
        Map<String, Object> award = Map.of("outcome", "AWARD",
                "awardedCents", Map.of("2025", 4_000_000L, "2026", 3_500_000L), "motivation", "past");
        ok(post(proposer, "/v1/applications/" + id + "/decision", award));
        ok(post(approver, "/v1/applications/" + id + "/decision/return", Map.of("reason", "motivering aanvullen")));
        ok(post(proposer, "/v1/applications/" + id + "/decision", award));
        refused(post(proposer, "/v1/applications/" + id + "/decision/approve", null)); // four eyes
        ok(post(approver, "/v1/applications/" + id + "/decision/approve", null));

        moveClock(Instant.now().plus(Duration.ofDays(44)));
        ok(submitReport(official, id, 2025));
        refused(submitReport(official, id, 2025));
        ok(post(proposer, "/v1/applications/" + id + "/reports/2025/review", Map.of("outcome", "REJECT", "reason", "onvolledig")));
        ok(submitReport(official, id, 2025));
        ok(post(approver, "/v1/applications/" + id + "/reports/2025/review", Map.of("outcome", "ACCEPT")));
        moveClock(Instant.parse("2027-06-16T08:00:00Z"));
        ok(submitReport(official, id, 2026));
        ok(post(proposer, "/v1/applications/" + id + "/reports/2026/review", Map.of("outcome", "ACCEPT")));
        ok(post(proposer, "/v1/applications/" + id + "/settlement", null));
        ok(post(approver, "/v1/applications/" + id + "/settlement/return", Map.of("reason", "opnieuw berekenen")));
        ok(post(proposer, "/v1/applications/" + id + "/settlement", null));
        ok(post(approver, "/v1/applications/" + id + "/settlement/approve", null));

        for (String read : List.of("/v1/applications", "/v1/applications?municipality=" + CODE, "/v1/applications?status=SETTLED",
                "/v1/tasks", "/v1/applications/" + id, "/v1/applications/" + id + "/history",
                "/v1/applications/" + id + "/reports", "/v1/openapi.json")) {
            ok(proposer.get(read));
        }
        for (JsonNode document : ok(official.get("/v1/applications/" + id + "/documents")).json().get("items")) {
            if (document.get("status").asText().equals("AVAILABLE")) {
                ok(official.get("/v1/applications/" + id + "/documents/" + document.get("documentId").asText()));
            }
        }
        for (String read : List.of("/v1/monitoring/spending?year=2025", "/v1/monitoring/spending.csv?year=2025")) {
            ok(proposer.get(read));
        }
        ok(official.get("/v1/municipalities/" + CODE + "/spending?year=2025"));
        // the notifications in the app: the list (with the reader's marks) and one marked read
        JsonNode notifications = awaitNotifications(official);
        ok(post(official, "/v1/notifications/" + notifications.get(0).get("id").asText() + "/read", null));
        ok(official.get("/v1/notifications?limit=1"));
        awaitNotifications(proposer);
        // the operator's check, invoked as Lambda would, with no HTTP event
        new MonitoringCheckHandler().handleRequest(Map.of("repair", true), null);

        assertThat(ok(official.get("/v1/applications/" + id)).json().get("status").asText()).isEqualTo("SETTLED");
        assertThat(calls.byFunction()).containsKeys("ApplicationCommandsFunction", "DraftsFunction",
                "DocumentUploadedFunction", "AdvisoryFunction", "DecisionsFunction", "ReportsFunction",
                "WorkflowTickFunction", "MunicipalitiesFunction", "ApplicationQueriesFunction", "MonitoringFunction",
                "MonitoringCheckFunction", "NotificationsFunction", "NotifierFunction");
        TemplateGrants grants = new TemplateGrants(TemplateFile.loadLongForm());
        Map<String, Set<String>> notGranted = new TreeMap<>();
        calls.byFunction().forEach((function, made) -> {
            Set<String> granted = grants.functions().contains(function) ? grants.of(function) : Set.of();
            made.stream().filter(call -> granted.stream().noneMatch(g -> covers(g, call)))
                    .forEach(call -> notGranted.computeIfAbsent(function, f -> new TreeSet<>()).add(call));
        });
        assertThat(notGranted).as("calls the template does not grant their function").isEmpty();
    }

    /** Whether a grant ({@code action resource}, the resource perhaps ending in {@code *}) covers a call. */
    private static boolean covers(String grant, String call) {
        return grant.endsWith("*") ? call.startsWith(grant.substring(0, grant.length() - 1)) : grant.equals(call);
    }

    /** A plan for the years, 40,000 euros in 2025 and 35,000 in 2026. */
    private static Map<String, Object> plan(String title, Integer... years) {
        Map<String, Long> budget = new TreeMap<>();
        for (int year : years) {
            budget.put(Integer.toString(year), year == 2025 ? 4_000_000L : 3_500_000L);
        }
        return Map.of("title", title, "years", List.of(years), "activities", List.of(Map.of("theme", "VERLICHTEN",
                "title", "Respijt", "budgetCents", budget)));
    }

    /** A POST with an Idempotency-Key, as the web UI sends them: its function keeps (or gives free) an idempotency record. */
    private static Response post(ApiClient user, String path, Object body) {
        return user.post(path, body, IDEMPOTENCY_KEY, UUID.randomUUID().toString());
    }

    private static Response submitReport(ApiClient official, String id, int year) {
        return post(official, "/v1/applications/" + id + "/reports/" + year, Map.of(
                "spentCents", Map.of("VINDEN", 1_000_000L, "VERSTERKEN", 1_000_000L, "VERLICHTEN", 1_000_000L,
                        "VERBINDEN", 500_000L),
                "caregiversReached", 120, "respiteHours", 340.5, "narrative", "Meer mantelzorgers bereikt"));
    }

    /** Announces the plan, PUTs it to the presigned URL and waits until the upload check makes it AVAILABLE. */
    private static String upload(ApiClient user, String id) throws Exception {
        JsonNode ticket = announce(user, id);
        HttpResponse<String> stored = HTTP.send(HttpRequest.newBuilder(URI.create(ticket.get("uploadUrl").asText()))
                .header("Content-Type", "application/pdf").PUT(HttpRequest.BodyPublishers.ofByteArray(PDF)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
        awaitStatus(user, id, ticket.get("documentId").asText(), "AVAILABLE");
        return ticket.get("documentId").asText();
    }

    /**
     * Announces the plan and stores other content under its key, straight into the bucket: the check rejects the
     * document and removes the object. Then an object no document was announced for, which the check removes too.
     */
    private static void uploadOtherThanAnnounced(ApiClient user, String id) throws Exception {
        String documentId = announce(user, id).get("documentId").asText();
        try (S3Client s3 = S3Clients.client(LocalServer.REGION, Optional.of(URI.create(System.getProperty(Settings.S3_ENDPOINT))),
                S3Clients.staticCredentials(System.getProperty("aws.accessKeyId"), System.getProperty("aws.secretAccessKey")))) {
            String prefix = "applications/" + id + "/documents/";
            s3.putObject(b -> b.bucket(LocalServer.BUCKET).key(prefix + documentId).contentType("text/plain"),
                    RequestBody.fromString("no plan"));
            awaitStatus(user, id, documentId, "REJECTED");
            s3.putObject(b -> b.bucket(LocalServer.BUCKET).key(prefix + "never-announced"), RequestBody.fromString("?"));
            Instant deadline = Instant.now().plusSeconds(15);
            while (s3.listObjectsV2(b -> b.bucket(LocalServer.BUCKET).prefix(prefix + "never-announced")).keyCount() > 0) {
                assertThat(Instant.now()).as("the unannounced object is removed").isBefore(deadline);
                Thread.sleep(100);
            }
        }
    }

    private static JsonNode announce(ApiClient user, String id) {
        return ok(post(user, "/v1/applications/" + id + "/documents", Map.of(
                "fileName", "plan.pdf", "contentType", "application/pdf", "sizeBytes", PDF.length, "kind", "PLAN"))).json();
    }

    private static void awaitStatus(ApiClient user, String id, String documentId, String status) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(15);
        while (!documentStatus(user, id, documentId).equals(status)) {
            assertThat(Instant.now()).as("document " + documentId + " " + status).isBefore(deadline);
            Thread.sleep(100);
        }
    }

    private static String documentStatus(ApiClient user, String id, String documentId) {
        for (JsonNode d : user.get("/v1/applications/" + id + "/documents").json().get("items")) {
            if (d.get("documentId").asText().equals(documentId)) {
                return d.get("status").asText();
            }
        }
        return "";
    }

    /** Moves the workflow clock; the jobs that fall due run at once, outside any function, as the tick runs them in AWS. */
    private static void moveClock(Instant to) {
        callsOutsideAnyFunctionAreBy("WorkflowTickFunction", () -> ok(anonymous.post("/local/clock", Map.of("now", to.toString()))));
    }

    private static void callsOutsideAnyFunctionAreBy(String function, Runnable work) {
        calls.outsideAnyFunction = function;
        try {
            work.run();
        } finally {
            calls.outsideAnyFunction = null;
        }
    }

    /** The user's notifications once the notifier has delivered some (it works behind the stream). */
    private static JsonNode awaitNotifications(ApiClient user) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(15);
        JsonNode items = ok(user.get("/v1/notifications")).json().get("items");
        while (items.isEmpty()) {
            assertThat(Instant.now()).as("notifications arrive").isBefore(deadline);
            Thread.sleep(100);
            items = ok(user.get("/v1/notifications")).json().get("items");
        }
        return items;
    }

    /** A refusal (4xx): the function gives the request's idempotency key free again. */
    private static void refused(Response response) {
        assertThat(response.status()).as(response.body()).isBetween(400, 499);
    }

    private static Response ok(Response response) {
        assertThat(response.status()).as(response.body()).isBetween(200, 299);
        return response;
    }

    private static String id(Response created) {
        return created.json().get("id").asText();
    }

    /**
     * Records each DynamoDB and S3 call as {@code action resource}, the resources named as {@link TemplateGrants}
     * names them, under the function whose invocation made it: the log context's {@code function} (a handler called
     * without a Lambda context names its class; its function is found in the template).
     */
    private static final class CallRecorder implements ExecutionInterceptor {
        private static final String NO_FUNCTION = "(outside any function)";

        private final Map<String, Set<String>> byFunction = new ConcurrentHashMap<>();
        private final Map<String, String> functionByHandler = new ConcurrentHashMap<>();
        volatile String tableName;
        /** Whom a call outside any function's invocation is attributed to; null: to nobody. */
        volatile String outsideAnyFunction;
        private volatile boolean recording;

        void start() {
            Map<String, Map<String, Object>> resources = TemplateFile.resources(loadTemplate());
            resources.forEach((name, resource) -> {
                if (TemplateFile.properties(resource).get("Handler") instanceof String handler) {
                    String type = handler.split("::")[0];
                    functionByHandler.put(type.substring(type.lastIndexOf('.') + 1), name);
                }
            });
            recording = true;
        }

        Map<String, Set<String>> byFunction() {
            return byFunction;
        }

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (!recording) {
                return;
            }
            String named = MDC.get("function");
            String function = named != null ? functionByHandler.getOrDefault(named, named)
                    : outsideAnyFunction != null ? outsideAnyFunction : NO_FUNCTION;
            byFunction.computeIfAbsent(function, f -> ConcurrentHashMap.newKeySet())
                    .addAll(actions(context.request(), attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME)));
        }

        private List<String> actions(SdkRequest request, String operation) {
            List<String> actions = new ArrayList<>();
            if (request instanceof GetItemRequest r) {
                actions.add("dynamodb:GetItem " + table(r.tableName()));
            } else if (request instanceof PutItemRequest r) {
                actions.add("dynamodb:PutItem " + table(r.tableName()));
            } else if (request instanceof UpdateItemRequest r) {
                actions.add("dynamodb:UpdateItem " + table(r.tableName()));
            } else if (request instanceof DeleteItemRequest r) {
                actions.add("dynamodb:DeleteItem " + table(r.tableName()));
            } else if (request instanceof QueryRequest r) {
                actions.add("dynamodb:Query " + table(r.tableName()) + (r.indexName() == null ? "" : "/index/" + r.indexName()));
            } else if (request instanceof BatchGetItemRequest r) {
                r.requestItems().keySet().forEach(t -> actions.add("dynamodb:BatchGetItem " + table(t)));
            } else if (request instanceof TransactWriteItemsRequest r) {
                r.transactItems().forEach(item -> actions.add(transactionAction(item)));
            } else if (request instanceof PutObjectRequest r) {
                actions.add("s3:PutObject documents/" + r.key());
            } else if (request instanceof GetObjectRequest r) {
                actions.add("s3:GetObject documents/" + r.key());
            } else if (request instanceof HeadObjectRequest r) {
                actions.add("s3:GetObject documents/" + r.key()); // HeadObject is authorised as s3:GetObject
            } else if (request instanceof CopyObjectRequest r) {
                // authorised as reading the source and writing the destination
                actions.add("s3:GetObject documents/" + copySourceKey(r));
                actions.add("s3:PutObject documents/" + r.destinationKey());
            } else if (request instanceof DeleteObjectRequest r) {
                actions.add("s3:DeleteObject documents/" + r.key());
            } else {
                actions.add("unexpected " + operation);
            }
            return actions;
        }

        /** The source's key: the SDK may have moved it into {@code copySource} ({@code bucket/key}, URL-encoded). */
        private static String copySourceKey(CopyObjectRequest r) {
            if (r.sourceKey() != null) {
                return r.sourceKey();
            }
            String source = URLDecoder.decode(r.copySource(), StandardCharsets.UTF_8).replaceFirst("^/", "");
            return source.substring(source.indexOf('/') + 1).replaceFirst("\\?versionId=.*$", "");
        }

        /** Each action of a transaction is authorised as its own operation; a condition check as ConditionCheckItem. */
        private String transactionAction(TransactWriteItem item) {
            if (item.put() != null) {
                return "dynamodb:PutItem " + table(item.put().tableName());
            }
            if (item.update() != null) {
                return "dynamodb:UpdateItem " + table(item.update().tableName());
            }
            if (item.delete() != null) {
                return "dynamodb:DeleteItem " + table(item.delete().tableName());
            }
            return "dynamodb:ConditionCheckItem " + table(item.conditionCheck().tableName());
        }

        private String table(String name) {
            return name.equals(tableName) ? "table" : "table " + name;
        }

        private static Map<String, Object> loadTemplate() {
            try {
                return TemplateFile.loadLongForm();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
