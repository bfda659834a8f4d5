package nl.spuk.faults;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import nl.spuk.adapter.out.reference.MunicipalityList;
import nl.spuk.domain.AwardReference;
import nl.spuk.domain.DocumentStatus;
import nl.spuk.local.ApiClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Fails every call of every lifecycle step, one at a time, and retries: the DynamoDB and S3 calls (before they are
 * sent, and after the service applied them with the answer lost) and the engine database's statements and commits.
 *
 * <p>A clean run of the lifecycle first counts the calls of each step and records where each step leaves the
 * application (a {@link Snapshot} of both stores). Then each chain takes a fresh application through the same steps,
 * failing in every step one call: chain k fails the k-th fault point of each step. After a fault the client must get
 * a 5xx problem answer or a success; retrying the same request (same Idempotency-Key and body) must then succeed, and
 * the application must end exactly where the clean run's did — no lost or duplicated hour, decision, report, letter,
 * commitment, audit event or notification mail (each notification mailed exactly once, read back from the SMTP server
 * in the local server's JVM) — with DynamoDB's open tasks equal to the engine's. The steps: create, announce a
 * document, the upload's confirmation (S3's event, redelivered as Lambda retries it), submit, log hours, advice,
 * propose, approve (letter and commitment), the report opening on its timer, report, report review (which also
 * opens the settlement), settlement proposal and settlement approval. A chain stops after the last step that has a
 * fault point for it.
 */
class LifecycleFaultTest {
    private static final int YEAR = 2026;
    private static final byte[] PDF = "%PDF-1.7\n% plan\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_RETRIES = 5;
    private static final Predicate<Thread> REQUEST_THREADS = t -> t.getName().startsWith("local-http");
    private static final Predicate<Thread> S3_EVENT_THREADS = t -> t.getName().startsWith("local-s3-object-created");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Consumer<Outcome> KEEP_NOTHING = o -> {
    };

    @TempDir
    static Path dataDir;
    private static FaultServer s;
    private static ApiClient advisor;
    private static ApiClient proposer;
    private static ApiClient approver;
    private static ApiClient ministry;
    private static Iterator<String> municipalities;

    /** An application on its way through the steps. */
    private static final class Chain {
        final String code;
        final ApiClient official;
        String id;
        String documentId;
        String uploadUrl;
        boolean broken;

        Chain(String code) {
            this.code = code;
            this.official = s.anonymous.as("official-" + code, "municipality", code);
            ApiClient.Response allocated = ministry.put("/v1/municipalities/" + code + "/allocations/" + YEAR,
                    Map.of("amountCents", 5_000_000L));
            assertThat(allocated.status()).as(allocated.toString()).isEqualTo(200);
        }
    }

    /** An answer, from the API or (for a step that is no request) made up from what the step achieved. */
    private record Outcome(int status, String contentType, String body) {
        static Outcome of(ApiClient.Response r) {
            return new Outcome(r.status(), r.header("Content-Type"), r.body());
        }

        boolean ok() {
            return status >= 200 && status < 300;
        }

        boolean problemFault() {
            return status >= 500 && contentType != null && contentType.startsWith("application/problem+json")
                    && body.contains("\"status\":" + status);
        }

        @Override
        public String toString() {
            return status + " " + (body.length() > 300 ? body.substring(0, 300) + "…" : body);
        }
    }

    /**
     * One execution of a step: the calls of which threads belong to it, one attempt (the same request every time),
     * whether an answer means the step is done, and what to keep from the answer that did it.
     */
    private record Action(Predicate<Thread> threads, Supplier<Outcome> attempt, Predicate<Outcome> done,
                          Consumer<Outcome> keep, boolean async) {
    }

    private record Step(String name, Function<Chain, Action> prepare) {
    }

