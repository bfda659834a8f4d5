package nl.spuk.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import nl.spuk.local.LocalServer;

/**
 * One local server for all integration tests of a test JVM: DynamoDB Local, S3Proxy, the engine and the gateway,
 * started once (the engine boot dominates) on a fresh data folder and a free port.
 */
public final class SharedLocalServer {
    private static LocalServer server;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(SharedLocalServer::stop));
    }

    private SharedLocalServer() {
    }

    static synchronized LocalServer get() {
        if (server == null) {
            try {
                Path dir = Files.createTempDirectory("spuk-it");
                server = LocalServer.start(LocalServer.Options.forTests(dir));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return server;
    }

    /**
     * Stops the shared server, for a test that needs a server of its own: the engine's clock is one per JVM, so a
     * test that moves the workflow clock must not share the JVM's time with another running server.
     */
    public static synchronized void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
