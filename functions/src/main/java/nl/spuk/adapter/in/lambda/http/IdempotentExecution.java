package nl.spuk.adapter.in.lambda.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import nl.spuk.application.RequestId;
import nl.spuk.application.port.IdempotencyStore.StoredResponse;
import nl.spuk.application.port.IdempotencyStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a POST at most once per Idempotency-Key: keys are scoped to the caller and the route (method and path);
 * only 2xx answers are kept and replayed; the same key with another body is refused; a repeat while the first
 * request still runs gets 409. Keys expire after 24 hours.
 *
 * <p>The one rule that turns a request into a repeatable identity ({@link #identity}) lives here: caller, method,
 * path (route and resource), key and body. The request runs with that {@link RequestId}, so a retry after a lost
 * answer recognises the change its first attempt made and creates nothing twice, while the same key sent with another
 * path or body, also after the 24 hours, is another request.
 */
public final class IdempotentExecution {
    public static final String HEADER = "idempotency-key";
    private static final Logger LOG = LoggerFactory.getLogger(IdempotentExecution.class);
    public static final Duration KEEP = Duration.ofHours(24);

    private final IdempotencyStore store;
    private final Clock realClock;

    public IdempotentExecution(IdempotencyStore store, Clock realClock) {
        this.store = store;
        this.realClock = realClock;
    }

    public ApiResponse run(ApiRequest request, Route route) {
        String key = request.header(HEADER);
        if (key == null) {
            return route.handle(request);
        }
        if (key.isEmpty() || key.length() > 128 || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw ApiException.badRequest("the Idempotency-Key must be 1 to 128 visible ASCII characters (a UUID, say)");
        }
        String scoped = request.actor().id() + "|" + request.method() + " " + request.rawPath() + "|" + key;
        String hash = sha256(request.bytes() == null ? new byte[0] : request.bytes());
        RequestId identity = identity(scoped, hash);
        IdempotencyStore.Claim claim = store.claim(scoped, hash, realClock.instant());
        if (claim instanceof IdempotencyStore.Replay replay) {
            StoredResponse r = replay.response();
            return new ApiResponse(r.status(), r.headers(), r.body()).withHeader("Idempotent-Replayed", "true");
        }
        if (claim instanceof IdempotencyStore.Mismatch) {
            return Problems.problem(422, "this Idempotency-Key was used before with a different request body",
                    List.of(), Map.of());
        }
        if (claim instanceof IdempotencyStore.InProgress) {
            return Problems.problem(409, "a request with this Idempotency-Key is still being processed; retry shortly",
                    List.of(), Map.of());
        }
        ApiResponse response;
        try {
            response = route.handle(request.withRequestId(identity));
        } catch (RuntimeException e) {
            release(scoped, e);
            throw e;
        }
        if (response.status() >= 200 && response.status() < 300) {
            try {
                store.complete(scoped, hash, new StoredResponse(response.status(), response.headers(), response.body()),
                        realClock.instant().plus(KEEP));
            } catch (RuntimeException e) {
                // The request took effect: its answer is the client's. A repeat meets the claim until its lease ends.
                LOG.warn("the answer to a request with an Idempotency-Key could not be kept for replay", e);
            }
        } else {
            release(scoped, null);
        }
        return response;
    }

    /** Gives the key free; a failure to do so must not hide the request's own failure, if it had one. */
    private void release(String scoped, RuntimeException failure) {
        try {
            store.release(scoped);
        } catch (RuntimeException e) {
            if (failure == null) {
                throw e;
            }
            failure.addSuppressed(e);
        }
    }

    /** The identity of a request with an Idempotency-Key: what it asks of whom, and its key. */
    static RequestId identity(String scopedKey, String bodyHash) {
        return RequestId.repeatable(sha256((scopedKey + "|" + bodyHash).getBytes(StandardCharsets.UTF_8)));
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
