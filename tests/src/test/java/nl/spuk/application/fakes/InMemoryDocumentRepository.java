package nl.spuk.application.fakes;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import nl.spuk.application.ConflictException;
import nl.spuk.application.port.DocumentRepository;
import nl.spuk.domain.AuditEvent;
import nl.spuk.domain.Document;
import nl.spuk.domain.DocumentStatus;

/**
 * {@link DocumentRepository} in memory, with the semantics of {@code DynamoDbDocumentRepository}: documents live in
 * their application's partition and every write goes with its audit event; adding the very same document again is
 * success, another document under a taken id a conflict; settling is conditional on PENDING_UPLOAD.
 */
public final class InMemoryDocumentRepository implements DocumentRepository {
    private static final Comparator<Document> OLDEST_FIRST =
            Comparator.comparing(Document::createdAt, Comparator.nullsFirst(Comparator.naturalOrder()))
                    .thenComparing(Document::documentId);

    private final InMemoryTable table;

    public InMemoryDocumentRepository() {
        this(new InMemoryTable());
    }

    public InMemoryDocumentRepository(InMemoryTable table) {
        this.table = table;
    }

    static List<Document> oldestFirst(Collection<Document> documents) {
        return documents.stream().sorted(OLDEST_FIRST).toList();
    }

    @Override
    public void add(Document document, AuditEvent event) {
        synchronized (table.lock) {
            InMemoryTable.Partition p = table.partition(document.applicationId());
            Document stored = p.documents.get(document.documentId());
            if (stored != null) {
                if (!stored.equals(document)) {
                    throw new ConflictException("document " + document.documentId() + " exists already");
                }
                return;
            }
            p.documents.put(document.documentId(), document);
            table.addEvent(document.applicationId(), event, null);
        }
    }

    @Override
    public Optional<Document> find(String applicationId, String documentId) {
        synchronized (table.lock) {
            InMemoryTable.Partition p = table.partitions.get(applicationId);
            return Optional.ofNullable(p == null ? null : p.documents.get(documentId));
        }
    }

    @Override
    public List<Document> list(String applicationId) {
        synchronized (table.lock) {
            InMemoryTable.Partition p = table.partitions.get(applicationId);
            return p == null ? List.of() : oldestFirst(p.documents.values());
        }
    }

    @Override
    public boolean settle(Document settled, AuditEvent event) {
        if (settled.status() == DocumentStatus.PENDING_UPLOAD) {
            throw new IllegalArgumentException("a settled document is no longer PENDING_UPLOAD");
        }
        synchronized (table.lock) {
            InMemoryTable.Partition p = table.partitions.get(settled.applicationId());
            Document stored = p == null ? null : p.documents.get(settled.documentId());
            if (stored == null || stored.status() != DocumentStatus.PENDING_UPLOAD) {
                return false;
            }
            p.documents.put(settled.documentId(), settled);
            table.addEvent(settled.applicationId(), event, null);
            return true;
        }
    }
}
