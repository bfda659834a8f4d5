package nl.spuk.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import nl.spuk.adapter.out.reference.MunicipalityList;
import nl.spuk.domain.DocumentStatus;
import nl.spuk.local.ApiClient.Response;
import nl.spuk.local.ApiClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests racing for the same thing: exactly one wins, the business rules hold, DynamoDB and the engine agree, and
 * every loser gets a clear problem answer — 409 for a conflict with the state or with the winner, 412 for an edit
 * made from a version that is gone. Each race starts its requests together from a latch.
 */
class RacesTest {
    private static final int YEAR = 2026;
    private static final byte[] PDF = "%PDF-1.7\n% plan\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    static Path dataDir;
    private static FaultServer s;
    private static ApiClient ministry;
    private static Iterator<String> municipalities;

    @BeforeAll
    static void start() {
        s = new FaultServer(dataDir);
        ministry = s.anonymous.as("ministry-races", "ministry", null);
        // from the end of the list, so the codes differ from those of a fault test started in the same JVM
        List<String> codes = new ArrayList<>(MunicipalityList.load().all().stream().map(m -> m.code().value()).toList());
        Collections.reverse(codes);
        municipalities = codes.iterator();
    }

    @AfterAll
    static void stop() {
        if (s != null) {
            s.close();
        }
    }

    @Test
    void concurrentHoursOnTwoApplicationsOfOneMunicipalityNeverPassTheCap() throws Exception {
        String code = municipalities.next();
        ApiClient official = official(code);
        String first = inReview(official, code);
        String second = inReview(official, code);
        List<Callable<Response>> calls = new ArrayList<>();
        for (int i = 0; i < 36; i++) {
            ApiClient advisor = s.anonymous.as("advisor-race-" + (i % 3), "advisor", null);
            String id = i % 2 == 0 ? first : second;
            // 36 entries of 0.75 h want 27 h: at most 33 fit in the 25 h cap (24.75 h)
            calls.add(() -> advisor.post("/v1/applications/" + id + "/advisory/hours",
                    Map.of("hours", 0.75, "theme", "LOKALE_SAMENWERKING", "date", YEAR + "-02-01")));
        }
        List<Response> answers = race(calls);
        int booked = 0;
        for (Response r : answers) {
            if (r.status() == 201) {
                booked++;
            } else {
                // refused for the cap (with what is left, too little for 0.75 h), or lost to a concurrent booking
                assertProblem(r, 409);
                if (r.json().has("remainingHours")) {
                    assertThat(r.json().get("remainingHours").asDouble()).isLessThan(0.75);
                }
            }
        }
        assertThat(booked).isLessThanOrEqualTo(33);
        // what the race left, booked one at a time: the cap takes exactly 33 entries of 0.75 h
        ApiClient advisor = s.anonymous.as("advisor-race-top-up", "advisor", null);
        while (true) {
            Response more = advisor.post("/v1/applications/" + first + "/advisory/hours",
                    Map.of("hours", 0.75, "theme", "LOKALE_SAMENWERKING", "date", YEAR + "-02-02"));
            if (more.status() != 201) {
                assertProblem(more, 409);
                assertThat(more.json().get("remainingHours").asDouble()).isEqualTo(0.25);
                break;
            }
            booked++;
        }
        assertThat(booked).isEqualTo(33);
        JsonNode ledger = official.get("/v1/municipalities/" + code + "/advisory-hours?limit=100").json();
        assertThat(ledger.get("usedHours").asDouble()).isEqualTo(24.75);
        assertThat(ledger.get("entries").size()).isEqualTo(33);
        assertThat(count(first, "HOURS_LOGGED") + count(second, "HOURS_LOGGED")).isEqualTo(33);
    }

