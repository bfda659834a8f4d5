package nl.spuk.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import nl.spuk.domain.SchemeRules;
import nl.spuk.local.ApiClient;
import nl.spuk.local.ApiClient.Response;
import nl.spuk.local.LocalServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/**
 * A person's command meeting the workflow tick on the same application: the command reads the application, a timer of
 * that application falls due and its step changes the application, then the command moves the process and loses the
 * race on the application's version, though no other person touched it. The command is made again within the request
 * and the client gets 2xx at once; when another person's change came between, the client still gets 409.
 *
 * <p>Each race is forced: the server holds the command right after its read of the application ({@link HoldAfterRead})
 * while the test moves the workflow clock past the timer, which runs the due jobs. The races: advice while the review
 * escalates (one application after the other), and yearly reports while they fall overdue (several applications at
 * once).
 */
class TickRacesTest {
    private static final String CODE = "GM0153";
    private static final int RACING_APPLICATIONS = 5;
    private static final byte[] PDF = "%PDF-1.7\n% plan\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    private static final HoldAfterRead HOLD = new HoldAfterRead();

    @TempDir
    static Path dataDir;
    private static LocalServer server;
    private static ApiClient anonymous;
    private static ApiClient official;
    private static ApiClient advisor;
    private static ApiClient proposer;
    private static ApiClient approver;

    @BeforeAll
    static void start() {
        server = LocalServer.start(LocalServer.Options.forTests(dataDir)
                .withHooks(new LocalServer.Hooks(List.of(HOLD), UnaryOperator.identity())));
        anonymous = new ApiClient(server.baseUri());
        official = anonymous.as("official-enschede", "municipality", CODE);
        advisor = anonymous.as("advisor-enschede", "advisor", null);
        proposer = anonymous.as("ministry-proposer", "ministry", null);
        approver = anonymous.as("ministry-approver", "ministry", null);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aCommandWhileATimerOfItsApplicationFallsDueSucceedsButNotOverAnotherPersonsChange() throws Exception {
        for (int year : new int[] {2025, 2026}) {
            Response allocated = proposer.put("/v1/municipalities/" + CODE + "/allocations/" + year,
                    Map.of("amountCents", 10_000_000L));
            assertThat(allocated.status()).as(allocated.body()).isEqualTo(200);
        }
        String contested = inReview("Contested");
        advise(contested);
        award(contested);
        // the racing applications are submitted a day apart each, so their review escalations fall due one by one
        Instant firstSubmission = Instant.parse(anonymous.get("/local/clock").json().get("now").asText()).plus(Duration.ofDays(1));
        List<String> racing = new ArrayList<>();
        for (int i = 0; i < RACING_APPLICATIONS; i++) {
            moveClock(firstSubmission.plus(Duration.ofDays(i)));
            racing.add(inReview("Racing " + i));
        }

        // one at a time: the advice meets its application's review escalation, due the day after its due date (42 days
        // after the submission), from 00:00 in Amsterdam
        for (int i = 0; i < RACING_APPLICATIONS; i++) {
            String id = racing.get(i);
            LocalDate submitted = LocalDate.ofInstant(firstSubmission.plus(Duration.ofDays(i)), SchemeRules.ZONE);
            Instant escalationDue = submitted.plusDays(43).atStartOfDay(SchemeRules.ZONE).toInstant().plus(Duration.ofMinutes(1));
            Response advised = race(List.of(id), TickRacesTest::advise, escalationDue).get(0);
            assertThat(advised.status()).as(advised.body()).isEqualTo(200);
            assertThat(actions(id)).endsWith("REVIEW_ESCALATED", "ADVICE_GIVEN");
        }
        racing.forEach(TickRacesTest::award);
        // up to the scheme's last report timer: every report is open, those on 2025 are overdue, and the municipality
        // is reminded of those on 2026
        moveClock(Instant.parse("2027-07-15T21:00:00Z"));
        assertThat(submitReport(contested, 2025, key(contested, 2025)).status()).isEqualTo(200);

        // all at once: the 2026 reports are submitted as they fall overdue, on 16 July 2027 in Amsterdam
        List<Response> reports = race(racing, id -> submitReport(id, 2026, key(id, 2026)),
                Instant.parse("2027-07-15T22:00:00Z"));
        for (int i = 0; i < racing.size(); i++) {
            assertThat(reports.get(i).status()).as(reports.get(i).body()).isEqualTo(200);
            assertThat(actions(racing.get(i))).endsWith("REPORT_OVERDUE", "REPORT_SUBMITTED");
        }
        Response replayed = submitReport(racing.get(0), 2026, key(racing.get(0), 2026));
        assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replayed.body()).isEqualTo(reports.get(0).body());
        assertThat(actions(racing.get(0))).filteredOn("REPORT_SUBMITTED"::equals).hasSize(1);

        // another person's change wins: the ministry accepts the 2025 report while the 2026 report is submitted
        HOLD.arm(contested);
        ExecutorService client = Executors.newSingleThreadExecutor();
        try {
            Future<Response> submitted = client.submit(() -> submitReport(contested, 2026, key(contested, 2026)));
            HOLD.awaitRead(contested);
            Response accepted = proposer.post("/v1/applications/" + contested + "/reports/2025/review", Map.of("outcome", "ACCEPT"));
            assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
            HOLD.release(contested);
            Response lost = submitted.get(60, TimeUnit.SECONDS);
            assertThat(lost.status()).as(lost.body()).isEqualTo(409);
            assertThat(lost.json().get("detail").asText()).contains("changed meanwhile");
        } finally {
            client.shutdownNow();
        }
        Response retried = submitReport(contested, 2026, key(contested, 2026));
        assertThat(retried.status()).as(retried.body()).isEqualTo(200);
    }

