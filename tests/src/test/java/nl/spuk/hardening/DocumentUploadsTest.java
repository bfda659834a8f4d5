package nl.spuk.hardening;

import static nl.spuk.hardening.HardeningSupport.isProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import nl.spuk.domain.SampleFiles;
import nl.spuk.local.ApiClient;
import nl.spuk.local.ApiClient.Response;
import nl.spuk.local.LocalServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * The documents part of the security review (api.md, "Documents"): a checked document's bytes never change, whatever is
 * PUT to its upload URL afterwards; bytes are checked against the declared type; an upload counts once its PUT has
 * answered, even when storage's notification comes late or never; an application holds at most 100 documents and 20
 * waiting for their upload, however fast they are announced; documents, history and hour entries come in pages; and a
 * letter's kind is a broken rule (422), not a matter of role.
 */
class DocumentUploadsTest {
    private static final String CODE = "GM0213";
    private static final String UPLOAD_CHECK = "DocumentUploadedFunction";
    private static final String TICK = "WorkflowTickFunction";
    private static final HttpClient STORAGE = HttpClient.newHttpClient();
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(20);

    private static final FailingFunctions failing = new FailingFunctions();
    private static HardeningServer server;
    private static Fixtures fixtures;
    private static ApiClient official;

    /** A document announced, and where its bytes go. */
    private record Announced(String documentId, String uploadUrl, String contentType) {
    }

    @BeforeAll
    static void start() {
        // a periodic tick, as in AWS and in local mode, and a way to lose the functions' work
        server = HardeningServer.start("documents", options -> options.withTickPeriod(Duration.ofMillis(300))
                .withHooks(new LocalServer.Hooks(List.of(failing), url -> url)));
        fixtures = new Fixtures(server, CODE);
        official = fixtures.official;
    }

