package nl.spuk.domain;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Metadata of one document of an application. Its keys in object storage are built from ids only: the client's file
 * name is display metadata and never part of a key.
 *
 * <p>A client PUTs an upload's bytes to {@link #uploadKey()}, through a presigned URL that stays valid for a while
 * after the check. So what is served never comes from there: the check copies the bytes to a key of their own
 * ({@link #checkedKey}), which no presigned upload can reach, and hashes that copy.
 *
 * @param sizeBytes the announced size; the stored object must match it
 * @param sha256 hex digest of the bytes {@code contentKey} holds, once AVAILABLE
 * @param contentKey where the bytes every download serves live: a letter's own key; for an upload the checked copy,
 *     null until the check made one
 * @param rejectionReason why the document is REJECTED, in Dutch for its users; null otherwise
 * @param uploadedByName the display name of who uploaded it (the history names them); null for documents stored
 *     before it was kept, whose history then shows {@code uploadedBy}
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
        String uploadedByRole,
        String contentKey,
        String rejectionReason,
        String uploadedByName) {
    /** The content type of the letters the product makes. */
    public static final String PDF = "application/pdf";

    /** Where the client uploads to: under {@code applications/}, which storage reports to the upload check. */
    public String uploadKey() {
        return "applications/" + applicationId + "/documents/" + documentId;
    }

    /**
     * Where one run of the upload check keeps the bytes it checked: under {@code checked/}, which storage does not
     * report and no presigned upload is signed for. Each run copies to a key of its own, so two runs at once (a
     * notification and a submission) never overwrite the copy the other one hashed.
     */
    public String checkedKey(String checkId) {
        return "checked/" + applicationId + "/" + documentId + "/" + checkId;
    }

    /** A letter the product generated as a PDF (under {@code letters/}), signed for by the approving ministry user. */
    public static Document letter(String applicationId, String documentId, DocumentKind kind, String fileName, byte[] pdf,
                                  Instant at, Actor approver) {
        return new Document(applicationId, documentId, kind, fileName, PDF, pdf.length,
                DocumentStatus.AVAILABLE, sha256(pdf), at, at, approver.id(), Role.MINISTRY.name(),
                letterKey(applicationId, documentId), null, approver.name());
    }

    /** Where a letter's bytes live: one fixed key per letter, so storing it again overwrites rather than adds. */
    public static String letterKey(String applicationId, String documentId) {
        return "letters/" + applicationId + "/" + documentId;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Checked: the bytes under {@code checkedKey} have this digest, and every download serves them. */
    public Document available(String digest, String checkedKey, Instant at) {
        return new Document(applicationId, documentId, kind, fileName, contentType, sizeBytes,
                DocumentStatus.AVAILABLE, digest, createdAt, at, uploadedBy, uploadedByRole, checkedKey, null, uploadedByName);
    }

    /** @param reason why, in Dutch */
    public Document rejected(String reason, Instant at) {
        return new Document(applicationId, documentId, kind, fileName, contentType, sizeBytes,
                DocumentStatus.REJECTED, null, createdAt, at, uploadedBy, uploadedByRole, null, reason, uploadedByName);
    }
}
