package nl.spuk.application;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The identity of the request served on this thread, when its client gave it one (an Idempotency-Key, scoped to the
 * caller and the route). The process steps of that request record it in their change ids, so that a retry of the
 * request whose first answer was lost (its change made, in both stores, before the failure) recognises its own change
 * and succeeds, while any other request finds the change made and is refused. A thread serves one request at a time
 * (a Lambda container, a local server's request thread), and the engine runs a request's steps on that thread.
 */
public final class RequestIdentity {
    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private RequestIdentity() {
    }

    /** Runs the work as the request with this identity. */
    public static <T> T during(String identity, Supplier<T> work) {
        Objects.requireNonNull(identity, "identity");
        String outer = CURRENT.get();
        CURRENT.set(identity);
        try {
            return work.get();
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    /** The change id prefix of the steps of the request on this thread, if it has an identity. */
    public static Optional<String> changeBase() {
        return Optional.ofNullable(CURRENT.get()).map(identity -> "request:" + identity);
    }
}
