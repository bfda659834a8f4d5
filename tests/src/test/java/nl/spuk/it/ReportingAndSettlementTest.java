package nl.spuk.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.spuk.local.ApiClient.Response;
import nl.spuk.local.ApiClient;
import nl.spuk.local.LocalServer;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * From the award through both years' reports (one late: the chase appears and clears, one rejected and resubmitted)
 * to the settlement with its reclaim and letter, moving the workflow clock and restarting the server on the way.
 * Runs on a server of its own, since it moves the workflow clock.
 */
class ReportingAndSettlementTest {
    private static final String CODE = "GM0164";
    private static Path dataDir;
    private static LocalServer server;
    private static ApiClient anonymous;

    @BeforeAll
    static void ownServer() throws Exception {
        SharedLocalServer.stop();
        dataDir = Files.createTempDirectory("spuk-reporting");
        start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private static void start() {
        server = LocalServer.start(LocalServer.Options.forTests(dataDir));
        anonymous = new ApiClient(server.baseUri());
    }

    @Test
    void fromAwardThroughReportsToSettlement() throws Exception {
        ApiClient official = anonymous.as("official-hengelo", "municipality", CODE);
        ApiClient advisor = anonymous.as("advisor-1", "advisor", null);
        ApiClient proposer = anonymous.as("ministry-a", "ministry", null);
        ApiClient approver = anonymous.as("ministry-b", "ministry", null);
        String id = awarded(official, advisor, proposer, approver);

        moveClock(Instant.now().plusSeconds(5));
        assertThat(tasks(official, id)).containsExactlyInAnyOrder("REPORT:2025", "REPORT:2026");
        assertThat(tasks(proposer, id)).containsExactly("CHASE_OVERDUE_REPORT:2025");

        Response late = submitReport(official, id, 2025, 3_500_000L);
        assertThat(late.status()).as(late.body()).isEqualTo(200);
        assertThat(official.get("/v1/applications/" + id).json().get("status").asText()).isEqualTo("REPORTING");
        assertThat(tasks(proposer, id)).containsExactly("REVIEW_REPORT:2025");
        assertThat(tasks(official, id)).containsExactly("REPORT:2026");
        assertThat(submitReport(official, id, 2025, 1L).status()).isEqualTo(409);

        Response rejected = proposer.post("/v1/applications/" + id + "/reports/2025/review",
                Map.of("outcome", "REJECT", "reason", "uitsplitsing per aandachtspunt ontbreekt"));
        assertThat(rejected.json().get("status").asText()).as(rejected.body()).isEqualTo("REJECTED");
        assertThat(tasks(official, id)).containsExactlyInAnyOrder("REPORT:2025", "REPORT:2026");
        assertThat(submitReport(official, id, 2025, 3_500_000L).status()).isEqualTo(200);
        Response accepted = approver.post("/v1/applications/" + id + "/reports/2025/review", Map.of("outcome", "ACCEPT"));
        assertThat(accepted.json().get("status").asText()).as(accepted.body()).isEqualTo("ACCEPTED");
        assertThat(tasks(proposer, id)).isEmpty();

        moveClock(Instant.parse("2027-06-16T08:00:00Z"));
        assertThat(actions(official, id)).contains("REPORT_REMINDER");
        List<String> tasksBefore = tasks(official, id);
        String clockBefore = anonymous.get("/local/clock").json().get("now").asText();
        server.close();
        start();
        official = anonymous.as("official-hengelo", "municipality", CODE);
        proposer = anonymous.as("ministry-a", "ministry", null);
        approver = anonymous.as("ministry-b", "ministry", null);
        assertThat(anonymous.get("/local/clock").json().get("now").asText().substring(0, 16)).isEqualTo(clockBefore.substring(0, 16));
        assertThat(tasks(official, id)).isEqualTo(tasksBefore).containsExactly("REPORT:2026");

        moveClock(Instant.parse("2027-06-20T08:00:00Z"));
        assertThat(submitReport(official, id, 2026, 4_000_000L).status()).isEqualTo(200);
        assertThat(proposer.post("/v1/applications/" + id + "/settlement", null).status()).isEqualTo(409);
        assertThat(proposer.post("/v1/applications/" + id + "/reports/2026/review", Map.of("outcome", "ACCEPT")).status()).isEqualTo(200);
        assertThat(tasks(proposer, id)).containsExactly("SETTLE");

        Response proposed = proposer.post("/v1/applications/" + id + "/settlement", null);
        assertThat(proposed.status()).as(proposed.body()).isEqualTo(200);
        JsonNode settlement = proposed.json().get("settlement");
        assertThat(settlement.get("eligibleSpentCents").toString()).isEqualTo("{\"2025\":3500000,\"2026\":3500000}");
        assertThat(settlement.get("reclaimCents").asLong()).isEqualTo(500_000L);
        assertThat(proposer.post("/v1/applications/" + id + "/settlement/approve", null).status()).isEqualTo(403);
        Response settled = approver.post("/v1/applications/" + id + "/settlement/approve", null);
        assertThat(settled.json().get("status").asText()).as(settled.body()).isEqualTo("SETTLED");
        assertThat(tasks(proposer, id)).isEmpty();
        assertThat(tasks(official, id)).isEmpty();

        String letter = letterText(official, id, "SETTLEMENT");
        assertThat(letter).contains("€ 40.000,00", "€ 35.000,00", "€ 5.000,00", "Hengelo");
        assertThat(actions(official, id)).containsSubsequence("DECISION_APPROVED", "REPORT_OPENED", "REPORT_OVERDUE",
                "REPORT_SUBMITTED", "REPORT_REJECTED", "REPORT_SUBMITTED", "REPORT_ACCEPTED", "REPORT_REMINDER",
                "REPORT_SUBMITTED", "REPORT_ACCEPTED", "SETTLEMENT_OPENED", "SETTLEMENT_PROPOSED", "SETTLED");
    }

    private static String awarded(ApiClient official, ApiClient advisor, ApiClient proposer, ApiClient approver) throws Exception {
        for (int year : new int[] {2025, 2026}) {
            assertThat(proposer.put("/v1/municipalities/" + CODE + "/allocations/" + year, Map.of("amountCents", 5_000_000L)).status()).isEqualTo(200);
        }
        Response created = official.post("/v1/applications", Map.of("title", "Hengelo mantelzorg", "years", List.of(2025, 2026),
                "activities", List.of(Map.of("theme", "VERLICHTEN", "title", "Respijt", "budgetCents",
                        Map.of("2025", 4_000_000L, "2026", 3_500_000L)))));
        String id = created.json().get("id").asText();
        official.upload(id, "PLAN", "plan.pdf", ApiTest.PDF);
        assertThat(official.post("/v1/applications/" + id + "/submit", null).status()).isEqualTo(200);
        assertThat(advisor.post("/v1/applications/" + id + "/advice", Map.of("outcome", "POSITIVE", "summary", "goed")).status()).isEqualTo(200);
        assertThat(proposer.post("/v1/applications/" + id + "/decision", Map.of("outcome", "AWARD",
                "awardedCents", Map.of("2025", 4_000_000L, "2026", 3_500_000L), "motivation", "past")).status()).isEqualTo(200);
        Response approved = approver.post("/v1/applications/" + id + "/decision/approve", null);
        assertThat(approved.json().get("status").asText()).as(approved.body()).isEqualTo("AWARDED");
        return id;
    }

    private static Response submitReport(ApiClient official, String id, int year, long total) {
        return official.post("/v1/applications/" + id + "/reports/" + year, Map.of(
                "spentCents", Map.of("VINDEN", total / 4, "VERSTERKEN", total / 4, "VERLICHTEN", total / 4,
                        "VERBINDEN", total - 3 * (total / 4)),
                "caregiversReached", 120, "respiteHours", 340.5, "narrative", "Meer mantelzorgers bereikt"));
    }

    private static void moveClock(Instant to) {
        Response moved = anonymous.post("/local/clock", Map.of("now", to.toString()));
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
    }

    private static List<String> tasks(ApiClient user, String id) {
        List<String> out = new ArrayList<>();
        for (JsonNode t : user.get("/v1/tasks").json().get("items")) {
            if (t.get("applicationId").asText().equals(id)) {
                String[] parts = t.get("taskId").asText().split(":");
                out.add(t.get("type").asText() + (parts.length > 2 ? ":" + parts[2] : ""));
            }
        }
        return out;
    }

    private static List<String> actions(ApiClient user, String id) {
        List<String> out = new ArrayList<>();
        user.get("/v1/applications/" + id + "/history").json().get("items").forEach(e -> out.add(e.get("action").asText()));
        return out;
    }

    private static String letterText(ApiClient user, String id, String kind) throws Exception {
        for (JsonNode d : user.get("/v1/applications/" + id + "/documents").json().get("items")) {
            if (d.get("kind").asText().equals(kind)) {
                String url = user.get("/v1/applications/" + id + "/documents/" + d.get("documentId").asText()).json().get("downloadUrl").asText();
                byte[] pdf = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                        HttpResponse.BodyHandlers.ofByteArray()).body();
                try (var doc = Loader.loadPDF(pdf)) {
                    return new PDFTextStripper().getText(doc).replace('\u00a0', ' ');
                }
            }
        }
        throw new AssertionError("no " + kind + " letter");
    }
}
