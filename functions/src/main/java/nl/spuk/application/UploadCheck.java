package nl.spuk.application;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import nl.spuk.application.port.DocumentRepository;
import nl.spuk.application.port.DocumentStorage;
import nl.spuk.application.port.StoredContent;
import nl.spuk.domain.AuditEvent;
import nl.spuk.domain.ContentTypeCheck;
import nl.spuk.domain.Document;
import nl.spuk.domain.DocumentRules;
import nl.spuk.domain.DocumentStatus;
import nl.spuk.domain.Role;

/**
 * The upload check: a document waiting for its upload becomes AVAILABLE or REJECTED by a look at the object its client
 * PUT. Storage's notification runs it; so do a submission that needs the plan (the notification may not have run yet)
 * and the workflow tick, for uploads whose notification was lost. Every run converges: the document changes once,
 * conditionally, and a run that finds it settled changes nothing.
 *
 * <p>The upload URL stays valid after the check, and storage cannot refuse a second PUT to it. So the check first
 * copies the object to a key of its own ({@link Document#checkedKey}), which no upload URL reaches, checks and hashes
 * that copy, and downloads serve that copy: the recorded SHA-256 always describes what is served. A PUT after the check
 * is ignored: its bytes are removed when its notification comes, and the document stays as checked.
 */
public final class UploadCheck {
    /** How many waiting uploads one tick looks at, the longest waiting first. */
    public static final int UPLOADS_PER_SWEEP = 25;
    /**
     * A document without an object this long after its announcement is given up: its upload URL expired as long ago,
     * and a PUT begun before that has long finished.
     */
    private static final Duration GIVEN_UP_AFTER = DocumentRules.UPLOAD_WINDOW.multipliedBy(2);
    private static final int BUFFER_BYTES = 64 * 1024;
    private static final System.Logger LOG = System.getLogger(UploadCheck.class.getName());

    private final DocumentRepository documents;
    private final DocumentStorage storage;
    private final Clock realClock;

    /** @param realClock real time: upload URLs expire in real minutes, whatever the workflow clock says */
    public UploadCheck(DocumentRepository documents, DocumentStorage storage, Clock realClock) {
        this.documents = documents;
        this.storage = storage;
        this.realClock = realClock;
    }

