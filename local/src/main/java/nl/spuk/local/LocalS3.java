package nl.spuk.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.gaul.s3proxy.CrossOriginResourceSharing;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

/**
 * S3Proxy 4.1.0 running inside this JVM on a free loopback port, so the product talks to it over the real AWS
 * SDK (and browsers over presigned URLs) exactly as to S3. Objects live in a folder when one is given, else in
 * memory. Requests must be signed (AWS Signature V4, also presigned) with the credentials given to {@link #start}.
 * Browsers may upload (PUT) and download (GET) through presigned URLs from the origins given there only.
 *
 * <p>After every object it stores, the listener given to {@link #start} receives the key on a separate
 * thread: local mode's stand-in for S3 ObjectCreated notifications.
 */
public final class LocalS3 implements AutoCloseable {

    private static final long DRAIN_SECONDS = 30;
    /** What the web UI does: PUT to a presigned upload URL with the type it signed, GET a presigned download URL. */
    private static final List<String> BROWSER_METHODS = List.of("PUT", "GET");
    private static final List<String> BROWSER_HEADERS = List.of("Content-Type");

    private final S3Proxy proxy;
    private final BlobStore store;
    private final ExecutorService notifier;
    private final URI endpoint;
    private final LocalS3Credentials credentials;

    private LocalS3(S3Proxy proxy, BlobStore store, ExecutorService notifier, LocalS3Credentials credentials) {
        this.proxy = proxy;
        this.store = store;
        this.notifier = notifier;
        this.endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
        this.credentials = credentials;
    }

    /**
     * Starts a server.
     *
     * @param dirOrNull folder that holds the buckets (created if missing), or null to keep objects in memory
     * @param credentials what requests must be signed with
     * @param browserOrigins the origins (such as {@code http://localhost:8080}) whose pages may use presigned URLs
     * @param onObjectCreated receives the key of every object stored, after the store succeeded
     */
    public static LocalS3 start(Path dirOrNull, LocalS3Credentials credentials, List<String> browserOrigins,
            Consumer<String> onObjectCreated) {
        BlobStore backend = new FolderRaceBlobStore(backend(dirOrNull));
        ExecutorService notifier = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "local-s3-object-created");
            thread.setDaemon(true);
            return thread;
        });
        BlobStore store = new NotifyingBlobStore(backend, onObjectCreated, notifier);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(store)
                // port 0: the operating system picks a free port at bind time, so there is no probe-then-bind race
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V4, credentials.accessKey(), credentials.secretKey())
                // S3Proxy reads allowed origins as patterns: quoted, each matches only itself
                .corsRules(new CrossOriginResourceSharing(browserOrigins.stream().map(Pattern::quote).toList(),
                        BROWSER_METHODS, BROWSER_HEADERS, List.of(), "false"))
                // no graceful phase: it would wait for the SDK's idle keep-alive connections (seconds per stop)
                .stopTimeout(0)
                .build();
        try {
            proxy.start();
        } catch (Exception e) {
            notifier.shutdownNow();
            store.close();
            throw new IllegalStateException("S3Proxy did not start", e);
        }
        return new LocalS3(proxy, store, notifier, credentials);
    }

    private static BlobStore backend(Path dirOrNull) {
        if (dirOrNull == null) {
            return new TransientNio2BlobStore();
        }
        try {
            Files.createDirectories(dirOrNull);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dirOrNull, e);
        }
        return new FilesystemNio2BlobStore(dirOrNull.toAbsolutePath().toString());
    }

    /** Where to send S3 requests; use path-style addressing. */
    public URI endpoint() {
        return endpoint;
    }

    /** The access key id requests must be signed with. */
    public String accessKey() {
        return credentials.accessKey();
    }

    /** The secret key requests must be signed with. */
    public String secretKey() {
        return credentials.secretKey();
    }

    /**
     * Stops the server (requests still running are cut off, as suits a local stand-in), then delivers the
     * object-created reports still queued, then closes storage.
     */
    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not stop", e);
        } finally {
            notifier.shutdown();
            try {
                notifier.awaitTermination(DRAIN_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            store.close();
        }
    }
}