    /**
     * What happened to the fault points of one step: the calls of its clean run by kind, its fault points, how many
     * were tried and struck their call, the first answers (2xx, 5xx) and the retries it took to complete the step.
     */
    private static final class Tally {
        final Map<FaultPlan.Kind, Integer> calls = new EnumMap<>(FaultPlan.Kind.class);
        int points;
        int tried;
        int reached;
        int firstOk;
        int firstFault;
        int retries;
    }

    @BeforeAll
    static void start() {
        s = new FaultServer(dataDir);
        advisor = s.anonymous.as("advisor-faults", "advisor", null);
        proposer = s.anonymous.as("ministry-proposer", "ministry", null);
        approver = s.anonymous.as("ministry-approver", "ministry", null);
        ministry = s.anonymous.as("ministry-allocations", "ministry", null);
        municipalities = MunicipalityList.load().all().stream().map(m -> m.code().value()).iterator();
    }

    @AfterAll
    static void stop() {
        if (s != null) {
            s.close();
        }
    }

    @Test
    void everyFaultInEveryStepEndsInTheStateOfACleanRunAfterARetry() {
        List<Step> steps = steps();
        Map<String, Level> levels = silence("nl.spuk", "org.camunda", "com.zaxxer.hikari");
        long started = System.nanoTime();
        List<String> problems = new ArrayList<>();
        List<String> applicationIds = new ArrayList<>();
        Map<String, Tally> tallies = new LinkedHashMap<>();
        try {
            // the clean run: how many calls each step makes, and where it leaves the application
            Chain clean = new Chain(municipalities.next());
            List<List<FaultPlan.Call>> calls = new ArrayList<>();
            List<Snapshot> expected = new ArrayList<>();
            for (Step step : steps) {
                Action action = step.prepare().apply(clean);
                s.plan.open(action.threads(), null);
                Outcome outcome = action.attempt().get();
                settle(action);
                calls.add(s.plan.close());
                assertThat(action.done().test(outcome)).as(step.name() + ": " + outcome).isTrue();
                action.keep().accept(outcome);
                Snapshot snapshot = Snapshot.of(s, clean.id, YEAR);
                assertThat(snapshot.storesAgree()).as(step.name() + ": " + snapshot).isTrue();
                expected.add(snapshot);
            }
            assertThat(expected.get(expected.size() - 1).status()).isEqualTo("SETTLED");
            assertThat(expected.get(expected.size() - 1).mails()).as("the clean run's notification mails").containsExactly(
                    "ADVICE_GIVEN j.devries@example.nl", "ADVICE_GIVEN ministerie@spuk.localhost",
                    "APPLICATION_SUBMITTED adviesteam@spuk.localhost", "AWARDED j.devries@example.nl",
                    "DECISION_PROPOSED ministerie@spuk.localhost", "REPORT_ACCEPTED j.devries@example.nl",
                    "REPORT_SUBMITTED ministerie@spuk.localhost", "SETTLED j.devries@example.nl",
                    "SETTLEMENT_PROPOSED ministerie@spuk.localhost");

            List<List<FaultPlan.Fault>> points = new ArrayList<>();
            for (int i = 0; i < steps.size(); i++) {
                Tally tally = new Tally();
                List<FaultPlan.Fault> faults = new ArrayList<>();
                for (FaultPlan.Call call : calls.get(i)) {
                    tally.calls.merge(call.kind(), 1, Integer::sum);
                    faults.add(new FaultPlan.Fault(call.number(), FaultPlan.Phase.BEFORE));
                    if (call.kind() != FaultPlan.Kind.SQL) {
                        // a statement that ran is rolled back with its transaction: only a lost answer elsewhere differs
                        faults.add(new FaultPlan.Fault(call.number(), FaultPlan.Phase.AFTER));
                    }
                }
                tally.points = faults.size();
                tallies.put(steps.get(i).name(), tally);
                points.add(faults);
            }
            int chains = points.stream().mapToInt(List::size).max().orElse(0);

            applicationIds.add(clean.id);
            for (int k = 0; k < chains; k++) {
                Chain chain = new Chain(municipalities.next());
                // up to the last step that has a k-th fault point: the steps after it would only repeat the clean run
                int last = 0;
                for (int i = 0; i < steps.size(); i++) {
                    last = k < points.get(i).size() ? i : last;
                }
                for (int i = 0; i <= last && !chain.broken; i++) {
                    Step step = steps.get(i);
                    FaultPlan.Fault fault = k < points.get(i).size() ? points.get(i).get(k) : null;
                    run(chain, step, fault, calls.get(i), expected.get(i), tallies.get(step.name()), problems);
                }
                if (chain.id != null) {
                    applicationIds.add(chain.id);
                }
            }
        } finally {
            levels.forEach((name, level) -> ((Logger) LoggerFactory.getLogger(name)).setLevel(level));
        }
        System.out.println(report(tallies, problems, Duration.ofNanos(System.nanoTime() - started)));
        int points = tallies.values().stream().mapToInt(t -> t.points).sum();
        assertThat(problems).as("fault points that did not end where a clean run ends").isEmpty();
        // a failed attempt of an approval takes no reference and its retry no second one: each year's are 1..n
        Map<Integer, List<Integer>> references = applicationIds.stream()
                .map(id -> s.applications.find(id).orElseThrow().reference()).filter(Objects::nonNull)
                .collect(Collectors.groupingBy(AwardReference::year, TreeMap::new,
                        Collectors.mapping(AwardReference::sequence, Collectors.toList())));
        assertThat(references).as("award references by year").isNotEmpty();
        references.forEach((year, numbers) -> assertThat(numbers.stream().sorted().toList()).as("references of " + year)
                .isEqualTo(IntStream.rangeClosed(1, numbers.size()).boxed().toList()));
        assertThat(tallies.values().stream().mapToInt(t -> t.tried).sum()).as("fault points tried").isEqualTo(points);
        assertThat(tallies.values().stream().mapToInt(t -> t.reached).sum()).as("faults that struck their call")
                .isEqualTo(points);
    }

