package nl.spuk.application.port;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import nl.spuk.domain.AuditEvent;
import nl.spuk.domain.Document;
import nl.spuk.domain.Status;

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

    /**
     * Removes an announced document with its audit event, in one write conditional on the document still having the
     * status it was read with and on the application being in one of {@code applicationIn}; the application's counts
     * lose the document (and one waiting for its upload, if it was waiting), and the store keeps a record of the
     * removed document ({@link #removed}).
     *
     * @return false, writing nothing, when the document is gone already (a repeated removal)
     * @throws nl.spuk.application.ConflictException when the application is in another status; nothing is written
     * @throws nl.spuk.application.ConcurrentChangeException when the document changed since it was read (its upload
     *     was checked meanwhile); nothing is written
     */
    boolean remove(Document document, AuditEvent event, Set<Status> applicationIn);

    /** A document {@link #remove removed} from the application, as it was; empty if none was removed under this id. */
    Optional<Document> removed(String applicationId, String documentId);
}
