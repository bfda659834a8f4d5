package nl.spuk.domain;

import java.time.Instant;

/**
 * Metadata of one document of an application. The bytes live in object storage under {@link #storageKey()},
 * which is built from ids only: the client's file name is display metadata and never part of a key.
 *
 * @param sizeBytes the announced size; the stored object must match it
 * @param sha256 hex digest of the stored bytes, once AVAILABLE
 */
public record Document(
        String applicationId,
        String documentId,
        DocumentKind kind,
        String fileName,
        String contentType,
        long sizeBytes,
        DocumentStatus status,
        String sha256,
        Instant createdAt,
        Instant uploadedAt,
        String uploadedBy,
        String uploadedByRole) {

    /**
     * Uploads live under {@code applications/}, which storage reports to the upload check; letters the product
     * generates live under {@code letters/}, which it does not.
     */
    public String storageKey() {
        return kind.isGenerated()
                ? "letters/" + applicationId + "/" + documentId
                : "applications/" + applicationId + "/documents/" + documentId;
    }

    public Document available(String digest, Instant at) {
        return new Document(applicationId, documentId, kind, fileName, contentType, sizeBytes,
                DocumentStatus.AVAILABLE, digest, createdAt, at, uploadedBy, uploadedByRole);
    }

    public Document rejected(Instant at) {
        return new Document(applicationId, documentId, kind, fileName, contentType, sizeBytes,
                DocumentStatus.REJECTED, null, createdAt, at, uploadedBy, uploadedByRole);
    }
}
