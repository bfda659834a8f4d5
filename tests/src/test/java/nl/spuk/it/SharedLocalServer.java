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
final class SharedLocalServer {
    private static LocalServer server;

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
            Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        }
        return server;
    }
}
