package nl.spuk.local;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * DynamoDB Local 2.6.1 running inside this JVM as an HTTP server on a free loopback port, so the product
 * talks to it over the real AWS SDK exactly as it talks to DynamoDB in AWS. In memory when given no folder,
 * else persisted in that folder. Its SQLite native library ships inside the DynamoDB Local jar, so no
 * {@code sqlite4java.library.path} wiring is needed.
 */
public final class LocalDynamoDb implements AutoCloseable {
    private final DynamoDBProxyServer server;
    private final URI endpoint;
    private final List<DynamoDbClient> clients = new ArrayList<>();
    private final List<DynamoDbStreamsClient> streamsClients = new ArrayList<>();

    private LocalDynamoDb(DynamoDBProxyServer server, int port) {
        this.server = server;
        this.endpoint = URI.create("http://127.0.0.1:" + port);
    }

    /**
     * Starts a server.
     *
     * @param dbDirOrNull folder for the database file (created if missing), or null for in-memory
     */
    public static LocalDynamoDb start(Path dbDirOrNull) {
        try {
            DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(arguments(dbDirOrNull));
            ServerConnector connector = connectorOf(server);
            // ServerRunner has no host option and would listen on every interface; DynamoDB Local takes any
            // credentials, so only this machine may reach it. Port 0 (which ServerRunner refuses): the
            // operating system picks a free port, read back after the start, so no probing race.
            connector.setHost(InetAddress.getLoopbackAddress().getHostAddress());
            connector.setPort(0);
            server.start();
            return new LocalDynamoDb(server, connector.getLocalPort());
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not start", e);
        }
    }

    private static String[] arguments(Path dbDirOrNull) {
        // The port is replaced before the start (see above).
        // One database whatever credentials and region a client uses (else each gets its own, empty one);
        // no telemetry: it would phone home and write a metadata file into the working directory.
        List<String> args = new ArrayList<>(List.of("-port", Integer.toString(ServerRunner.DEFAULT_PORT), "-sharedDb", "-disableTelemetry"));
        if (dbDirOrNull == null) {
            args.add("-inMemory");
        } else {
            try {
                Files.createDirectories(dbDirOrNull);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            args.addAll(List.of("-dbPath", dbDirOrNull.toAbsolutePath().toString()));
        }
        return args.toArray(String[]::new);
    }

    /** The Jetty connector inside DynamoDB Local 2.6.1, which keeps its server in a private field. */
    private static ServerConnector connectorOf(DynamoDBProxyServer proxy) throws ReflectiveOperationException {
        Field field = DynamoDBProxyServer.class.getDeclaredField("server");
        field.setAccessible(true);
        return (ServerConnector) ((Server) field.get(proxy)).getConnectors()[0];
    }

    /** Where the server listens, e.g. {@code http://127.0.0.1:41234}. */
    public URI endpoint() {
        return endpoint;
    }

    /**
     * A client for this server, using the Apache HTTP client (several times faster against DynamoDB Local than
     * the url-connection client) and fixed dummy credentials. Closed together with the server.
     */
    public DynamoDbClient client() {
        return client(List.of());
    }

    /** A client as {@link #client()}, with extra interceptors (tests inject faults with them). */
    public synchronized DynamoDbClient client(List<ExecutionInterceptor> interceptors) {
        DynamoDbClient client = DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.EU_CENTRAL_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(32)
                        .connectionTimeout(Duration.ofSeconds(5)))
                .overrideConfiguration(o -> interceptors.forEach(o::addExecutionInterceptor))
                .build();
        clients.add(client);
        return client;
    }

    /** A client of the table's stream (local mode's event source mapping), closed together with the server. */
    public synchronized DynamoDbStreamsClient streamsClient() {
        DynamoDbStreamsClient client = DynamoDbStreamsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.EU_CENTRAL_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(4).connectionTimeout(Duration.ofSeconds(5)))
                .build();
        streamsClients.add(client);
        return client;
    }

    /** Closes the clients handed out and stops the server. */
    @Override
    public synchronized void close() {
        clients.forEach(DynamoDbClient::close);
        clients.clear();
        streamsClients.forEach(DynamoDbStreamsClient::close);
        streamsClients.clear();
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not stop", e);
        }
    }
}
