package nl.spuk.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.spuk.local.ApiClient.Response;
import nl.spuk.local.ApiClient;

/**
 * Prepares applications of one municipality in any {@link Stage}, through the API only, the way its users would:
 * an official drafts and submits (with an uploaded plan), an advisor advises, one ministry user proposes and another
 * approves, the workflow clock runs the report timers. Plans cover one year, so one accepted report completes them.
 */
final class Fixtures {
    static final int YEAR = 2025;
    static final long BUDGET_CENTS = 1_000_000L;
    /** Enough for every award the tests make. */
    static final long ALLOCATION_CENTS = 500_000_000L;
    static final byte[] PDF = "%PDF-1.7\n% plan\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    private static final HttpClient STORAGE = HttpClient.newHttpClient();

    /** An application prepared in a stage, with the id of its AVAILABLE plan document. */
    record Fixture(Stage stage, String id, String planDocumentId) {
    }

    private final HardeningServer server;
    private final String code;
    private volatile String notificationId;
    final ApiClient official;
    final ApiClient advisor;
    final ApiClient proposer;
    final ApiClient approver;

    Fixtures(HardeningServer server, String code) {
        this.server = server;
        this.code = code;
        this.official = server.user("fixture-official-" + code, "municipality", code);
        this.advisor = server.user("fixture-advisor", "advisor", null);
        this.proposer = server.user("fixture-proposer", "ministry", null);
        this.approver = server.user("fixture-approver", "ministry", null);
        Response allocated = proposer.put("/v1/municipalities/" + code + "/allocations/" + YEAR, Map.of("amountCents", ALLOCATION_CENTS));
        assertThat(allocated.status()).as(allocated.body()).isEqualTo(200);
    }

    String code() {
        return code;
    }

    /** A complete plan for {@link #YEAR}; its title names the municipality so a leak would show. */
    Map<String, Object> plan(String title) {
        Map<String, Object> plan = new LinkedHashMap<>();
        plan.put("title", title);
        plan.put("years", List.of(YEAR));
        plan.put("activities", List.of(Map.of("theme", "VERLICHTEN", "title", "Respijtzorg",
                "description", "Logeeropvang voor de naaste", "budgetCents", Map.of(Integer.toString(YEAR), BUDGET_CENTS))));
        plan.put("contact", Map.of("name", "J. de Vries", "email", "j.devries@example.nl"));
        return plan;
    }

    static Map<String, Object> report() {
        return Map.of("spentCents", Map.of("VINDEN", 100_000L, "VERSTERKEN", 100_000L, "VERLICHTEN", 500_000L, "VERBINDEN", 100_000L),
                "caregiversReached", 42, "respiteHours", 120.5, "narrative", "Meer mantelzorgers bereikt");
    }

    static Map<String, Object> award() {
        return Map.of("outcome", "AWARD", "awardedCents", Map.of(Integer.toString(YEAR), BUDGET_CENTS),
                "conditions", "Rapporteer per jaar", "motivation", "Positief geadviseerd");
    }

    /**
     * The id of a notification the municipality's officials see (one about its applications): the newest there is,
     * or, when none has arrived yet, one made by sending an application back for changes.
     */
    synchronized String notificationId() {
        if (notificationId == null) {
            JsonNode items = official.get("/v1/notifications?limit=1").json().get("items");
            if (items.isEmpty()) {
                build(Stage.CHANGES_REQUESTED);
                Instant deadline = Instant.now().plusSeconds(30);
                while (items.isEmpty()) {
                    assertThat(Instant.now()).as("a notification for " + code + " arrives").isBefore(deadline);
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                    items = official.get("/v1/notifications?limit=1").json().get("items");
                }
            }
            notificationId = items.get(0).get("id").asText();
        }
        return notificationId;
    }

