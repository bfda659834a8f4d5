package nl.spuk.application.port;

import java.time.Instant;

/**
 * Remembers the answers to POST requests carrying an Idempotency-Key, so a repeat gets the first answer.
 * Keys are scoped to the caller and the route by the caller of this port.
 */
public interface IdempotencyStore {

    /** The outcome of claiming a key. */
    sealed interface Claim {
    }

    /** First use of the key: the caller runs the request and then completes or releases the key. */
    record Claimed() implements Claim {
    }

    /** The key is held by a request that is still running. */
    record InProgress() implements Claim {
    }

    /** The key was used with a different request body. */
    record Mismatch() implements Claim {
    }

    /** The key was used before with the same body: this is the answer given then. */
    record Replay(StoredResponse response) implements Claim {
    }

    /** An answer as it was given. */
    record StoredResponse(int status, java.util.Map<String, String> headers, String body) {
    }

    /**
     * Claims the key for a request whose body has this hash. Keys older than their expiry count as new.
     */
    Claim claim(String scopedKey, String requestHash, Instant now);

    /** Stores the answer to a claimed key (2xx answers only) for replay until {@code expiresAt}. */
    void complete(String scopedKey, String requestHash, StoredResponse response, Instant expiresAt);

    /** Gives the key free again after a failed request, so a retry runs anew. */
    void release(String scopedKey);
}
