package nl.spuk.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import nl.spuk.adapter.out.mail.SmtpMailer;
import nl.spuk.config.Settings;
import nl.spuk.it.SharedLocalServer;
import nl.spuk.local.ApiClient;
import nl.spuk.local.LocalServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A mail server that refuses every mail, as the relay of a local server of the test's own: the notifier fails, the
 * stream record is retried as the template says ({@code MaximumRetryAttempts}), then dead-lettered (local mode's
 * dead-letter file), and nothing is lost: the outbox item stays in the table, FAILED, with its content and the error,
 * and the notification is in the app.
 */
class FailingMailServerTest {
    private static final String CODE = "GM0037";
    private static final int ATTEMPTS = 6; // the first and the template's MaximumRetryAttempts: 5
    private static final byte[] PDF = "%PDF-1.7\n% plan\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    static Path dataDir;
    private static RefusingSmtpServer smtp;
    private static LocalServer server;

    @BeforeAll
    static void start() throws IOException {
        SharedLocalServer.stop();
        smtp = new RefusingSmtpServer();
        server = LocalServer.start(LocalServer.Options.forTests(dataDir)
                .withSmtpRelay(new SmtpMailer.Server("127.0.0.1", smtp.port(), null, null)));
    }

    @AfterAll
    static void stop() throws IOException {
        if (server != null) {
            server.close();
        }
        smtp.close();
    }

    @Test
    void a_refused_mail_is_retried_then_dead_lettered_and_its_notification_kept() throws Exception {
        ApiClient anonymous = new ApiClient(server.baseUri());
        ApiClient.Response mail = anonymous.get("/local/mail");
        assertThat(mail.status()).isEqualTo(404);
        assertThat(mail.body()).contains("smtp://127.0.0.1:" + smtp.port());

        String id = submitted(anonymous);
        Path deadLetters = dataDir.resolve("notifier-dead-letters.jsonl");
        Instant deadline = Instant.now().plusSeconds(60);
        while (!Files.exists(deadLetters) || Files.readString(deadLetters).isBlank()) {
            assertThat(Instant.now()).as("the batch is dead-lettered").isBefore(deadline);
            Thread.sleep(200);
        }
        List<String> lines = Files.readAllLines(deadLetters);
        assertThat(lines).hasSize(1);
        JsonNode letter = ApiClient.JSON.readTree(lines.get(0));
        assertThat(letter.get("function").asText()).isEqualTo("NotifierFunction");
        assertThat(letter.get("batchSize").asInt()).isEqualTo(1);
        String sk = letter.get("keys").get(0).get("SK").asText();
        assertThat(letter.get("keys").get(0).get("PK").asText()).isEqualTo("APP#" + id);
        assertThat(sk).startsWith("OUTBOX#");
        assertThat(smtp.connections.get()).as("each attempt reached the mail server").isEqualTo(ATTEMPTS);

        try (DynamoDbClient dynamo = DynamoDbClient.builder()
                .endpointOverride(URI.create(System.getProperty(Settings.DYNAMODB_ENDPOINT)))
                .region(Region.EU_CENTRAL_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build()) {
            Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(System.getProperty(Settings.TABLE))
                    .key(Map.of("PK", AttributeValue.fromS("APP#" + id), "SK", AttributeValue.fromS(sk)))
                    .consistentRead(true)).item();
            assertThat(item.get("state").s()).isEqualTo("FAILED");
            assertThat(item.get("attempts").n()).isEqualTo(Integer.toString(ATTEMPTS));
            assertThat(item.get("notificationType").s()).isEqualTo("APPLICATION_SUBMITTED");
            assertThat(item.get("lastError").s()).contains("SMTP");
            assertThat(item).doesNotContainKey("claimToken");
        }
        // in the app all the same
        JsonNode inApp = anonymous.as("advisor-failing", "advisor", null).get("/v1/notifications").json().get("items");
        assertThat(inApp).anySatisfy(n -> {
            assertThat(n.get("applicationId").asText()).isEqualTo(id);
            assertThat(n.get("type").asText()).isEqualTo("APPLICATION_SUBMITTED");
        });
    }

    private static String submitted(ApiClient anonymous) throws Exception {
        ApiClient ministry = anonymous.as("ministry-failing", "ministry", null);
        assertThat(ministry.put("/v1/municipalities/" + CODE + "/allocations/2026", Map.of("amountCents", 5_000_000L))
                .status()).isEqualTo(200);
        ApiClient official = anonymous.as("official-failing", "municipality", CODE);
        String id = official.post("/v1/applications", Map.of("title", "Mantelzorg", "years", List.of(2026),
                "activities", List.of(Map.of("theme", "VERLICHTEN", "title", "Respijt",
                        "budgetCents", Map.of("2026", 1_000_000L))),
                "contact", Map.of("name", "A. Jansen", "email", "a.jansen@example.nl"))).json().get("id").asText();
        JsonNode ticket = official.post("/v1/applications/" + id + "/documents", Map.of("fileName", "plan.pdf",
                "contentType", "application/pdf", "sizeBytes", PDF.length, "kind", "PLAN")).json();
        HttpResponse<String> stored = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(ticket.get("uploadUrl").asText())).header("Content-Type", "application/pdf")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(PDF)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(stored.statusCode()).isEqualTo(200);
        Instant deadline = Instant.now().plusSeconds(15);
        while (official.post("/v1/applications/" + id + "/submit", null, "Idempotency-Key", UUID.randomUUID().toString())
                .status() != 200) {
            assertThat(Instant.now()).isBefore(deadline);
            Thread.sleep(100);
        }
        return id;
    }

    /** An SMTP server that greets every connection with 554 (no service) and hangs up. */
    private static final class RefusingSmtpServer implements AutoCloseable {
        final AtomicInteger connections = new AtomicInteger();
        private final ServerSocket socket;

        RefusingSmtpServer() throws IOException {
            socket = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
            Thread accept = new Thread(() -> {
                while (!socket.isClosed()) {
                    try (Socket client = socket.accept(); OutputStream out = client.getOutputStream()) {
                        connections.incrementAndGet();
                        out.write("554 5.3.2 no mail accepted here\r\n".getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                    } catch (IOException e) {
                        // closed
                    }
                }
            }, "refusing-smtp");
            accept.setDaemon(true);
            accept.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