    @Test
    void ofConcurrentApprovalsExactlyOneTakesTheAllocationAndWritesTheLetter() throws Exception {
        String code = municipalities.next();
        ApiClient official = official(code);
        ApiClient proposer = s.anonymous.as("ministry-proposer-race", "ministry", null);
        String id = proposed(official, code, proposer);
        List<Callable<Response>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            ApiClient approver = s.anonymous.as("ministry-approver-race-" + i, "ministry", null);
            calls.add(() -> approver.post("/v1/applications/" + id + "/decision/approve", null));
        }
        calls.add(() -> proposer.post("/v1/applications/" + id + "/decision/approve", null));
        List<Response> answers = race(calls);
        List<Response> approvers = answers.subList(0, answers.size() - 1);
        assertThat(approvers.stream().filter(r -> r.status() == 200)).hasSize(1);
        approvers.stream().filter(r -> r.status() != 200).forEach(r -> assertProblem(r, 409));
        assertProblem(answers.get(answers.size() - 1), 403);
        Snapshot after = Snapshot.of(s, id, YEAR);
        assertThat(after.status()).isEqualTo("AWARDED");
        assertThat(after.actions()).filteredOn("DECISION_APPROVED"::equals).hasSize(1);
        assertThat(after.documents()).filteredOn(d -> d.startsWith("DECISION:")).hasSize(1);
        assertThat(after.committedCents()).isEqualTo(800_000L);
        assertThat(after.figures().awardedCents()).isEqualTo(800_000L);
        assertThat(after.storesAgree()).as(after.toString()).isTrue();
    }

    @Test
    void ofConcurrentSubmitsOneWins() throws Exception {
        String code = municipalities.next();
        ApiClient official = official(code);
        String id = withPlanUploaded(official, code);
        List<Callable<Response>> calls = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            calls.add(() -> official.post("/v1/applications/" + id + "/submit", null));
        }
        List<Response> answers = race(calls);
        assertThat(answers.stream().filter(r -> r.status() == 200)).hasSize(1);
        answers.stream().filter(r -> r.status() != 200).forEach(r -> assertProblem(r, 409));
        Snapshot after = Snapshot.of(s, id, YEAR);
        assertThat(after.status()).isEqualTo("IN_REVIEW");
        assertThat(after.actions()).filteredOn("SUBMITTED"::equals).hasSize(1);
        assertThat(after.storesAgree()).as(after.toString()).isTrue();
    }

    @Test
    void ofConcurrentWithdrawalsOneWins() throws Exception {
        String code = municipalities.next();
        ApiClient official = official(code);
        String id = inReview(official, code);
        List<Callable<Response>> calls = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            calls.add(() -> official.post("/v1/applications/" + id + "/withdraw", Map.of("reason", "samengevoegd")));
        }
        List<Response> answers = race(calls);
        assertThat(answers.stream().filter(r -> r.status() == 200)).hasSize(1);
        answers.stream().filter(r -> r.status() != 200).forEach(r -> assertProblem(r, 409));
        Snapshot after = Snapshot.of(s, id, YEAR);
        assertThat(after.status()).isEqualTo("WITHDRAWN");
        assertThat(after.actions()).filteredOn("WITHDRAWN"::equals).hasSize(1);
        assertThat(after.processes()).isZero();
        assertThat(after.storedTasks()).isEmpty();
        assertThat(after.engineTasks()).isEmpty();
    }

    /**
     * Submit and withdraw at once, many times over: whichever wins, or both one after the other, the answers tell it,
     * the audit trail records exactly what was answered 200, and both stores end in the same place.
     */
    @Test
    void submitAndWithdrawRacingLeaveBothStoresInTheStateTheAnswersTell() throws Exception {
        for (int round = 0; round < 16; round++) {
            String code = municipalities.next();
            ApiClient official = official(code);
            String id = withPlanUploaded(official, code);
            List<Response> answers = race(List.of(
                    () -> official.post("/v1/applications/" + id + "/submit", null),
                    () -> official.post("/v1/applications/" + id + "/withdraw", Map.of("reason", "toch niet"))));
            Response submit = answers.get(0);
            Response withdraw = answers.get(1);
            if (submit.status() != 200) {
                assertProblem(submit, 409);
            }
            if (withdraw.status() != 200) {
                assertProblem(withdraw, 409);
            }
            Snapshot after = Snapshot.of(s, id, YEAR);
            String context = "round " + round + ": submit " + submit + ", withdraw " + withdraw + ", " + after;
            boolean submitted = submit.status() == 200;
            boolean withdrawn = withdraw.status() == 200;
            assertThat(submitted || withdrawn).as(context).isTrue();
            assertThat(after.status()).as(context).isEqualTo(withdrawn ? "WITHDRAWN" : "IN_REVIEW");
            assertThat(after.actions()).as(context).filteredOn("SUBMITTED"::equals).hasSize(submitted ? 1 : 0);
            assertThat(after.actions()).as(context).filteredOn("WITHDRAWN"::equals).hasSize(withdrawn ? 1 : 0);
            assertThat(after.processes()).as(context).isEqualTo(withdrawn ? 0 : 1);
            assertThat(after.storesAgree()).as(context).isTrue();
        }
    }

    @Test
    void ofConcurrentEditsFromOneVersionOneWinsAndTheOthersGet412() throws Exception {
        String code = municipalities.next();
        ApiClient official = official(code);
        Response created = official.post("/v1/applications", plan(code, "Eerste versie"));
        String id = created.json().get("id").asText();
        String etag = official.get("/v1/applications/" + id).header("ETag");
        List<Callable<Response>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String title = "Versie " + i;
            calls.add(() -> official.put("/v1/applications/" + id, plan(code, title), "If-Match", etag));
        }
        List<Response> answers = race(calls);
        List<Response> won = answers.stream().filter(r -> r.status() == 200).toList();
        assertThat(won).hasSize(1);
        answers.stream().filter(r -> r.status() != 200).forEach(r -> assertProblem(r, 412));
        JsonNode stored = official.get("/v1/applications/" + id).json();
        assertThat(stored.get("version").asLong()).isEqualTo(created.json().get("version").asLong() + 1);
        assertThat(stored.get("title").asText()).isEqualTo(won.get(0).json().get("title").asText());
        assertThat(count(id, "UPDATED")).isEqualTo(1);
    }

    /** Runs the calls at the same moment, one thread each, and answers their responses in the order given. */
    private static List<Response> race(List<Callable<Response>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Response>> futures = new ArrayList<>();
            for (Callable<Response> call : calls) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return call.call();
                }));
            }
            go.countDown();
            List<Response> answers = new ArrayList<>();
            for (Future<Response> f : futures) {
                answers.add(f.get());
            }
            return answers;
        } finally {
            pool.shutdown();
        }
    }

    private static ApiClient official(String code) {
        Response allocated = ministry.put("/v1/municipalities/" + code + "/allocations/" + YEAR, Map.of("amountCents", 5_000_000L));
        assertThat(allocated.status()).as(allocated.toString()).isEqualTo(200);
        return s.anonymous.as("official-race-" + code, "municipality", code);
    }

    private static Map<String, Object> plan(String code, String title) {
        return Map.of(
                "title", title + " " + code,
                "years", List.of(YEAR),
                "activities", List.of(Map.of("theme", "VINDEN", "title", "Bereiken", "description", "Huisbezoeken",
                        "budgetCents", Map.of(String.valueOf(YEAR), 1_000_000L))),
                "contact", Map.of("name", "A. Jansen", "email", "a.jansen@example.nl"));
    }

    private static String withPlanUploaded(ApiClient official, String code) throws Exception {
        Response created = official.post("/v1/applications", plan(code, "Plan"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().get("id").asText();
        Response announced = official.post("/v1/applications/" + id + "/documents",
                Map.of("fileName", "plan.pdf", "contentType", "application/pdf", "sizeBytes", PDF.length, "kind", "PLAN"));
        assertThat(announced.status()).as(announced.toString()).isEqualTo(201);
        String documentId = announced.json().get("documentId").asText();
        HttpResponse<Void> put = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(announced.json().get("uploadUrl").asText()))
                        .header("Content-Type", "application/pdf").PUT(HttpRequest.BodyPublishers.ofByteArray(PDF)).build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(put.statusCode()).isEqualTo(200);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (s.documents.find(id, documentId).filter(d -> d.status() == DocumentStatus.AVAILABLE).isEmpty()) {
            assertThat(Instant.now()).as("the upload is confirmed in time").isBefore(deadline);
            Thread.sleep(50);
        }
        return id;
    }

    private static String inReview(ApiClient official, String code) throws Exception {
        String id = withPlanUploaded(official, code);
        Response submitted = official.post("/v1/applications/" + id + "/submit", null);
        assertThat(submitted.status()).as(submitted.toString()).isEqualTo(200);
        return id;
    }

    private static String proposed(ApiClient official, String code, ApiClient proposer) throws Exception {
        String id = inReview(official, code);
        ApiClient advisor = s.anonymous.as("advisor-race", "advisor", null);
        Response advised = advisor.post("/v1/applications/" + id + "/advice", Map.of("outcome", "POSITIVE", "summary", "Goed"));
        assertThat(advised.status()).as(advised.toString()).isEqualTo(200);
        Response proposed = proposer.post("/v1/applications/" + id + "/decision", Map.of("outcome", "AWARD",
                "awardedCents", Map.of(String.valueOf(YEAR), 800_000L), "motivation", "Past binnen de regeling"));
        assertThat(proposed.status()).as(proposed.toString()).isEqualTo(200);
        return id;
    }

    private static long count(String id, String action) {
        return s.applications.history(id).stream().filter(e -> e.action().equals(action)).count();
    }

    private static void assertProblem(Response r, int status) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.json().get("status").asInt()).isEqualTo(status);
        assertThat(r.json().get("detail").asText()).isNotBlank();
    }
}
