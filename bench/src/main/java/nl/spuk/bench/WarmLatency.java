package nl.spuk.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import nl.spuk.adapter.out.reference.MunicipalityList;
import nl.spuk.config.Settings;
import nl.spuk.local.LocalServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Part 3: every route's latency on the local server (HTTP, the same handlers, DynamoDB Local, S3Proxy, the engine on
 * H2) under a steady load of clients that each run applications from draft to settlement and a withdrawal, and read
 * the national routes in between; against DynamoDB Local's own GetItem and PutItem latency under as many clients
 * in the same run.
 */
final class WarmLatency {
    static final int YEAR = Lifecycle.YEAR;
    private static final String PDF = "application/pdf";

    private final LocalServer server;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, Stats> latency = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> retries = new ConcurrentHashMap<>();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final AtomicReference<String> firstFailure = new AtomicReference<>();
    private final List<String> municipalities = new ArrayList<>();
    private volatile boolean recording;

    WarmLatency(Path dataDir) {
        this.server = LocalServer.start(LocalServer.Options.forTests(dataDir).withTickPeriod(Duration.ofSeconds(1)));
        MunicipalityList.load().all().forEach(m -> municipalities.add(m.code().value()));
    }

    /** One answer. */
    record Response(int status, String body, java.net.http.HttpHeaders headers) {
        JsonNode json() {
            try {
                return Handlers.JSON.readTree(body);
            } catch (Exception e) {
                throw new IllegalStateException("not JSON: " + body, e);
            }
        }
    }

    /** Runs the load for the warm-up, then DynamoDB's baseline, then the load again for the measured window. */
    void run(int clients, Duration warmUp, Duration window, Stats getItem, Stats putItem) throws Exception {
        importAllocations();
        load(clients, warmUp);
        dynamoDb(clients, Duration.ofSeconds(Math.max(5, window.toSeconds() / 4)), getItem, putItem);
        recording = true;
        load(clients, window);
        recording = false;
    }

    Map<String, Stats> latency() {
        return new TreeMap<>(latency);
    }

    Map<String, AtomicInteger> failures() {
        return new TreeMap<>(failures);
    }

    Map<String, AtomicInteger> retries() {
        return new TreeMap<>(retries);
    }

    String firstFailure() {
        return firstFailure.get();
    }

