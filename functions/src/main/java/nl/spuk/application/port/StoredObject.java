package nl.spuk.application.port;

/** What storage holds under a key: its size, declared content type and SHA-256 (hex). */
public record StoredObject(long sizeBytes, String contentType, String sha256) {
}
