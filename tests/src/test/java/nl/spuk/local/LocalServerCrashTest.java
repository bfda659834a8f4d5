package nl.spuk.local;

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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the local server acknowledged survives {@code kill -9}: the business record (DynamoDB Local), the
 * documents (S3Proxy), the engine's process state (H2), the workflow clock and the token key. Runs the server
 * as its own process, as {@code java -jar local/target/spuk-local.jar} does.
 */
class LocalServerCrashTest {
    private static final byte[] PDF = "%PDF-1.7\n% plan\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    private static final Map<String, Object> PLAN = Map.of(
            "title", "Mantelzorg Groningen",
            "years", List.of(2025, 2026),
            "activities", List.of(Map.of("theme", "VERLICHTEN", "title", "Respijtzorg", "description", "Logeeropvang",
                    "budgetCents", Map.of("2025", 500_000L, "2026", 500_000L))),
            "contact", Map.of("name", "J. de Vries", "email", "j.devries@example.nl"));

    @TempDir
    Path dataDir;

    @Test
    void everything_acknowledged_survives_kill_9() throws Exception {
        String id;
        String documentId;
        String official;
        String ministry;
        // an hour ahead: far enough to tell from real time, near enough to leave the process's timers alone
        Instant movedTo = Instant.now().plus(Duration.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

        ChildServer first = ChildServer.start(dataDir, 1);
        try {
            assertThat(first.linesBeforeReady()).as("nothing but the ready line on start").isEmpty();
            assertThat(first.dataDir()).isEqualTo(dataDir.toAbsolutePath().toString());
            ApiClient api = new ApiClient(first.baseUri());
            official = api.token("official-1", "municipality", "GM0014");
            ministry = api.token("ministry-1", "ministry", null);
            ApiClient groningen = api.withToken(official);

            ApiClient.Response created = groningen.post("/v1/applications", PLAN);
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            id = created.json().get("id").asText();
            for (int year : new int[] {2025, 2026}) {
                ApiClient.Response allocated = api.withToken(ministry)
                        .put("/v1/municipalities/GM0014/allocations/" + year, Map.of("amountCents", 1_000_000L));
                assertThat(allocated.status()).as(allocated.toString()).isEqualTo(200);
            }
            documentId = upload(groningen, id);
            assertThat(api.post("/local/clock", Map.of("now", movedTo.toString())).status()).isEqualTo(200);
            // the kill follows the engine's commit at once: no later write can carry it to disk
            ApiClient.Response submitted = groningen.post("/v1/applications/" + id + "/submit", null);
            assertThat(submitted.status()).as(submitted.toString()).isEqualTo(200);
        } finally {
            first.kill();
        }

        ChildServer second = ChildServer.start(dataDir, 1);
        try {
            ApiClient api = new ApiClient(second.baseUri());
            ApiClient groningen = api.withToken(official);

            JsonNode application = groningen.get("/v1/applications/" + id).json();
            assertThat(application.get("status").asText()).isEqualTo("IN_REVIEW");
            ApiClient.Response download = groningen.get("/v1/applications/" + id + "/documents/" + documentId);
            assertThat(download.status()).as(download.toString()).isEqualTo(200);
            assertThat(fetch(URI.create(download.json().get("downloadUrl").asText()))).isEqualTo(PDF);
            JsonNode groningenRow = null;
            for (JsonNode row : api.withToken(ministry).get("/v1/municipalities").json().get("items")) {
                groningenRow = row.get("code").asText().equals("GM0014") ? row : groningenRow;
            }
            assertThat(groningenRow.get("allocationsCents").get("2025").asLong()).isEqualTo(1_000_000L);
            assertThat(groningenRow.get("allocationsCents").get("2026").asLong()).isEqualTo(1_000_000L);
            assertThat(Instant.parse(api.get("/local/clock").json().get("now").asText())).isAfter(movedTo);

            // the withdrawal is a message to the application's process: it only arrives if the engine kept the process
            ApiClient.Response withdrawn = groningen.post("/v1/applications/" + id + "/withdraw", Map.of("reason", "merged with another plan"));
            assertThat(withdrawn.status()).as(withdrawn.toString()).isEqualTo(200);
            assertThat(withdrawn.json().get("status").asText()).isEqualTo("WITHDRAWN");
        } finally {
            second.stop();
        }
    }

    private static String upload(ApiClient user, String id) throws Exception {
        ApiClient.Response announced = user.post("/v1/applications/" + id + "/documents",
                Map.of("fileName", "plan.pdf", "contentType", "application/pdf", "sizeBytes", PDF.length, "kind", "PLAN"));
        assertThat(announced.status()).as(announced.toString()).isEqualTo(201);
        HttpResponse<String> put = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(announced.json().get("uploadUrl").asText()))
                        .header("Content-Type", "application/pdf")
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(PDF)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).isEqualTo(200);
        String documentId = announced.json().get("documentId").asText();
        Instant deadline = Instant.now().plusSeconds(15);
        while (!user.get("/v1/applications/" + id + "/documents").body().contains("\"status\":\"AVAILABLE\"")) {
            assertThat(Instant.now()).as("document AVAILABLE in time").isBefore(deadline);
            Thread.sleep(50);
        }
        return documentId;
    }

    private static byte[] fetch(URI url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofByteArray()).body();
    }

    /** {@code LocalServer.main} in a child JVM on this test's runtime classpath (without the test classes). */
}
