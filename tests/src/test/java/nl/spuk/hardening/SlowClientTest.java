package nl.spuk.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.spuk.local.ChildServer;
import nl.spuk.local.LocalServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that send their requests slowly (slowloris) against the local server: while they hold on, the others are
 * still answered at once, and a request not sent in full within the request timeout loses its connection, however
 * steadily its bytes trickle in. Loopback only; every loop is bounded in count and time.
 */
class SlowClientTest {
    private static final int SLOW_CLIENTS = 25;
    /** A request that never ends: one header line after another, without the empty line that would end them. */
    private static final byte[] REQUEST_START = "GET /health HTTP/1.1\r\nHost: localhost\r\nX-Slow: "
            .getBytes(StandardCharsets.US_ASCII);
    private static final Duration BYTE_INTERVAL = Duration.ofMillis(100);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void health_answers_at_once_while_25_clients_trickle_their_requests(@TempDir Path dataDir) throws Exception {
        try (LocalServer server = LocalServer.start(LocalServer.Options.forTests(dataDir)
                .withTemplate(CrossSiteRequestTest.gatewayTemplate()));
                SlowClients slow = SlowClients.open(server.port(), SLOW_CLIENTS)) {
            // a second of trickling: every request has begun, so each holds the thread that reads it
            slow.trickleFor(Duration.ofSeconds(1));

            HttpResponse<String> health = health(server.port(), Duration.ofSeconds(3));

            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(slow.connected()).as("slow clients still sending").isEqualTo(SLOW_CLIENTS);
        }
    }

    @Test
    void a_client_that_has_not_sent_its_request_within_the_timeout_is_disconnected(@TempDir Path dataDir) throws Exception {
        ChildServer child = ChildServer.start(dataDir, 0, Map.of("SPUK_REQUEST_TIMEOUT_SECONDS", "2"));
        int port = child.baseUri().getPort();
        try (SlowClients stalled = SlowClients.open(port, 1); SlowClients trickling = SlowClients.open(port, 1)) {
            long opened = System.nanoTime();
            Duration stalledFor = null;
            Duration tricklingFor = null;
            while (elapsedSince(opened).compareTo(Duration.ofSeconds(15)) < 0 && (stalledFor == null || tricklingFor == null)) {
                trickling.trickleFor(BYTE_INTERVAL);
                if (stalledFor == null && stalled.connected() == 0) {
                    stalledFor = elapsedSince(opened);
                }
                if (tricklingFor == null && trickling.connected() == 0) {
                    tricklingFor = elapsedSince(opened);
                }
            }

            // the server checks once a second, so 2 s to 3 s and a little
            assertThat(stalledFor).isNotNull().isBetween(Duration.ofMillis(1500), Duration.ofSeconds(6));
            assertThat(tricklingFor).isNotNull().isBetween(Duration.ofMillis(1500), Duration.ofSeconds(6));
            assertThat(health(port, Duration.ofSeconds(10)).statusCode()).isEqualTo(200);
        } finally {
            child.stop();
        }
    }

    private static HttpResponse<String> health(int port, Duration timeout) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/health")).timeout(timeout).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Duration elapsedSince(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos);
    }

    /** Connections that send a request a byte at a time and never finish it. */
    private static final class SlowClients implements AutoCloseable {
        private final List<Socket> sockets = new ArrayList<>();
        private final List<Socket> closedByServer = new ArrayList<>();
        private int sent;

        /** Opens the connections and sends each one's first byte. */
        static SlowClients open(int port, int count) throws IOException {
            SlowClients clients = new SlowClients();
            try {
                for (int i = 0; i < count; i++) {
                    Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
                    socket.setSoTimeout(10);
                    clients.sockets.add(socket);
                }
                clients.sendNextByte();
            } catch (IOException | RuntimeException e) {
                clients.close();
                throw e;
            }
            return clients;
        }

        /** One byte more on every connection still open, every {@link #BYTE_INTERVAL}, for the duration. */
        void trickleFor(Duration duration) throws InterruptedException {
            long until = System.nanoTime() + duration.toNanos();
            do {
                Thread.sleep(BYTE_INTERVAL.toMillis());
                sendNextByte();
            } while (System.nanoTime() < until);
        }

        /** How many connections the server has not closed. */
        int connected() {
            for (Socket socket : sockets) {
                if (!closedByServer.contains(socket) && closedByServer(socket)) {
                    closedByServer.add(socket);
                }
            }
            return sockets.size() - closedByServer.size();
        }

        private void sendNextByte() {
            byte next = sent < REQUEST_START.length ? REQUEST_START[sent] : (byte) 'a';
            sent++;
            for (Socket socket : sockets) {
                if (!closedByServer.contains(socket)) {
                    try {
                        socket.getOutputStream().write(next);
                    } catch (IOException e) {
                        closedByServer.add(socket);
                    }
                }
            }
        }

        /** Whether the server has ended the request: closed the connection, or answered (which it has no reason to). */
        private static boolean closedByServer(Socket socket) {
            try {
                socket.getInputStream().read();
                return true;
            } catch (SocketTimeoutException e) {
                return false;
            } catch (IOException e) {
                return true;
            }
        }

        @Override
        public void close() throws IOException {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }
}
