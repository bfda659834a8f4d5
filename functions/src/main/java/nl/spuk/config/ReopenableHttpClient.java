package nl.spuk.config;

import java.util.function.Supplier;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * The HTTP client under an AWS SDK client, closed before a SnapStart checkpoint (a snapshot must hold no
 * connections) and built anew after the restore. The SDK client on top stays the same object, so nothing that holds
 * it needs rewiring. Between {@link #suspend} and {@link #reopen} requests fail.
 */
public final class ReopenableHttpClient implements SdkHttpClient {
    private final Supplier<SdkHttpClient> factory;
    private volatile SdkHttpClient current;

    public ReopenableHttpClient(Supplier<SdkHttpClient> factory) {
        this.factory = factory;
        this.current = factory.get();
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        SdkHttpClient client = current;
        if (client == null) {
            throw new IllegalStateException("the HTTP client is closed for a checkpoint; no request before the restore");
        }
        return client.prepareRequest(request);
    }

    /** Closes the HTTP client and its connections. */
    public synchronized void suspend() {
        if (current != null) {
            current.close();
            current = null;
        }
    }

    /** Builds a new HTTP client, if the last one was closed. */
    public synchronized void reopen() {
        if (current == null) {
            current = factory.get();
        }
    }

    public boolean isOpen() {
        return current != null;
    }

    @Override
    public String clientName() {
        SdkHttpClient client = current;
        return client == null ? "closed" : client.clientName();
    }

    @Override
    public void close() {
        suspend();
    }
}