    /**
     * Gives each application the command, each request held after its read of the application until the workflow clock
     * has moved to when a timer of each of them falls due; answers in the order of the applications.
     */
    private static List<Response> race(List<String> applicationIds, Function<String, Response> command, Instant timersDue)
            throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(applicationIds.size());
        try {
            List<Future<Response>> answers = new ArrayList<>();
            for (String id : applicationIds) {
                HOLD.arm(id);
                answers.add(clients.submit(() -> command.apply(id)));
            }
            for (String id : applicationIds) {
                HOLD.awaitRead(id);
            }
            moveClock(timersDue);
            applicationIds.forEach(HOLD::release);
            List<Response> out = new ArrayList<>();
            for (Future<Response> answer : answers) {
                out.add(answer.get(60, TimeUnit.SECONDS));
            }
            return out;
        } finally {
            clients.shutdownNow();
        }
    }

    private static String key(String applicationId, int year) {
        return "report-" + year + "-" + applicationId;
    }

    private static Response submitReport(String applicationId, int year, String idempotencyKey) {
        return official.post("/v1/applications/" + applicationId + "/reports/" + year, Map.of(
                "spentCents", Map.of("VINDEN", 100_000L, "VERSTERKEN", 100_000L, "VERLICHTEN", 100_000L, "VERBINDEN", 100_000L),
                "caregiversReached", 40, "respiteHours", 120.5, "narrative", "Meer mantelzorgers bereikt"),
                "Idempotency-Key", idempotencyKey);
    }

    /** A new application submitted for review, its review escalation due 42 days from now (the workflow clock). */
    private static String inReview(String title) throws Exception {
        Response created = official.post("/v1/applications", Map.of("title", title, "years", List.of(2025, 2026),
                "activities", List.of(Map.of("theme", "VERLICHTEN", "title", "Respijt",
                        "budgetCents", Map.of("2025", 500_000L, "2026", 500_000L))),
                "contact", Map.of("name", "E. Jansen", "email", "e.jansen@example.nl")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asText();
        official.upload(id, "PLAN", "plan.pdf", PDF);
        Response submitted = official.post("/v1/applications/" + id + "/submit", null);
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(200);
        return id;
    }

    private static Response advise(String applicationId) {
        return advisor.post("/v1/applications/" + applicationId + "/advice", Map.of("outcome", "POSITIVE", "summary", "goed"));
    }

    private static void award(String applicationId) {
        Response proposed = proposer.post("/v1/applications/" + applicationId + "/decision", Map.of("outcome", "AWARD",
                "awardedCents", Map.of("2025", 500_000L, "2026", 500_000L), "motivation", "past"));
        assertThat(proposed.status()).as(proposed.body()).isEqualTo(200);
        Response approved = approver.post("/v1/applications/" + applicationId + "/decision/approve", null);
        assertThat(approved.json().get("status").asText()).as(approved.body()).isEqualTo("AWARDED");
    }

    private static void moveClock(Instant to) {
        Response moved = anonymous.post("/local/clock", Map.of("now", to.toString()));
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
    }

    private static List<String> actions(String applicationId) {
        List<String> out = new ArrayList<>();
        official.get("/v1/applications/" + applicationId + "/history").json().get("items")
                .forEach(e -> out.add(e.get("action").asText()));
        return out;
    }

    /**
     * Holds a request of the local server right after it read an armed application (the first read of its item on one
     * of the server's HTTP threads after arming) until the test releases it.
     */
    private static final class HoldAfterRead implements ExecutionInterceptor {
        private static final Duration PATIENCE = Duration.ofSeconds(60);

        private record Hold(CountDownLatch read, CountDownLatch released) {
        }

        private final Map<String, Hold> armed = new ConcurrentHashMap<>();
        private final Map<String, Hold> holds = new ConcurrentHashMap<>();

        void arm(String applicationId) {
            Hold hold = new Hold(new CountDownLatch(1), new CountDownLatch(1));
            holds.put(applicationId, hold);
            armed.put(applicationId, hold);
        }

        void awaitRead(String applicationId) throws InterruptedException {
            assertThat(holds.get(applicationId).read().await(PATIENCE.toSeconds(), TimeUnit.SECONDS))
                    .as("application " + applicationId + " read").isTrue();
        }

        void release(String applicationId) {
            holds.remove(applicationId).released().countDown();
        }

        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            if (!(context.request() instanceof GetItemRequest get) || !Thread.currentThread().getName().startsWith("local-http")) {
                return;
            }
            Map<String, AttributeValue> key = get.key();
            if (!"APP".equals(key.get("SK").s()) || !key.get("PK").s().startsWith("APP#")) {
                return;
            }
            Hold hold = armed.remove(key.get("PK").s().substring("APP#".length()));
            if (hold != null) {
                hold.read().countDown();
                try {
                    hold.released().await(PATIENCE.toSeconds(), TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
