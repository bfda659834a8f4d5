package nl.spuk.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
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
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import nl.spuk.local.ApiClient.Response;
import nl.spuk.local.ApiClient;
import nl.spuk.local.ChildServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} in the middle of a burst of writes: creates, advisory hours, document uploads and submits from
 * several clients at once. After a restart on the same folder every write the server acknowledged is there, nothing
 * is there twice, and the processes go on — also those whose request the kill cut off.
 */
class BurstCrashTest {
    private static final int YEAR = 2026;
    private static final byte[] PDF = "%PDF-1.7\n% plan\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    private static final String[] HOUR_MUNICIPALITIES = {"GM0014", "GM0034", "GM0037", "GM0047"};
    private static final String CREATOR_MUNICIPALITY = "GM0050";
    private static final String UPLOAD_MUNICIPALITY = "GM0059";
    private static final String SUBMIT_MUNICIPALITY = "GM0060";
    private static final int SUBMITTABLE = 24;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dataDir;

    /** What the clients sent and what the server acknowledged with a 2xx. */
    private static final class Ledger {
        final Map<String, String> createdTitles = new ConcurrentHashMap<>();
        final AtomicInteger createsSent = new AtomicInteger();
        final Map<String, AtomicInteger> hoursSent = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> hoursBooked = new ConcurrentHashMap<>();
        final Queue<String> announced = new ConcurrentLinkedQueue<>();
        final Queue<String> uploaded = new ConcurrentLinkedQueue<>();
        final Queue<String> submitted = new ConcurrentLinkedQueue<>();
        final Queue<String> submitsCut = new ConcurrentLinkedQueue<>();
        String uploadApplication;

        @Override
        public String toString() {
            return "Before the kill, acknowledged (of sent): creates " + createdTitles.size() + " (" + createsSent + "), hours "
                    + hoursBooked.values().stream().mapToInt(AtomicInteger::get).sum() + " ("
                    + hoursSent.values().stream().mapToInt(AtomicInteger::get).sum() + "), documents announced "
                    + announced.size() + ", uploaded " + uploaded.size() + ", submits " + submitted.size() + " (cut off: "
                    + submitsCut.size() + ")";
        }
    }

