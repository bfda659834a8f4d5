package nl.spuk.application.port;

import java.util.List;
import java.util.Optional;
import nl.spuk.domain.AuditEvent;
import nl.spuk.domain.Document;

/** Metadata of the documents of applications. */
public interface DocumentRepository {

    /**
     * Stores a newly announced document (PENDING_UPLOAD) with its audit event; the id must be new. The store counts
     * each application's documents and those waiting for their upload, and refuses one beyond either limit in the
     * same write, so concurrent announcements never pass them.
     *
     * @throws nl.spuk.application.DocumentLimitException when the application holds {@code maxDocuments} documents
     *     already, or has {@code maxWaiting} waiting for their upload; nothing is written then
     * @throws nl.spuk.application.ConflictException when a different document has that id already
     */
    void add(Document document, AuditEvent event, int maxDocuments, int maxWaiting);

    Optional<Document> find(String applicationId, String documentId);

    /**
     * A page of the application's documents, oldest first.
     *
     * @param nextToken where the previous page ended, as it answered; null for the first page
     * @throws IllegalArgumentException when the token is not one this method gave out for this application
     */
    Page<Document> list(String applicationId, int limit, String nextToken);

    /** Documents of any application that wait for their upload, the longest waiting first; at most {@code max}. */
    List<Document> waitingForUpload(int max);

    /**
     * Moves a document out of PENDING_UPLOAD (to AVAILABLE or REJECTED), with its audit event, conditional on
     * it still being PENDING_UPLOAD; its application has one document fewer waiting for its upload.
     *
     * @return false, writing nothing, when the document is no longer PENDING_UPLOAD (a repeated notification)
     */
    boolean settle(Document settled, AuditEvent event);
}