    /**
     * Storage reports an object under a key. Under a document's upload key it is checked if the document still waits
     * for it, and removed if the document was settled before (a later PUT to its URL); any other object under the
     * upload prefix is removed.
     *
     * @return the document as it stands after the report; empty when the key names none
     */
    public Optional<Document> confirmUpload(String storageKey) {
        String[] parts = storageKey.split("/");
        if (parts.length != 4 || !parts[0].equals("applications") || !parts[2].equals("documents")) {
            LOG.log(System.Logger.Level.DEBUG, "not an upload: {0}", storageKey);
            return Optional.empty();
        }
        Optional<Document> announced = documents.find(parts[1], parts[3]);
        if (announced.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "removing an object no document was announced for: {0}", storageKey);
            storage.delete(storageKey);
            return Optional.empty();
        }
        Document document = announced.get();
        if (document.status() != DocumentStatus.PENDING_UPLOAD) {
            LOG.log(System.Logger.Level.INFO, "removing an object put after document {0} was {1}: downloads serve the "
                    + "checked copy", document.documentId(), document.status());
            storage.delete(storageKey);
            return Optional.of(document);
        }
        return Optional.of(settle(document));
    }

    /**
     * Settles a document that waits for its upload, if its object is there (or its upload window closed long ago
     * without one); any other document is answered as it is.
     *
     * @return the document as it stands after the check: still PENDING_UPLOAD while no object has arrived
     */
    public Document settle(Document document) {
        if (document.status() != DocumentStatus.PENDING_UPLOAD) {
            return document;
        }
        Instant now = realClock.instant();
        String checkedKey = document.checkedKey(UUID.randomUUID().toString());
        Optional<Inspection> found = storage.copy(document.uploadKey(), checkedKey)
                ? inspect(checkedKey, document.contentType())
                : Optional.empty();
        Document settled;
        if (found.isPresent()) {
            String reason = found.get().reasonToReject(document);
            settled = reason == null ? document.available(found.get().sha256(), checkedKey, now) : document.rejected(reason, now);
        } else if (now.isAfter(document.createdAt().plus(GIVEN_UP_AFTER))) {
            settled = document.rejected(notUploaded(), now);
        } else {
            return document;
        }
        if (!documents.settle(settled, event(settled, now))) {
            storage.delete(checkedKey); // another run settled it first; its copy is the one served
            return documents.find(document.applicationId(), document.documentId()).orElse(document);
        }
        if (settled.status() == DocumentStatus.REJECTED) {
            storage.delete(checkedKey);
        }
        storage.delete(document.uploadKey());
        return settled;
    }

    /**
     * Checks the uploads that wait longest (at most {@link #UPLOADS_PER_SWEEP}): those whose notification was lost
     * become AVAILABLE or REJECTED, those given up REJECTED. One that fails is left for the next sweep.
     *
     * @return how many were settled
     */
    public int sweep() {
        int settled = 0;
        for (Document waiting : documents.waitingForUpload(UPLOADS_PER_SWEEP)) {
            try {
                if (settle(waiting).status() != DocumentStatus.PENDING_UPLOAD) {
                    settled++;
                }
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "checking the upload of document " + waiting.documentId()
                        + " failed; the next sweep tries again", e);
            }
        }
        return settled;
    }

    private static AuditEvent event(Document settled, Instant now) {
        boolean available = settled.status() == DocumentStatus.AVAILABLE;
        String name = settled.uploadedByName() == null ? settled.uploadedBy() : settled.uploadedByName();
        return new AuditEvent(now, settled.uploadedBy(), name, Role.valueOf(settled.uploadedByRole()),
                available ? "DOCUMENT_UPLOADED" : "DOCUMENT_REJECTED", null, null,
                available ? Map.of("documentId", settled.documentId(), "sha256", settled.sha256())
                        : Map.of("documentId", settled.documentId(), "reason", settled.rejectionReason()));
    }

    /** Reads the object once, streamed: its size, SHA-256 and whether its bytes are of the declared type. */
    private Optional<Inspection> inspect(String key, String declaredType) {
        Optional<StoredContent> stored = storage.read(key);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        try (StoredContent content = stored.get(); InputStream in = content.bytes()) {
            MessageDigest sha256 = sha256();
            ContentTypeCheck type = ContentTypeCheck.of(declaredType);
            byte[] buffer = new byte[BUFFER_BYTES];
            long size = 0;
            for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
                sha256.update(buffer, 0, n);
                type.accept(buffer, 0, n);
                size += n;
            }
            return Optional.of(new Inspection(size, content.contentType(), HexFormat.of().formatHex(sha256.digest()),
                    type.matches()));
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + key, e);
        }
    }

    /** What the check found in the object. */
    private record Inspection(long sizeBytes, String contentType, String sha256, boolean bytesOfTheType) {

        /** Why the document is refused, in Dutch; null when it is as announced. */
        String reasonToReject(Document announced) {
            if (sizeBytes != announced.sizeBytes() || !announced.contentType().equals(contentType)) {
                return "Het opgeslagen bestand wijkt af van de aanmelding: de grootte of het soort bestand klopt niet.";
            }
            if (!bytesOfTheType) {
                String type = DocumentRules.dutchName(announced.contentType());
                return "Het bestand is aangemeld als " + type + ", maar de inhoud is geen " + type + ".";
            }
            return null;
        }
    }

    private static String notUploaded() {
        return "Het bestand is niet geüpload binnen " + DocumentRules.UPLOAD_WINDOW.toMinutes()
                + " minuten na de aanmelding. Meld het opnieuw aan.";
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