    @Test
    void everyAcknowledgedWriteSurvivesAKillInTheMiddleOfABurst() throws Exception {
        Ledger ledger = new Ledger();
        Map<String, String> tokens = new ConcurrentHashMap<>();
        Map<String, String> inReview = new ConcurrentHashMap<>();
        List<String> submittable = new ArrayList<>();

        ChildServer first = ChildServer.start(dataDir, 0);
        ApiClient api = new ApiClient(first.baseUri());
        try {
            tokens.put("ministry", api.token("ministry-burst", "ministry", null));
            tokens.put("advisor", api.token("advisor-burst", "advisor", null));
            for (String code : List.of(HOUR_MUNICIPALITIES[0], HOUR_MUNICIPALITIES[1], HOUR_MUNICIPALITIES[2],
                    HOUR_MUNICIPALITIES[3], CREATOR_MUNICIPALITY, UPLOAD_MUNICIPALITY, SUBMIT_MUNICIPALITY)) {
                tokens.put(code, api.token("official-" + code, "municipality", code));
                Response allocated = api.withToken(tokens.get("ministry"))
                        .put("/v1/municipalities/" + code + "/allocations/" + YEAR, Map.of("amountCents", 900_000_000L));
                assertThat(allocated.status()).as(allocated.toString()).isEqualTo(200);
            }
            for (String code : HOUR_MUNICIPALITIES) {
                String id = planUploaded(api.withToken(tokens.get(code)), code);
                assertThat(api.withToken(tokens.get(code)).post("/v1/applications/" + id + "/submit", null).status()).isEqualTo(200);
                inReview.put(code, id);
            }
            ApiClient submitter = api.withToken(tokens.get(SUBMIT_MUNICIPALITY));
            for (int i = 0; i < SUBMITTABLE; i++) {
                submittable.add(planUploaded(submitter, SUBMIT_MUNICIPALITY));
            }
            ledger.uploadApplication = create(api.withToken(tokens.get(UPLOAD_MUNICIPALITY)), UPLOAD_MUNICIPALITY, "Uploads");

            burst(first, api, tokens, inReview, submittable, ledger);
        } finally {
            first.kill();
        }
        System.out.println(ledger);

        ChildServer second = ChildServer.start(dataDir, 0);
        try {
            ApiClient again = new ApiClient(second.baseUri());
            ApiClient ministry = again.withToken(tokens.get("ministry"));
            ApiClient advisor = again.withToken(tokens.get("advisor"));
            // drafts are their municipality's own: nobody else sees them
            ApiClient creator = again.withToken(tokens.get(CREATOR_MUNICIPALITY));

            assertThat(ledger.createdTitles).as("creates acknowledged before the kill").isNotEmpty();
            ledger.createdTitles.forEach((id, title) -> {
                Response app = creator.get("/v1/applications/" + id);
                assertThat(app.status()).as(app.toString()).isEqualTo(200);
                assertThat(app.json().get("title").asText()).isEqualTo(title);
            });
            int stored = applications(creator, CREATOR_MUNICIPALITY);
            assertThat(stored).as("drafts stored: each acknowledged one, at most each one sent")
                    .isBetween(ledger.createdTitles.size(), ledger.createsSent.get());

            for (String code : HOUR_MUNICIPALITIES) {
                JsonNode hours = ministry.get("/v1/municipalities/" + code + "/advisory-hours?limit=100").json();
                int entries = hours.get("entries").size();
                assertThat(entries).as(code + ": entries stored between those acknowledged and those sent")
                        .isBetween(ledger.hoursBooked.get(code).get(), ledger.hoursSent.get(code).get());
                assertThat(hours.get("usedHours").asDouble()).isEqualTo(entries * 0.25);
            }

            ApiClient uploader = again.withToken(tokens.get(UPLOAD_MUNICIPALITY));
            JsonNode documents = uploader.get("/v1/applications/" + ledger.uploadApplication + "/documents?limit=100").json().get("items");
            List<String> storedIds = new ArrayList<>();
            documents.forEach(d -> storedIds.add(d.get("documentId").asText()));
            assertThat(storedIds).as("announced documents; history: "
                    + uploader.get("/v1/applications/" + ledger.uploadApplication + "/history").body()).containsAll(ledger.announced);
            for (String documentId : ledger.uploaded) {
                awaitAvailable(uploader, ledger.uploadApplication, documentId);
            }

            assertThat(ledger.submitted).as("submits acknowledged before the kill").isNotEmpty();
            ApiClient official = again.withToken(tokens.get(SUBMIT_MUNICIPALITY));
            for (String id : ledger.submitted) {
                assertThat(official.get("/v1/applications/" + id).json().get("status").asText()).isEqualTo("IN_REVIEW");
            }
            // a submit the kill cut off either took effect or not; submitting again completes it (or finds it done)
            for (String id : ledger.submitsCut) {
                Response retried = official.post("/v1/applications/" + id + "/submit", null);
                assertThat(retried.status()).as(id + ": " + retried).isIn(200, 409);
                assertThat(official.get("/v1/applications/" + id).json().get("status").asText()).as(id + ": " + retried)
                        .isEqualTo("IN_REVIEW");
            }
            for (String id : submittable) {
                if (ledger.submitted.contains(id) || ledger.submitsCut.contains(id)) {
                    Response advised = advisor.post("/v1/applications/" + id + "/advice",
                            Map.of("outcome", "POSITIVE", "summary", "Na de herstart"));
                    assertThat(advised.status()).as(id + ": " + advised).isEqualTo(200);
                    assertThat(advised.json().get("status").asText()).isEqualTo("ADVISED");
                } else {
                    Response submittedNow = official.post("/v1/applications/" + id + "/submit", null);
                    assertThat(submittedNow.status()).as(id + ": " + submittedNow).isEqualTo(200);
                }
            }
        } finally {
            second.stop();
        }
    }

