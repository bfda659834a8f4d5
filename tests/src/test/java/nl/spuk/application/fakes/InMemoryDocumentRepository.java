package nl.spuk.application.fakes;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import nl.spuk.application.ConcurrentChangeException;
import nl.spuk.application.ConflictException;
import nl.spuk.application.DocumentLimitException;
import nl.spuk.application.port.DocumentRepository;
import nl.spuk.application.port.Page;
import nl.spuk.domain.AuditEvent;
import nl.spuk.domain.Document;
import nl.spuk.domain.DocumentStatus;
import nl.spuk.domain.Status;

/**
 * {@link DocumentRepository} in memory, with the semantics of {@code DynamoDbDocumentRepository}: documents live in
 * their application's partition and every write goes with its audit event; adding the very same document again is
 * success, another document under a taken id a conflict; settling is conditional on PENDING_UPLOAD. Each application
 * counts the documents announced (not the letters its changes add) and those still waiting for their upload, and an
 * announcement beyond either limit is refused in the same step; a removal lowers the counts, conditional on the
 * document's status as read and on the application's status.
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
    public void add(Document document, AuditEvent event, int maxDocuments, int maxWaiting) {
        synchronized (table.lock) {
            InMemoryTable.Partition p = table.partition(document.applicationId());
            Document stored = p.documents.get(document.documentId());
            if (stored != null) {
                if (!stored.equals(document)) {
                    throw new ConflictException("document " + document.documentId() + " exists already");
                }
                return;
            }
            if (p.documentCount >= maxDocuments) {
                throw DocumentLimitException.tooManyDocuments(maxDocuments);
            }
            if (p.waitingCount >= maxWaiting) {
                throw DocumentLimitException.tooManyWaiting(maxWaiting);
            }
            p.documents.put(document.documentId(), document);
            p.documentCount++;
            p.waitingCount++;
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

    /**
     * As the real adapter: oldest first; the token names the last document of the previous page by its creation time
     * and id, so the next page follows also when that document has gone meanwhile.
     */
    @Override
    public Page<Document> list(String applicationId, int limit, String nextToken) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        List<Document> rest = list(applicationId);
        if (nextToken != null) {
            String[] after = InMemoryTable.parts(nextToken, "DOC#" + applicationId, 3);
            Document last = new Document(applicationId, after[2], null, null, null, 0, null, null,
                    after[1].isEmpty() ? null : Instant.parse(after[1]), null, null, null, null, null, null);
            rest = rest.stream().filter(d -> OLDEST_FIRST.compare(d, last) > 0).toList();
        }
        if (rest.size() <= limit) {
            return new Page<>(rest, null);
        }
        Document last = rest.get(limit - 1);
        return new Page<>(rest.subList(0, limit), InMemoryTable.token("DOC#" + applicationId,
                last.createdAt() == null ? "" : last.createdAt().toString(), last.documentId()));
    }

    /** All the application's documents, oldest first: a view for assertions. */
    public List<Document> list(String applicationId) {
        synchronized (table.lock) {
            InMemoryTable.Partition p = table.partitions.get(applicationId);
            return p == null ? List.of() : oldestFirst(p.documents.values());
        }
    }

    /** As the real adapter's sparse index: the documents of any application waiting for their upload, oldest first. */
    @Override
    public List<Document> waitingForUpload(int max) {
        synchronized (table.lock) {
            return table.partitions.values().stream().flatMap(p -> p.documents.values().stream())
                    .filter(d -> d.status() == DocumentStatus.PENDING_UPLOAD)
                    .sorted(Comparator.comparing(Document::createdAt)
                            .thenComparing(Document::applicationId).thenComparing(Document::documentId))
                    .limit(max)
                    .toList();
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
            p.waitingCount--;
            table.addEvent(settled.applicationId(), event, null);
            return true;
        }
    }

    @Override
    public boolean remove(Document document, AuditEvent event, Set<Status> applicationIn) {
        synchronized (table.lock) {
            InMemoryTable.Partition p = table.partitions.get(document.applicationId());
            if (p == null || p.application == null || !applicationIn.contains(p.application.status())) {
                throw new ConflictException("De aanvraag wordt niet meer opgesteld of aangepast: documenten kunnen nu "
                        + "niet worden verwijderd.");
            }
            Document stored = p.documents.get(document.documentId());
            if (stored == null) {
                return false;
            }
            if (stored.status() != document.status()) {
                throw new ConcurrentChangeException("Het document is intussen gecontroleerd; probeer het opnieuw.");
            }
            p.documents.remove(document.documentId());
            p.removedDocuments.put(document.documentId(), stored);
            p.documentCount--;
            if (stored.status() == DocumentStatus.PENDING_UPLOAD) {
                p.waitingCount--;
            }
            table.addEvent(document.applicationId(), event, null);
            return true;
        }
    }

    @Override
    public Optional<Document> removed(String applicationId, String documentId) {
        synchronized (table.lock) {
            InMemoryTable.Partition p = table.partitions.get(applicationId);
            return Optional.ofNullable(p == null ? null : p.removedDocuments.get(documentId));
        }
    }
}