    private void load(int clients, Duration length) throws Exception {
        long end = System.nanoTime() + length.toNanos();
        AtomicInteger loops = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                running.add(pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        int n = loops.getAndIncrement();
                        try {
                            session(municipalities.get(n % municipalities.size()), n);
                        } catch (RuntimeException e) {
                            firstFailure.compareAndSet(null, e.toString());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** One client's round: an application from draft to settlement, a withdrawn draft, the national read routes. */
    private void session(String code, int n) {
        String official = token("bench-" + code, "municipality", code);
        String advisor = token("bench-advisor", "advisor", null);
        // four eyes: the proposer and the approver differ, and swap from round to round
        String proposer = token("bench-ministry-" + (n % 2), "ministry", null);
        String approver = token("bench-ministry-" + ((n + 1) % 2), "ministry", null);
        Map<String, Object> plan = Map.of("title", "Mantelzorg " + code + " " + n, "years", List.of(YEAR),
                "activities", List.of(Map.of("theme", "VERLICHTEN", "title", "Respijtzorg",
                        "budgetCents", Map.of(String.valueOf(YEAR), Lifecycle.REQUESTED_CENTS))));

        JsonNode created = call("POST /v1/applications", "POST", "/v1/applications", official, plan, 201).json();
        String id = created.get("id").asText();
        String app = "/v1/applications/" + id;
        call("PUT /v1/applications/{id}", "PUT", app, official, plan, 200, "If-Match", "\"" + created.get("version").asText() + "\"");
        JsonNode ticket = call("POST /v1/applications/{id}/documents", "POST", app + "/documents", official,
                Map.of("fileName", "plan.pdf", "contentType", PDF, "sizeBytes", Lifecycle.PLAN.length, "kind", "PLAN"), 201).json();
        Lifecycle.put(URI.create(ticket.get("uploadUrl").asText()));
        String documentId = ticket.get("documentId").asText();
        awaitAvailable(official, app, documentId);
        call("GET /v1/applications/{id}/documents/{documentId}", "GET", app + "/documents/" + documentId, official, null, 200);
        call("GET /v1/applications/{id}", "GET", app, official, null, 200);
        call("GET /v1/applications", "GET", "/v1/applications?limit=20", official, null, 200);
        call("POST /v1/applications/{id}/submit", "POST", app + "/submit", official, null, 200);
        call("GET /v1/tasks", "GET", "/v1/tasks", advisor, null, 200);
        call("POST /v1/applications/{id}/advisory/hours", "POST", app + "/advisory/hours", advisor,
                Map.of("hours", 0.25, "theme", "RESPIJTZORG", "date", YEAR + "-03-01", "note", "bench"), 201);
        call("GET /v1/municipalities/{code}/advisory-hours", "GET", "/v1/municipalities/" + code + "/advisory-hours", advisor, null, 200);
        call("POST /v1/applications/{id}/advice", "POST", app + "/advice", advisor, Map.of("outcome", "POSITIVE", "summary", "goed plan"), 200);
        Map<String, Object> decision = Map.of("outcome", "AWARD", "awardedCents", Map.of(String.valueOf(YEAR), Lifecycle.REQUESTED_CENTS),
                "motivation", "past in de regeling");
        call("POST /v1/applications/{id}/decision", "POST", app + "/decision", proposer, decision, 200);
        if (n % 4 == 0) {
            call("POST /v1/applications/{id}/decision/return", "POST", app + "/decision/return", approver, Map.of("reason", "motiveer beter"), 200);
            call("POST /v1/applications/{id}/decision", "POST", app + "/decision", proposer, decision, 200);
        }
        call("POST /v1/applications/{id}/decision/approve", "POST", app + "/decision/approve", approver, null, 200);
        call("GET /v1/applications/{id}/history", "GET", app + "/history", official, null, 200);
        awaitReportTask(official, id);
        call("GET /v1/applications/{id}/reports", "GET", app + "/reports", official, null, 200);
        call("POST /v1/applications/{id}/reports/{year}", "POST", app + "/reports/" + YEAR, official, Map.of(
                "spentCents", Map.of("VINDEN", 20_000, "VERSTERKEN", 20_000, "VERLICHTEN", 30_000, "VERBINDEN", 20_000),
                "caregiversReached", 12, "respiteHours", 40.5, "narrative", "Meer mantelzorgers bereikt"), 200);
        call("POST /v1/applications/{id}/reports/{year}/review", "POST", app + "/reports/" + YEAR + "/review", proposer,
                Map.of("outcome", "ACCEPT"), 200);
        call("POST /v1/applications/{id}/settlement", "POST", app + "/settlement", proposer, null, 200);
        if (n % 4 == 1) {
            call("POST /v1/applications/{id}/settlement/return", "POST", app + "/settlement/return", approver, Map.of("reason", "klopt niet"), 200);
            call("POST /v1/applications/{id}/settlement", "POST", app + "/settlement", proposer, null, 200);
        }
        call("POST /v1/applications/{id}/settlement/approve", "POST", app + "/settlement/approve", approver, null, 200);

        String withdrawn = call("POST /v1/applications", "POST", "/v1/applications", official, plan, 201).json().get("id").asText();
        call("POST /v1/applications/{id}/withdraw", "POST", "/v1/applications/" + withdrawn + "/withdraw", official,
                Map.of("reason", "toch niet"), 200);

        call("GET /v1/municipalities", "GET", "/v1/municipalities", proposer, null, 200);
        call("PUT /v1/municipalities/{code}/allocations/{year}", "PUT", "/v1/municipalities/" + code + "/allocations/" + YEAR, proposer,
                Map.of("amountCents", Lifecycle.ALLOCATION_CENTS), 200);
        call("GET /v1/monitoring/spending", "GET", "/v1/monitoring/spending?year=" + YEAR, proposer, null, 200);
        call("GET /v1/monitoring/spending.csv", "GET", "/v1/monitoring/spending.csv?year=" + YEAR, proposer, null, 200);
        call("GET /v1/municipalities/{code}/spending", "GET", "/v1/municipalities/" + code + "/spending?year=" + YEAR, official, null, 200);
        send("POST /v1/allocations/import", "POST", "/v1/allocations/import", proposer, "text/csv",
                "code,year,amountCents\n" + code + "," + YEAR + "," + Lifecycle.ALLOCATION_CENTS + "\n", 200);
    }

    private void awaitAvailable(String official, String app, String documentId) {
        for (int attempt = 0; attempt < 400; attempt++) {
            for (JsonNode d : call("GET /v1/applications/{id}/documents", "GET", app + "/documents", official, null, 200).json().get("items")) {
                if (d.get("documentId").asText().equals(documentId) && d.get("status").asText().equals("AVAILABLE")) {
                    return;
                }
            }
            pause(25);
        }
        throw new IllegalStateException("document " + documentId + " of " + app + " did not become AVAILABLE");
    }

    /** The REPORT task opens when the workflow tick runs the year's timer (each second here). */
    private void awaitReportTask(String official, String id) {
        for (int attempt = 0; attempt < 200; attempt++) {
            for (JsonNode t : call("GET /v1/tasks", "GET", "/v1/tasks", official, null, 200).json().get("items")) {
                if (t.get("applicationId").asText().equals(id) && t.get("type").asText().equals("REPORT")) {
                    return;
                }
            }
            pause(100);
        }
        throw new IllegalStateException("no REPORT task for " + id);
    }

    private void importAllocations() {
        StringBuilder csv = new StringBuilder("code,year,amountCents\n");
        municipalities.forEach(code -> csv.append(code).append(',').append(YEAR).append("," + Lifecycle.ALLOCATION_CENTS + "\n"));
        send("POST /v1/allocations/import", "POST", "/v1/allocations/import", token("bench-ministry-0", "ministry", null),
                "text/csv", csv.toString(), 200);
    }

    private String token(String sub, String role, String municipality) {
        return tokens.computeIfAbsent(sub, s -> {
            Map<String, Object> body = new java.util.LinkedHashMap<>(Map.of("sub", sub, "name", sub, "role", role));
            if (municipality != null) {
                body.put("municipality", municipality);
            }
            return send(null, "POST", "/local/token", null, "application/json", json(body), 200).json().get("token").asText();
        });
    }

    private Response call(String route, String method, String path, String token, Object body, int expected, String... headers) {
        return send(route, method, path, token, body == null ? null : "application/json", body == null ? null : json(body), expected, headers);
    }

    private Response send(String route, String method, String path, String token, String contentType, String body, int expected,
                          String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.baseUri().resolve(path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> r;
        double ms;
        int attempt = 0;
        do {
            long started = System.nanoTime();
            try {
                r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (Exception e) {
                throw new IllegalStateException(method + " " + path + " failed", e);
            }
            ms = (System.nanoTime() - started) / 1e6;
            if (concurrent(r) && route != null && recording) {
                retries.computeIfAbsent(route, k -> new AtomicInteger()).incrementAndGet();
            }
        } while (concurrent(r) && ++attempt < 3);
        if (route != null && r.statusCode() == expected && recording) {
            latency.computeIfAbsent(route, k -> new Stats()).add(ms);
        }
        if (r.statusCode() != expected) {
            if (route != null && recording) {
                failures.computeIfAbsent(route, k -> new AtomicInteger()).incrementAndGet();
            }
            throw new IllegalStateException(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return new Response(r.statusCode(), r.body(), r.headers());
    }

    /**
     * A request that met the workflow tick moving the same application on answers 409 "changed meanwhile" or "try
     * again": a client tries again, and so does this one.
     */
    private static boolean concurrent(HttpResponse<String> r) {
        return r.statusCode() == 409 && (r.body().contains("try again") || r.body().contains("meanwhile"));
    }

    /**
     * DynamoDB Local's own latency: as many clients, each writing an item about an application's size and reading
     * it back, over the HTTP client local mode uses.
     */
    private void dynamoDb(int clients, Duration length, Stats getItem, Stats putItem) throws Exception {
        String endpoint = System.getProperty(Settings.DYNAMODB_ENDPOINT);
        String table = System.getProperty(Settings.TABLE);
        try (DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(URI.create(endpoint)).region(Region.EU_CENTRAL_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(32)).build()) {
            String padding = "x".repeat(1500);
            long warmEnd = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            long end = warmEnd + length.toNanos();
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            try {
                List<Future<?>> running = new ArrayList<>();
                for (int c = 0; c < clients; c++) {
                    int client = c;
                    running.add(pool.submit(() -> {
                        for (int i = 0; System.nanoTime() < end; i++) {
                            Map<String, AttributeValue> key = Map.of("PK", AttributeValue.fromS("BENCH#" + client),
                                    "SK", AttributeValue.fromS("ITEM#" + (i % 50)));
                            Map<String, AttributeValue> item = new java.util.HashMap<>(key);
                            item.put("title", AttributeValue.fromS("Mantelzorg " + i));
                            item.put("version", AttributeValue.fromN(Integer.toString(i)));
                            item.put("body", AttributeValue.fromS(padding));
                            boolean measured = System.nanoTime() > warmEnd;
                            long t0 = System.nanoTime();
                            dynamo.putItem(b -> b.tableName(table).item(item));
                            long t1 = System.nanoTime();
                            dynamo.getItem(b -> b.tableName(table).key(key));
                            long t2 = System.nanoTime();
                            if (measured) {
                                putItem.add((t1 - t0) / 1e6);
                                getItem.add((t2 - t1) / 1e6);
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : running) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private static String json(Object body) {
        try {
            return Handlers.JSON.writeValueAsString(body);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    void close() {
        server.close();
    }
}
