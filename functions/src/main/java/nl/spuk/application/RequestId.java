package nl.spuk.application;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The identity of the request that carries a command. A request with an Idempotency-Key is <em>repeatable</em>: its
 * identity is derived from what makes two requests different (caller, route, resource, body and key; the HTTP
 * adapter's one rule), so its retry has the same identity: what it creates gets the same ids, and its process steps
 * recognise the change its first attempt made ({@link ProcessMove}). Any other request is identified once, by the
 * gateway's request id, and everything it creates is new.
 */
public record RequestId(String value, boolean repeatable) {
    public RequestId {
        Objects.requireNonNull(value, "value");
    }

    /** A request without an Idempotency-Key: its retry is another request. */
    public static RequestId once(String gatewayRequestId) {
        return new RequestId(gatewayRequestId, false);
    }

    /** A request whose retry has this same identity. */
    public static RequestId repeatable(String derivedIdentity) {
        return new RequestId(derivedIdentity, true);
    }

    /** The prefix of the change ids of this request's process steps, when a retry can recognise them. */
    public Optional<String> changeBase() {
        return repeatable ? Optional.of("request:" + value) : Optional.empty();
    }

    /** The id of something this request creates ({@code what}: "application", "document", ...): stable across retries. */
    public String newId(String what) {
        return repeatable ? UUID.nameUUIDFromBytes((value + "\n" + what).getBytes(StandardCharsets.UTF_8)).toString()
                : UUID.randomUUID().toString();
    }
}