    /** A new application in that stage. */
    Fixture build(Stage stage) {
        String title = "Plan " + code + " " + stage + " " + System.nanoTime();
        Response created = official.post("/v1/applications", plan(title));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asText();
        String plan = upload(official, id, "PLAN", "plan.pdf", PDF);
        Fixture fixture = new Fixture(stage, id, plan);
        if (stage == Stage.DRAFT) {
            return fixture;
        }
        if (stage == Stage.WITHDRAWN_UNSUBMITTED) {
            ok(official.post("/v1/applications/" + id + "/withdraw", Map.of("reason", "niet vastgesteld")));
            return fixture;
        }
        ok(official.post("/v1/applications/" + id + "/submit", null));
        switch (stage) {
            case IN_REVIEW:
                return fixture;
            case WITHDRAWN:
                ok(official.post("/v1/applications/" + id + "/withdraw", Map.of("reason", "niet vastgesteld")));
                return fixture;
            case CHANGES_REQUESTED:
                ok(advisor.post("/v1/applications/" + id + "/advice", Map.of("outcome", "CHANGES_REQUESTED", "summary", "aanvullen")));
                return fixture;
            default:
                break;
        }
        ok(advisor.post("/v1/applications/" + id + "/advice", Map.of("outcome", "POSITIVE", "summary", "goed plan")));
        if (stage == Stage.ADVISED) {
            return fixture;
        }
        ok(proposer.post("/v1/applications/" + id + "/decision", award()));
        if (stage == Stage.DECISION_PROPOSED) {
            return fixture;
        }
        ok(approver.post("/v1/applications/" + id + "/decision/approve", null));
        server.runDueJobs();
        if (stage == Stage.AWARDED) {
            return fixture;
        }
        ok(official.post("/v1/applications/" + id + "/reports/" + YEAR, report()));
        if (stage == Stage.REPORTING) {
            return fixture;
        }
        ok(approver.post("/v1/applications/" + id + "/reports/" + YEAR + "/review", Map.of("outcome", "ACCEPT")));
        if (stage == Stage.REPORTS_ACCEPTED) {
            return fixture;
        }
        ok(proposer.post("/v1/applications/" + id + "/settlement", null));
        if (stage == Stage.SETTLEMENT_PROPOSED) {
            return fixture;
        }
        ok(approver.post("/v1/applications/" + id + "/settlement/approve", null));
        return fixture;
    }

    /** The application as its own municipality sees it (the only one that sees it in every stage). */
    JsonNode application(String id) {
        Response r = official.get("/v1/applications/" + id);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    /** What must not change under a refused request: status, version and the number of history entries. */
    String snapshot(String id) {
        JsonNode app = application(id);
        Response history = official.get("/v1/applications/" + id + "/history");
        assertThat(history.status()).as(history.body()).isEqualTo(200);
        return app.get("status").asText() + " v" + app.get("version").asLong() + " h" + history.json().get("items").size();
    }

    /** The number of entries in the application's history, as text. */
    String historySize(String id) {
        Response history = official.get("/v1/applications/" + id + "/history");
        assertThat(history.status()).as(history.body()).isEqualTo(200);
        return "h" + history.json().get("items").size();
    }

    /** Announces a document, PUTs its bytes to the presigned URL and waits until it is AVAILABLE; its id. */
    static String upload(ApiClient user, String applicationId, String kind, String fileName, byte[] bytes) {
        Response announced = user.post("/v1/applications/" + applicationId + "/documents", Map.of(
                "fileName", fileName, "contentType", "application/pdf", "sizeBytes", bytes.length, "kind", kind));
        assertThat(announced.status()).as(announced.body()).isEqualTo(201);
        String documentId = announced.json().get("documentId").asText();
        try {
            HttpResponse<String> stored = STORAGE.send(HttpRequest.newBuilder(URI.create(announced.json().get("uploadUrl").asText()))
                    .header("Content-Type", "application/pdf")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (true) {
            for (JsonNode d : user.get("/v1/applications/" + applicationId + "/documents").json().get("items")) {
                if (d.get("documentId").asText().equals(documentId) && d.get("status").asText().equals("AVAILABLE")) {
                    return documentId;
                }
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("document " + documentId + " did not become AVAILABLE");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static void ok(Response r) {
        assertThat(r.status()).as(r.body()).isBetween(200, 299);
    }
}
