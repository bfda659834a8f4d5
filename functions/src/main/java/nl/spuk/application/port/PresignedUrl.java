package nl.spuk.application.port;

import java.net.URI;
import java.time.Instant;

/** A time-limited URL that lets a client move a document's bytes directly to or from storage. */
public record PresignedUrl(URI url, Instant expiresAt) {
}