    /** Runs one step of a chain with the fault (null for none) and checks the outcome against the clean run. */
    private static void run(Chain chain, Step step, FaultPlan.Fault fault, List<FaultPlan.Call> cleanCalls,
                            Snapshot expected, Tally tally, List<String> problems) {
        String where = step.name() + " " + (fault == null ? "(no fault)"
                : cleanCalls.get(fault.number() - 1) + " " + fault.phase());
        Action action = step.prepare().apply(chain);
        s.plan.open(action.threads(), fault);
        Outcome outcome = action.attempt().get();
        settle(action);
        FaultPlan.Call failed = s.plan.failed();
        s.plan.close();
        if (fault != null) {
            tally.tried++;
            tally.reached += failed == null ? 0 : 1;
            if (outcome.ok()) {
                tally.firstOk++;
            } else if (outcome.problemFault()) {
                tally.firstFault++;
            } else if (!action.async()) {
                problems.add(where + ": answered " + outcome + " (neither a success nor a 5xx problem)");
            }
        }
        int retries = 0;
        while (!action.done().test(outcome) && retries < MAX_RETRIES) {
            retries++;
            outcome = action.attempt().get();
        }
        tally.retries += retries;
        if (!action.done().test(outcome)) {
            problems.add(where + ": the retry did not complete the step: " + outcome);
            chain.broken = true;
            return;
        }
        action.keep().accept(outcome);
        Snapshot actual = Snapshot.of(s, chain.id, YEAR);
        if (!actual.equals(expected)) {
            problems.add(where + ": ends unlike a clean run (whose values are in brackets): " + actual.differences(expected));
            chain.broken = true;
        } else if (!actual.storesAgree()) {
            problems.add(where + ": DynamoDB and the engine disagree on the open tasks: " + actual);
            chain.broken = true;
        }
    }