    @AfterEach
    void nothingFails() {
        failing.functions.clear();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void a_put_after_the_check_changes_nothing_that_is_served() {
        String id = draft("Omwisselen");
        byte[] checked = "%PDF-1.7\n% het plan zoals gecontroleerd\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
        byte[] swapped = "%PDF-1.7\n% een ander plan, even lang!!!\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(swapped).hasSameSizeAs(checked);
        Announced plan = announce(official, id, "PLAN", "plan.pdf", "application/pdf", checked.length);
        assertThat(put(plan, checked)).isEqualTo(200);
        JsonNode available = awaitSettled(official, id, plan.documentId());
        assertThat(available.get("status").asText()).isEqualTo("AVAILABLE");
        String sha256 = available.get("sha256").asText();
        assertThat(sha256).isEqualTo(sha256(checked));

        // the URL is still valid: storage takes the PUT, the product ignores it
        assertThat(put(plan, swapped)).isEqualTo(200);

        for (int look = 0; look < 2; look++) {
            assertThat(download(official, id, plan.documentId())).as("what is served").isEqualTo(checked);
            JsonNode listed = document(official, id, plan.documentId());
            assertThat(listed.get("status").asText()).isEqualTo("AVAILABLE");
            assertThat(listed.get("sha256").asText()).isEqualTo(sha256);
            assertThat(all(official, "/v1/applications/" + id + "/history", "items").stream()
                    .filter(e -> e.get("action").asText().equals("DOCUMENT_UPLOADED")).map(e -> e.get("details").get("sha256").asText()))
                    .containsExactly(sha256);
            pause(Duration.ofMillis(1500)); // the second PUT's notification has run by the second look
        }
    }

    @Test
    void bytes_that_are_not_of_the_declared_type_are_rejected_with_a_dutch_reason() {
        String id = draft("Soorten");
        Map<String, byte[]> samples = SampleFiles.samples();
        Map<String, String> misdeclared = Map.of(
                SampleFiles.PDF, SampleFiles.CSV,
                SampleFiles.DOCX, SampleFiles.XLSX,
                SampleFiles.XLSX, SampleFiles.ODS,
                SampleFiles.ODT, SampleFiles.DOCX,
                SampleFiles.ODS, SampleFiles.ODT,
                SampleFiles.CSV, SampleFiles.PNG,
                SampleFiles.PNG, SampleFiles.JPEG,
                SampleFiles.JPEG, SampleFiles.PDF);
        List<String> accepted = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        for (Map.Entry<String, byte[]> sample : samples.entrySet()) {
            accepted.add(upload(id, sample.getKey(), sample.getValue()));
            rejected.add(upload(id, misdeclared.get(sample.getKey()), sample.getValue()));
        }

        for (String documentId : rejected) {
            JsonNode d = awaitSettled(official, id, documentId);
            assertThat(d.get("status").asText()).as(d.toString()).isEqualTo("REJECTED");
            assertThat(d.get("rejectionReason").asText()).as(d.toString()).startsWith("Het bestand is aangemeld als ")
                    .contains("maar de inhoud is geen");
            assertThat(d.get("sha256").isNull()).isTrue();
            assertThat(official.get("/v1/applications/" + id + "/documents/" + documentId).status()).isEqualTo(409);
        }
        for (String documentId : accepted) {
            JsonNode d = awaitSettled(official, id, documentId);
            assertThat(d.get("status").asText()).as(d.toString()).isEqualTo("AVAILABLE");
            assertThat(d.hasNonNull("rejectionReason")).as(d.toString()).isFalse();
        }

        String textAsPlan = draft("Tekst als plan");
        String plan = upload(textAsPlan, SampleFiles.PDF, "Dit is geen pdf maar gewone tekst.".getBytes(StandardCharsets.UTF_8));
        assertThat(awaitSettled(official, textAsPlan, plan).get("rejectionReason").asText())
                .isEqualTo("Het bestand is aangemeld als pdf-bestand, maar de inhoud is geen pdf-bestand.");
        Response submitted = official.post("/v1/applications/" + textAsPlan + "/submit", null);
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(422);
        assertThat(submitted.body()).contains("upload the plan");
    }

    @Test
    void a_submit_right_after_the_put_counts_the_upload() {
        failing.functions.addAll(Set.of(UPLOAD_CHECK, TICK)); // nothing else checks the upload before the submission
        String id = draft("Meteen indienen");
        Announced plan = announce(official, id, "PLAN", "plan.pdf", "application/pdf", Fixtures.PDF.length);
        assertThat(put(plan, Fixtures.PDF)).isEqualTo(200);

        Response submitted = official.post("/v1/applications/" + id + "/submit", null);

        assertThat(submitted.status()).as(submitted.body()).isEqualTo(200);
        assertThat(submitted.json().get("status").asText()).isEqualTo("IN_REVIEW");
        assertThat(document(official, id, plan.documentId()).get("sha256").asText()).isEqualTo(sha256(Fixtures.PDF));
        assertThat(download(official, id, plan.documentId())).isEqualTo(Fixtures.PDF);
    }

    @Test
    void an_upload_whose_notification_was_lost_is_settled_all_the_same() {
        failing.functions.add(UPLOAD_CHECK);
        String id = draft("Melding kwijt");
        Announced plan = announce(official, id, "PLAN", "plan.pdf", "application/pdf", Fixtures.PDF.length);
        assertThat(put(plan, Fixtures.PDF)).isEqualTo(200);

        JsonNode settled = awaitSettled(official, id, plan.documentId());

        assertThat(settled.get("status").asText()).isEqualTo("AVAILABLE");
        assertThat(settled.get("sha256").asText()).isEqualTo(sha256(Fixtures.PDF));
    }

    @Test
    void at_most_20_uploads_wait_at_a_time_however_fast_they_are_announced() {
        String id = draft("Veel tegelijk");
        List<Response> answers = Collections.synchronizedList(new ArrayList<>());

        HardeningSupport.inParallel(IntStream.range(0, 30).boxed().toList(), i -> answers.add(official.post(
                "/v1/applications/" + id + "/documents", Map.of("fileName", "bijlage-" + i + ".pdf",
                        "contentType", "application/pdf", "sizeBytes", Fixtures.PDF.length, "kind", "OTHER"))));

        assertThat(answers.stream().filter(r -> r.status() == 201)).hasSize(20);
        List<Response> refused = answers.stream().filter(r -> r.status() != 201).toList();
        assertThat(refused).hasSize(10).allSatisfy(r -> {
            assertThat(r.status()).as(r.body()).isEqualTo(409);
            assertThat(isProblem(r)).as(r.body()).isTrue();
            assertThat(r.json().get("detail").asText()).contains("20 documents of the application are waiting for their upload");
        });
        List<JsonNode> documents = all(official, "/v1/applications/" + id + "/documents", "items");
        assertThat(documents).hasSize(20).allSatisfy(d -> assertThat(d.get("status").asText()).isEqualTo("PENDING_UPLOAD"));

        JsonNode first = answers.stream().filter(r -> r.status() == 201).findFirst().orElseThrow().json();
        assertThat(put(new Announced(first.get("documentId").asText(), first.get("uploadUrl").asText(), "application/pdf"),
                Fixtures.PDF)).isEqualTo(200);
        awaitSettled(official, id, first.get("documentId").asText());
        assertThat(announceAnswer(official, id, "OTHER", "nog-een.pdf", "application/pdf", 10).status()).isEqualTo(201);
    }

    @Test
    void an_application_holds_at_most_100_documents_and_lists_them_and_its_history_in_pages() {
        String id = draft("Honderd stukken");
        List<String> announced = new ArrayList<>();
        byte[] pdf = SampleFiles.samples().get(SampleFiles.PDF);
        for (int batch = 0; batch < 5; batch++) {
            for (int i = 0; i < 20; i++) {
                announced.add(upload(id, SampleFiles.PDF, pdf));
            }
            awaitNoneWaiting(id);
        }

        Response refused = announceAnswer(official, id, "OTHER", "nummer-101.pdf", "application/pdf", 10);
        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(isProblem(refused)).isTrue();
        assertThat(refused.json().get("detail").asText()).isEqualTo("the application holds 100 documents, the most it may hold");

        String documents = "/v1/applications/" + id + "/documents";
        JsonNode firstPage = ok(official.get(documents)).json();
        assertThat(firstPage.get("items")).hasSize(20);
        assertThat(firstPage.get("nextToken").asText()).isNotBlank();
        assertThat(pageSizes(documents, 30, "items")).containsExactly(30, 30, 30, 10);
        assertThat(all(official, documents + "?limit=30", "items").stream().map(d -> d.get("documentId").asText()).toList())
                .containsExactlyElementsOf(announced);

        String history = "/v1/applications/" + id + "/history";
        List<JsonNode> whole = all(official, history + "?limit=100", "items");
        assertThat(whole).hasSize(1 + 100 + 100); // created, and each document announced and uploaded
        assertThat(pageSizes(history, 100, "items")).containsExactly(100, 100, 1);
        assertThat(all(official, history + "?limit=7", "items")).containsExactlyElementsOf(whole);

        String other = draft("Ander");
        announce(official, other, "OTHER", "a.pdf", "application/pdf", 10);
        announce(official, other, "OTHER", "b.pdf", "application/pdf", 10);
        String otherApplicationsToken = ok(official.get("/v1/applications/" + other + "/documents?limit=1")).json()
                .get("nextToken").asText();
        for (String bad : List.of("?limit=0", "?limit=101", "?limit=ten", "?nextToken=" + encode("bm90IGEgdG9rZW4"),
                "?nextToken=" + encode(otherApplicationsToken))) {
            Response r = official.get(documents + bad);
            assertThat(r.status()).as(bad + " " + r.body()).isEqualTo(400);
            assertThat(isProblem(r)).isTrue();
        }
        Response forgedHistory = official.get(history + "?nextToken=" + encode(firstPage.get("nextToken").asText()));
        assertThat(forgedHistory.status()).as("a documents token for the history").isEqualTo(400);
    }

    @Test
    void hour_entries_come_in_pages() {
        String id = fixtures.build(Stage.IN_REVIEW).id();
        for (int i = 0; i < 5; i++) {
            ok(fixtures.advisor.post("/v1/applications/" + id + "/advisory/hours", Map.of("hours", 0.25,
                    "theme", "RESPIJTZORG", "date", "2025-03-0" + (i + 1), "note", "Gesprek " + i)));
        }
        String hours = "/v1/municipalities/" + CODE + "/advisory-hours";

        JsonNode firstPage = ok(fixtures.advisor.get(hours + "?limit=2")).json();

        assertThat(firstPage.get("entries")).hasSize(2);
        assertThat(firstPage.get("usedHours").asDouble()).isEqualTo(1.25);
        assertThat(pageSizes(hours, 2, "entries")).containsExactly(2, 2, 1);
        assertThat(all(fixtures.advisor, hours + "?limit=2", "entries").stream().map(e -> e.get("note").asText()))
                .containsExactly("Gesprek 0", "Gesprek 1", "Gesprek 2", "Gesprek 3", "Gesprek 4");
        assertThat(fixtures.advisor.get(hours + "?limit=0").status()).isEqualTo(400);
        assertThat(fixtures.advisor.get(hours + "?nextToken=" + encode("bm90IGEgdG9rZW4")).status()).isEqualTo(400);
    }

    @Test
    void a_letters_kind_is_a_broken_rule_whoever_announces_it() {
        String draft = draft("Briefsoort");
        String inReview = fixtures.build(Stage.IN_REVIEW).id();

        for (String kind : List.of("DECISION", "SETTLEMENT")) {
            for (Map.Entry<ApiClient, String> caller : Map.of(official, draft, fixtures.proposer, inReview).entrySet()) {
                Response r = announceAnswer(caller.getKey(), caller.getValue(), kind, "brief.pdf", "application/pdf", 100);
                assertThat(r.status()).as(kind + " " + r.body()).isEqualTo(422);
                assertThat(isProblem(r)).isTrue();
                assertThat(r.json().get("errors").findValuesAsText("field")).contains("kind");
            }
        }
        // a kind others may upload stays a matter of role
        assertThat(announceAnswer(fixtures.advisor, inReview, "PLAN", "plan.pdf", "application/pdf", 100).status()).isEqualTo(403);
        assertThat(announceAnswer(official, draft, "ADVICE", "advies.pdf", "application/pdf", 100).status()).isEqualTo(403);
    }

    private static String draft(String title) {
        Response created = official.post("/v1/applications", fixtures.plan(title + " " + System.nanoTime()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    /** Announces a document of that type with a matching name, PUTs the bytes; its id (not waiting for the check). */
    private static String upload(String id, String contentType, byte[] bytes) {
        String extension = nl.spuk.domain.DocumentRules.CONTENT_TYPES.get(contentType).get(0);
        Announced announced = announce(official, id, "OTHER", "bijlage." + extension, contentType, bytes.length);
        assertThat(put(announced, bytes)).isEqualTo(200);
        return announced.documentId();
    }

    private static Announced announce(ApiClient user, String id, String kind, String fileName, String contentType, long size) {
        JsonNode ticket = ok(announceAnswer(user, id, kind, fileName, contentType, size)).json();
        return new Announced(ticket.get("documentId").asText(), ticket.get("uploadUrl").asText(), contentType);
    }

    private static Response announceAnswer(ApiClient user, String id, String kind, String fileName, String contentType,
                                           long size) {
        return user.post("/v1/applications/" + id + "/documents", Map.of("fileName", fileName, "contentType", contentType,
                "sizeBytes", size, "kind", kind));
    }

    /** A client's PUT to the upload URL; storage's status. */
    private static int put(Announced announced, byte[] bytes) {
        try {
            return STORAGE.send(HttpRequest.newBuilder(URI.create(announced.uploadUrl()))
                    .header("Content-Type", announced.contentType())
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The bytes a download of the document serves. */
    private static byte[] download(ApiClient user, String id, String documentId) {
        String url = ok(user.get("/v1/applications/" + id + "/documents/" + documentId)).json().get("downloadUrl").asText();
        try {
            HttpResponse<byte[]> served = STORAGE.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(served.statusCode()).isEqualTo(200);
            return served.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The document once the upload check has settled it (AVAILABLE or REJECTED). */
    private static JsonNode awaitSettled(ApiClient user, String id, String documentId) {
        Instant deadline = Instant.now().plus(SETTLE_TIMEOUT);
        Predicate<JsonNode> settled = d -> !d.get("status").asText().equals("PENDING_UPLOAD");
        while (true) {
            JsonNode d = document(user, id, documentId);
            if (settled.test(d)) {
                return d;
            }
            assertThat(Instant.now()).as("document " + documentId + " is still " + d.get("status")).isBefore(deadline);
            pause(Duration.ofMillis(50));
        }
    }

    private static void awaitNoneWaiting(String id) {
        Instant deadline = Instant.now().plus(SETTLE_TIMEOUT);
        while (all(official, "/v1/applications/" + id + "/documents?limit=100", "items").stream()
                .anyMatch(d -> d.get("status").asText().equals("PENDING_UPLOAD"))) {
            assertThat(Instant.now()).as("documents of " + id + " still wait for their check").isBefore(deadline);
            pause(Duration.ofMillis(100));
        }
    }

    private static JsonNode document(ApiClient user, String id, String documentId) {
        return all(user, "/v1/applications/" + id + "/documents?limit=100", "items").stream()
                .filter(d -> d.get("documentId").asText().equals(documentId)).findFirst().orElseThrow();
    }

    /** Every item of a paged list, following {@code nextToken}. */
    private static List<JsonNode> all(ApiClient user, String path, String itemsField) {
        List<JsonNode> items = new ArrayList<>();
        String token = null;
        do {
            String page = token == null ? path : path + (path.contains("?") ? "&" : "?") + "nextToken=" + encode(token);
            JsonNode body = ok(user.get(page)).json();
            body.get(itemsField).forEach(items::add);
            token = body.hasNonNull("nextToken") ? body.get("nextToken").asText() : null;
        } while (token != null);
        return items;
    }

    /** The sizes of the pages of a list read with that limit. */
    private static List<Integer> pageSizes(String path, int limit, String itemsField) {
        ApiClient reader = itemsField.equals("entries") ? fixtures.advisor : official;
        List<Integer> sizes = new ArrayList<>();
        String token = null;
        do {
            String page = path + "?limit=" + limit + (token == null ? "" : "&nextToken=" + encode(token));
            JsonNode body = ok(reader.get(page)).json();
            sizes.add(body.get(itemsField).size());
            token = body.hasNonNull("nextToken") ? body.get("nextToken").asText() : null;
        } while (token != null && sizes.size() < 50);
        return sizes;
    }

    private static Response ok(Response r) {
        assertThat(r.status()).as(r.body()).isBetween(200, 299);
        return r;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Fails every DynamoDB and S3 call the product makes for the named functions (the log context names the function of
     * each invocation), as if their invocations were lost: storage's notification, say, or the tick.
     */
    private static final class FailingFunctions implements ExecutionInterceptor {
        final Set<String> functions = ConcurrentHashMap.newKeySet();

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            String function = MDC.get("function");
            if (function != null && functions.contains(function)) {
                throw SdkClientException.create("injected: the invocation of " + function + " is lost");
            }
        }
    }
}
