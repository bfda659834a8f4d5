package nl.spuk.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.spuk.local.ApiClient;
import nl.spuk.local.ApiClient.Response;
import nl.spuk.local.LocalServer;
import nl.spuk.notifications.Mailbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Deadlines that move, through the local server: the review's due date pauses while changes are requested and the
 * escalation follows it; the ministry extends a report's due date and reminds of overdue reports, each mail read back
 * from the real SMTP server. Runs on a server of its own, since it moves the workflow clock (forward only: the tests
 * run in order, each from where the clock stands).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MovingDeadlinesTest {
    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    private static final String CODE = "GM0153"; // Enschede
    private static LocalServer server;
    private static ApiClient anonymous;
    private static Mailbox mail;
    private static ApiClient official;
    private static ApiClient otherOfficial;
    private static ApiClient advisor;
    private static ApiClient proposer;
    private static ApiClient approver;

    @BeforeAll
    static void ownServer() throws Exception {
        SharedLocalServer.stop();
        Path dataDir = Files.createTempDirectory("spuk-deadlines");
        server = LocalServer.start(LocalServer.Options.forTests(dataDir));
        anonymous = new ApiClient(server.baseUri());
        mail = new Mailbox(anonymous);
        official = anonymous.as("official-enschede", "municipality", CODE);
        otherOfficial = anonymous.as("official-hengelo", "municipality", "GM0164");
        advisor = anonymous.as("advisor-1", "advisor", null);
        proposer = anonymous.as("ministry-a", "ministry", null);
        approver = anonymous.as("ministry-b", "ministry", null);
        for (int year : new int[] {2025, 2026}) {
            assertThat(proposer.put("/v1/municipalities/" + CODE + "/allocations/" + year,
                    Map.of("amountCents", 50_000_000L)).status()).isEqualTo(200);
        }
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    @Order(1)
    void theReviewClockPausesWhileChangesAreRequestedAndTheEscalationFollowsTheMovedDate() throws Exception {
        String id = submitted("Enschede: de review");
        LocalDate submittedOn = today();
        JsonNode inReview = official.get("/v1/applications/" + id).json();
        assertThat(inReview.get("reviewDueDate").asText()).isEqualTo(submittedOn.plusDays(42).toString());

        assertThat(advisor.post("/v1/applications/" + id + "/advice",
                Map.of("outcome", "CHANGES_REQUESTED", "summary", "begroting aanvullen")).status()).isEqualTo(200);
        assertThat(official.get("/v1/applications/" + id).json().get("reviewDueDate").isNull())
                .as("no due date while the plan is with the municipality").isTrue();
        moveClockTo(submittedOn.plusDays(10), 12);
        assertThat(official.post("/v1/applications/" + id + "/submit", null).status()).isEqualTo(200);
        LocalDate due = submittedOn.plusDays(52);
        assertThat(official.get("/v1/applications/" + id).json().get("reviewDueDate").asText()).isEqualTo(due.toString());

        moveClockTo(submittedOn.plusDays(43), 8); // the first due date has passed: nothing happens
        assertThat(actions(id)).doesNotContain("REVIEW_ESCALATED");
        moveClockTo(due.plusDays(1), 0);
        List<JsonNode> overdue = mail.await(id, "REVIEW_OVERDUE", 2);
        assertThat(overdue).extracting(Mailbox::to).doesNotHaveDuplicates();
        assertThat(overdue.get(0).get("text").asText()).contains(dutch(due));
        assertThat(actions(id)).containsOnlyOnce("REVIEW_ESCALATED");
    }

    @Test
    @Order(2)
    void theMinistryExtendsAReportsDueDateAndRemindsOfOverdueReports() throws Exception {
        String id = awarded("Enschede: verantwoording");
        // the reports of begun years open in the approval itself, not a tick later
        assertThat(tasks(official, id)).containsExactlyInAnyOrder("REPORT:2025", "REPORT:2026");
        LocalDate today = today();
        moveClockTo(today, 23); // the 2025 report (due 15 July 2026) is overdue: its chase opens
        assertThat(tasks(proposer, id)).containsExactly("CHASE_OVERDUE_REPORT:2025");
        mail.await(id, "REPORT_OVERDUE", 2);

        // reminders by hand: ministry only, only while overdue, one per request, none for a replay
        String reminder = "/v1/applications/" + id + "/reports/2025/reminder";
        assertThat(official.post(reminder, null).status()).isEqualTo(403);
        assertThat(advisor.post(reminder, null).status()).isEqualTo(403);
        assertThat(otherOfficial.post(reminder, null).status()).isEqualTo(403);
        assertThat(proposer.post("/v1/applications/unknown-id/reports/2025/reminder", null).status()).isEqualTo(404);
        Response notOverdue = proposer.post("/v1/applications/" + id + "/reports/2026/reminder", null);
        assertThat(notOverdue.status()).isEqualTo(409);
        assertThat(notOverdue.json().get("detail").asText()).contains("niet te laat");
        Response reminded = proposer.post(reminder, null, "Idempotency-Key", "herinnering-1");
        assertThat(reminded.status()).as(reminded.body()).isEqualTo(200);
        Response replayed = proposer.post(reminder, null, "Idempotency-Key", "herinnering-1");
        assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
        mail.await(id, "REPORT_OVERDUE", 4);
        Response all = proposer.post("/v1/reports/reminders", Map.of("year", 2025));
        assertThat(all.status()).as(all.body()).isEqualTo(200);
        assertThat(all.json().get("sent").asInt()).isEqualTo(1);
        assertThat(proposer.post("/v1/reports/reminders", Map.of("year", 2026)).json().get("sent").asInt()).isZero();
        assertThat(official.post("/v1/reports/reminders", Map.of("year", 2025)).status()).isEqualTo(403);
        assertThat(proposer.post("/v1/reports/reminders", Map.of()).status()).isEqualTo(422);
        mail.await(id, "REPORT_OVERDUE", 6);

        // the extension: refusals change nothing
        String extension = "/v1/applications/" + id + "/reports/2025/extension";
        LocalDate newDate = today.plusDays(20);
        Map<String, String> body = Map.of("dueDate", newDate.toString(), "reason", "Ziekte van de projectleider");
        assertThat(official.post(extension, body).status()).isEqualTo(403);
        assertThat(advisor.post(extension, body).status()).isEqualTo(403);
        assertThat(proposer.post(extension, Map.of("dueDate", "2026-07-15", "reason", "zelfde")).status()).isEqualTo(422);
        assertThat(proposer.post(extension, Map.of("dueDate", "2026-07-01", "reason", "eerder")).status()).isEqualTo(422);
        Response noReason = proposer.post(extension, Map.of("dueDate", newDate.toString(), "reason", " "));
        assertThat(noReason.status()).isEqualTo(422);
        assertThat(noReason.header("Content-Type")).startsWith("application/problem+json");
        assertThat(proposer.post(extension, Map.of("dueDate", "1 augustus", "reason", "x")).status()).isEqualTo(422);
        assertThat(proposer.post("/v1/applications/" + id + "/reports/2024/extension", body).status()).isEqualTo(422);
        assertThat(actions(id)).doesNotContain("REPORT_DEADLINE_EXTENDED");

        Response extended = proposer.post(extension, body);
        assertThat(extended.status()).as(extended.body()).isEqualTo(200);
        assertThat(extended.json().get("reportDeadlines").get("2025").asText()).isEqualTo(newDate.toString());
        assertThat(extended.json().get("reportDeadlines").get("2026").asText()).isEqualTo("2027-07-15");
        assertThat(tasks(proposer, id)).as("the open chase closes while the new date lies ahead").isEmpty();
        assertThat(proposer.post(reminder, null).status()).isEqualTo(409);
        List<JsonNode> told = mail.await(id, "REPORT_DEADLINE_EXTENDED", 1);
        assertThat(Mailbox.to(told.get(0))).isEqualTo("p.jansen@enschede.example");
        assertThat(told.get(0).get("text").asText()).contains(dutch(newDate), "Ziekte van de projectleider");
        assertThat(actions(id)).containsOnlyOnce("REPORT_DEADLINE_EXTENDED");

        moveClockTo(newDate, 12);
        assertThat(tasks(proposer, id)).isEmpty();
        moveClockTo(newDate.plusDays(1), 0); // the chase comes back the day after the new date
        assertThat(tasks(proposer, id)).containsExactly("CHASE_OVERDUE_REPORT:2025");
        List<JsonNode> chased = mail.await(id, "REPORT_OVERDUE", 8);
        assertThat(chased.get(0).get("text").asText()).contains(dutch(newDate));

        Response report = official.post("/v1/applications/" + id + "/reports/2025", Map.of(
                "spentCents", Map.of("VERLICHTEN", 1_000_000L), "caregiversReached", 10, "respiteHours", 20,
                "narrative", "Later dan gepland, maar binnen"));
        assertThat(report.status()).as(report.body()).isEqualTo(200);
        assertThat(proposer.post(extension, Map.of("dueDate", newDate.plusDays(30).toString(), "reason", "x")).status())
                .isEqualTo(409);
        assertThat(mail.about(id)).extracting(m -> Mailbox.header(m, "X-Spuk-Notification"))
                .filteredOn("REPORT_DEADLINE_EXTENDED"::equals).hasSize(1);
    }

    private static String submitted(String title) throws Exception {
        Response created = official.post("/v1/applications", Map.of("title", title, "years", List.of(2025, 2026),
                "activities", List.of(Map.of("theme", "VERLICHTEN", "title", "Respijt", "budgetCents",
                        Map.of("2025", 4_000_000L, "2026", 3_500_000L))),
                "contact", Map.of("name", "P. Jansen", "email", "p.jansen@enschede.example")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asText();
        official.upload(id, "PLAN", "plan.pdf", ApiTest.PDF);
        Response submit = official.post("/v1/applications/" + id + "/submit", null);
        assertThat(submit.status()).as(submit.body()).isEqualTo(200);
        return id;
    }

    private static String awarded(String title) throws Exception {
        String id = submitted(title);
        assertThat(advisor.post("/v1/applications/" + id + "/advice", Map.of("outcome", "POSITIVE", "summary", "goed")).status())
                .isEqualTo(200);
        assertThat(proposer.post("/v1/applications/" + id + "/decision", Map.of("outcome", "AWARD",
                "awardedCents", Map.of("2025", 4_000_000L, "2026", 3_500_000L), "motivation", "past")).status()).isEqualTo(200);
        Response approved = approver.post("/v1/applications/" + id + "/decision/approve", null);
        assertThat(approved.json().get("status").asText()).as(approved.body()).isEqualTo("AWARDED");
        return id;
    }

    private static LocalDate today() {
        return LocalDate.ofInstant(Instant.parse(anonymous.get("/local/clock").json().get("now").asText()), AMSTERDAM);
    }

    /** Moves the workflow clock to that hour of the day in Amsterdam (never back), running every timer due. */
    private static void moveClockTo(LocalDate day, int hour) {
        Instant to = day.atTime(hour, 0).atZone(AMSTERDAM).toInstant();
        Instant now = Instant.parse(anonymous.get("/local/clock").json().get("now").asText());
        Response moved = anonymous.post("/local/clock", Map.of("now", (to.isAfter(now) ? to : now.plusSeconds(1)).toString()));
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
    }

    private static String dutch(LocalDate day) {
        return day.format(java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy", new java.util.Locale("nl", "NL")));
    }

    private static List<String> tasks(ApiClient user, String id) {
        List<String> out = new ArrayList<>();
        for (JsonNode t : user.get("/v1/tasks").json().get("items")) {
            if (t.get("applicationId").asText().equals(id)) {
                String[] parts = t.get("taskId").asText().split(":");
                out.add(parts[1] + (parts.length > 2 ? ":" + parts[2] : ""));
            }
        }
        return out;
    }

    private static List<String> actions(String id) {
        List<String> out = new ArrayList<>();
        for (JsonNode e : proposer.get("/v1/applications/" + id + "/history?limit=100").json().get("items")) {
            out.add(e.get("action").asText());
        }
        return out;
    }
}