    /** An asynchronous step (S3's event) may still be making calls after its effect shows: wait until it is quiet. */
    private static void settle(Action action) {
        if (!action.async()) {
            return;
        }
        int seen = -1;
        while (seen != s.plan.callCount()) {
            seen = s.plan.callCount();
            pause(300);
        }
    }

    private static List<Step> steps() {
        return List.of(
                new Step("create", c -> post(c.official, "/v1/applications", plan(c.code),
                        o -> c.id = json(o, "id"))),
                new Step("announce document", c -> post(c.official, "/v1/applications/" + c.id + "/documents",
                        Map.of("fileName", "plan.pdf", "contentType", "application/pdf", "sizeBytes", PDF.length,
                                "kind", "PLAN"),
                        o -> {
                            c.documentId = json(o, "documentId");
                            c.uploadUrl = json(o, "uploadUrl");
                        })),
                new Step("upload confirmation", LifecycleFaultTest::upload),
                new Step("submit", c -> post(c.official, "/v1/applications/" + c.id + "/submit", null, KEEP_NOTHING)),
                new Step("log hours", c -> post(advisor, "/v1/applications/" + c.id + "/advisory/hours",
                        Map.of("hours", 1.5, "theme", "RESPIJTZORG", "date", YEAR + "-03-01", "note", "Gesprek"), KEEP_NOTHING)),
                new Step("advice", c -> post(advisor, "/v1/applications/" + c.id + "/advice",
                        Map.of("outcome", "POSITIVE", "summary", "Sterk plan"), KEEP_NOTHING)),
                new Step("propose decision", c -> post(proposer, "/v1/applications/" + c.id + "/decision",
                        Map.of("outcome", "AWARD", "awardedCents", Map.of(String.valueOf(YEAR), 800_000L),
                                "conditions", "Jaarlijks verslag", "motivation", "Past binnen de regeling"), KEEP_NOTHING)),
                new Step("approve decision", c -> post(approver, "/v1/applications/" + c.id + "/decision/approve", null, KEEP_NOTHING)),
                new Step("report opens (timer)", LifecycleFaultTest::runDueJobs),
                new Step("submit report", c -> post(c.official, "/v1/applications/" + c.id + "/reports/" + YEAR,
                        Map.of("spentCents", Map.of("VINDEN", 150_000L, "VERSTERKEN", 150_000L, "VERLICHTEN", 200_000L,
                                        "VERBINDEN", 100_000L),
                                "caregiversReached", 40, "respiteHours", 12.5, "narrative", "Meer mantelzorgers bereikt"), KEEP_NOTHING)),
                new Step("review report", c -> post(proposer, "/v1/applications/" + c.id + "/reports/" + YEAR + "/review",
                        Map.of("outcome", "ACCEPT"), KEEP_NOTHING)),
                new Step("propose settlement", c -> post(proposer, "/v1/applications/" + c.id + "/settlement", null, KEEP_NOTHING)),
                new Step("approve settlement", c -> post(approver, "/v1/applications/" + c.id + "/settlement/approve", null, KEEP_NOTHING)));
    }

    /** A POST with an Idempotency-Key of its own, the same key and body for every retry. */
    private static Action post(ApiClient user, String path, Object body, Consumer<Outcome> keep) {
        String key = UUID.randomUUID().toString();
        return new Action(REQUEST_THREADS, () -> Outcome.of(user.post(path, body, "Idempotency-Key", key)),
                Outcome::ok, keep, false);
    }

