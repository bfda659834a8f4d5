package nl.spuk.domain;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

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

    /** A letter the product generated as a PDF, signed for by the approving ministry user; available at once. */
    public static Document letter(String applicationId, String documentId, DocumentKind kind, String fileName, byte[] pdf,
                                  Instant at, String approverId) {
        return new Document(applicationId, documentId, kind, fileName, "application/pdf", pdf.length,
                DocumentStatus.AVAILABLE, sha256(pdf), at, at, approverId, Role.MINISTRY.name());
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
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