    /** Writers at full speed until the kill, which comes while they write. */
    private static void burst(ChildServer server, ApiClient api, Map<String, String> tokens, Map<String, String> inReview,
                              List<String> submittable, Ledger ledger) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService writers = Executors.newFixedThreadPool(6);
        for (int w = 0; w < 2; w++) {
            ApiClient creator = api.withToken(tokens.get(CREATOR_MUNICIPALITY));
            writers.submit(() -> {
                while (running.get()) {
                    String title = "Burst " + UUID.randomUUID();
                    ledger.createsSent.incrementAndGet();
                    Response r = quietly(() -> creator.post("/v1/applications", plan(title),
                            "Idempotency-Key", UUID.randomUUID().toString()));
                    if (r != null && r.status() == 201) {
                        ledger.createdTitles.put(r.json().get("id").asText(), title);
                    }
                }
            });
        }
        ApiClient advisor = api.withToken(tokens.get("advisor"));
        for (String code : HOUR_MUNICIPALITIES) {
            ledger.hoursSent.put(code, new AtomicInteger());
            ledger.hoursBooked.put(code, new AtomicInteger());
        }
        writers.submit(() -> {
            for (int i = 0; running.get(); i++) {
                String code = HOUR_MUNICIPALITIES[i % HOUR_MUNICIPALITIES.length];
                ledger.hoursSent.get(code).incrementAndGet();
                Response r = quietly(() -> advisor.post("/v1/applications/" + inReview.get(code) + "/advisory/hours",
                        Map.of("hours", 0.25, "theme", "RESPIJTZORG", "date", YEAR + "-04-01"),
                        "Idempotency-Key", UUID.randomUUID().toString()));
                if (r != null && r.status() == 201) {
                    ledger.hoursBooked.get(code).incrementAndGet();
                }
            }
        });
        ApiClient uploader = api.withToken(tokens.get(UPLOAD_MUNICIPALITY));
        writers.submit(() -> {
            while (running.get()) {
                Response announced = quietly(() -> uploader.post("/v1/applications/" + ledger.uploadApplication + "/documents",
                        Map.of("fileName", "bijlage.pdf", "contentType", "application/pdf", "sizeBytes", PDF.length,
                                "kind", "OTHER")));
                if (announced == null || announced.status() != 201) {
                    continue;
                }
                String documentId = announced.json().get("documentId").asText();
                ledger.announced.add(documentId);
                Integer put = quietly(() -> put(URI.create(announced.json().get("uploadUrl").asText())));
                if (put != null && put == 200) {
                    ledger.uploaded.add(documentId);
                }
            }
        });
        ApiClient submitter = api.withToken(tokens.get(SUBMIT_MUNICIPALITY));
        writers.submit(() -> {
            for (String id : submittable) {
                if (!running.get()) {
                    return;
                }
                Response r = quietly(() -> submitter.post("/v1/applications/" + id + "/submit", null));
                if (r != null && r.status() == 200) {
                    ledger.submitted.add(id);
                } else {
                    ledger.submitsCut.add(id);
                }
                pause(60);
            }
        });
        // the kill comes once every kind of write has been acknowledged a few times, while the writers keep writing
        Instant latest = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(latest) && (ledger.createdTitles.size() < 6 || ledger.uploaded.size() < 3
                || ledger.submitted.size() < 3 || ledger.hoursBooked.values().stream().mapToInt(AtomicInteger::get).sum() < 3)) {
            pause(20);
        }
        server.kill();
        running.set(false);
        writers.shutdown();
        assertThat(writers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    }

    /** A write the kill cut off answers nothing: null. */
    private static <T> T quietly(Callable<T> write) {
        try {
            return write.call();
        } catch (Exception e) {
            return null;
        }
    }

    private static String create(ApiClient official, String code, String title) {
        Response created = official.post("/v1/applications", plan(title + " " + code));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private static String planUploaded(ApiClient official, String code) throws Exception {
        String id = create(official, code, "Plan");
        Response announced = official.post("/v1/applications/" + id + "/documents",
                Map.of("fileName", "plan.pdf", "contentType", "application/pdf", "sizeBytes", PDF.length, "kind", "PLAN"));
        assertThat(announced.status()).as(announced.toString()).isEqualTo(201);
        assertThat(put(URI.create(announced.json().get("uploadUrl").asText()))).isEqualTo(200);
        awaitAvailable(official, id, announced.json().get("documentId").asText());
        return id;
    }

    private static void awaitAvailable(ApiClient user, String id, String documentId) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (true) {
            for (JsonNode d : user.get("/v1/applications/" + id + "/documents?limit=100").json().get("items")) {
                if (d.get("documentId").asText().equals(documentId) && d.get("status").asText().equals("AVAILABLE")) {
                    return;
                }
            }
            assertThat(Instant.now()).as("document " + documentId + " AVAILABLE in time").isBefore(deadline);
            Thread.sleep(50);
        }
    }

    private static int applications(ApiClient reader, String code) {
        int count = 0;
        String next = null;
        do {
            JsonNode page = reader.get("/v1/applications?municipality=" + code + "&limit=100"
                    + (next == null ? "" : "&nextToken=" + URLEncoder.encode(next, StandardCharsets.UTF_8))).json();
            count += page.get("items").size();
            next = page.hasNonNull("nextToken") ? page.get("nextToken").asText() : null;
        } while (next != null);
        return count;
    }

    private static Map<String, Object> plan(String title) {
        return Map.of(
                "title", title,
                "years", List.of(YEAR),
                "activities", List.of(Map.of("theme", "VERBINDEN", "title", "Netwerk", "description", "Wijkteams",
                        "budgetCents", Map.of(String.valueOf(YEAR), 400_000L))),
                "contact", Map.of("name", "P. Bakker", "email", "p.bakker@example.nl"));
    }

    private static int put(URI url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(url).header("Content-Type", "application/pdf")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(PDF)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