    /**
     * The bytes go to S3 once; S3's event then confirms the upload, redelivered after a failure as Lambda retries an
     * asynchronous invocation. Done when the document is AVAILABLE.
     */
    private static Action upload(Chain c) {
        AtomicBoolean sent = new AtomicBoolean();
        return new Action(S3_EVENT_THREADS, () -> {
            if (sent.compareAndSet(false, true)) {
                int status = put(URI.create(c.uploadUrl), PDF);
                if (status != 200) {
                    return new Outcome(status, null, "S3 refused the upload");
                }
            }
            Instant deadline = Instant.now().plusSeconds(10);
            while (Instant.now().isBefore(deadline)) {
                boolean available = s.documents.find(c.id, c.documentId)
                        .filter(d -> d.status() == DocumentStatus.AVAILABLE).isPresent();
                if (available) {
                    return new Outcome(200, null, "AVAILABLE");
                }
                pause(50);
            }
            return new Outcome(504, null, "the upload was not confirmed within 10 s");
        }, Outcome::ok, KEEP_NOTHING, true);
    }

    /**
     * Moves the workflow clock a second on, which runs the due timers; done when the engine waits in the year's REPORT
     * task (a failed timer job stays due: the engine tries it again on the next run).
     */
    private static Action runDueJobs(Chain c) {
        return new Action(REQUEST_THREADS, () -> {
            Instant now = Instant.parse(s.anonymous.get("/local/clock").json().get("now").asText());
            ApiClient.Response moved = s.anonymous.post("/local/clock", Map.of("now", now.plusSeconds(1).toString()));
            return Outcome.of(moved);
        }, o -> o.ok() && s.engineTasks(c.id).contains("REPORT"), KEEP_NOTHING, false);
    }

    private static Map<String, Object> plan(String code) {
        return Map.of(
                "title", "Mantelzorg " + code,
                "years", List.of(YEAR),
                "activities", List.of(Map.of("theme", "VERLICHTEN", "title", "Respijtzorg",
                        "description", "Logeeropvang", "budgetCents", Map.of(String.valueOf(YEAR), 1_000_000L))),
                "contact", Map.of("name", "J. de Vries", "email", "j.devries@example.nl"));
    }

    private static String json(Outcome o, String field) {
        try {
            return ApiClient.JSON.readTree(o.body()).get(field).asText();
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + o, e);
        }
    }

    private static int put(URI url, byte[] bytes) {
        try {
            return HTTP.send(HttpRequest.newBuilder(url).header("Content-Type", "application/pdf")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Hundreds of injected faults would each log an error with its stack trace; they are expected here. */
    private static Map<String, Level> silence(String... loggers) {
        Map<String, Level> before = new LinkedHashMap<>();
        for (String name : loggers) {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            before.put(name, logger.getLevel());
            logger.setLevel(Level.OFF);
        }
        return before;
    }

    private static String report(Map<String, Tally> tallies, List<String> problems, Duration took) {
        StringBuilder out = new StringBuilder("\nFault injection over the lifecycle (").append(took.toSeconds())
                .append(" s)\n");
        out.append(String.format("%-22s %6s %4s %5s %6s %7s %6s %7s %5s %5s %7s%n", "step", "dynamo", "s3", "sql",
                "commit", "points", "tried", "reached", "2xx", "5xx", "retries"));
        int points = 0;
        int tried = 0;
        for (Map.Entry<String, Tally> e : tallies.entrySet()) {
            Tally t = e.getValue();
            out.append(String.format("%-22s %6d %4d %5d %6d %7d %6d %7d %5d %5d %7d%n", e.getKey(),
                    t.calls.getOrDefault(FaultPlan.Kind.DYNAMODB, 0), t.calls.getOrDefault(FaultPlan.Kind.S3, 0),
                    t.calls.getOrDefault(FaultPlan.Kind.SQL, 0), t.calls.getOrDefault(FaultPlan.Kind.COMMIT, 0),
                    t.points, t.tried, t.reached, t.firstOk, t.firstFault, t.retries));
            points += t.points;
            tried += t.tried;
        }
        out.append("fault points: ").append(points).append(", tried: ").append(tried).append(", problems: ")
                .append(problems.size()).append('\n');
        problems.forEach(p -> out.append("  - ").append(p).append('\n'));
        return out.toString();
    }
}
