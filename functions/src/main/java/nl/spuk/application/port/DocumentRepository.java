package nl.spuk.application.port;

import java.util.List;
import java.util.Optional;
import nl.spuk.domain.AuditEvent;
import nl.spuk.domain.Document;

/** Metadata of the documents of applications. */
public interface DocumentRepository {

    /** Stores a newly announced document (PENDING_UPLOAD) with its audit event; the id must be new. */
    void add(Document document, AuditEvent event);

    Optional<Document> find(String applicationId, String documentId);

    /** The application's documents, oldest first. */
    List<Document> list(String applicationId);

    /**
     * Moves a document out of PENDING_UPLOAD (to AVAILABLE or REJECTED), with its audit event, conditional on
     * it still being PENDING_UPLOAD.
     *
     * @return false, writing nothing, when the document is no longer PENDING_UPLOAD (a repeated notification)
     */
    boolean settle(Document settled, AuditEvent event);
}
