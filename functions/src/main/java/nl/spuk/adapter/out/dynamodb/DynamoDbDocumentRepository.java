package nl.spuk.adapter.out.dynamodb;

import static nl.spuk.adapter.out.dynamodb.Attr.n;
import static nl.spuk.adapter.out.dynamodb.Attr.s;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import nl.spuk.application.ConcurrentChangeException;
import nl.spuk.application.ConflictException;
import nl.spuk.application.DocumentLimitException;
import nl.spuk.application.port.DocumentRepository;
import nl.spuk.application.port.Page;
import nl.spuk.domain.AuditEvent;
import nl.spuk.domain.Document;
import nl.spuk.domain.DocumentStatus;
import nl.spuk.domain.Status;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Document metadata in the single table, next to its application ({@code PK=APP#id, SK=DOC#documentId}), and the
 * application's document counts ({@code SK=DOCS}). Each write goes together with its audit event and the counts in
 * one conditional transaction.
 */
public final class DynamoDbDocumentRepository implements DocumentRepository {
    private static final String DOCUMENT_COUNT = "documentCount";
    private static final String WAITING_COUNT = "waitingCount";
    private static final int DOCUMENT = 0;
    private static final int COUNTS = 1;
    private static final int APPLICATION_CHECK = 2;
    private static final Set<String> PAGE_TOKEN_ATTRIBUTES = Set.of(DynamoDbTable.PK, DynamoDbTable.SK, DocumentItem.CREATED_AT);

    private final DynamoDbClient client;
    private final String tableName;

    public DynamoDbDocumentRepository(DynamoDbClient client, String tableName) {
        this.client = Objects.requireNonNull(client);
        this.tableName = Objects.requireNonNull(tableName);
    }

    /**
     * {@inheritDoc}
     *
     * <p>The counts item is updated in the same transaction, on the condition that both counts are below their
     * limits: DynamoDB decides, so concurrent announcements cannot pass a limit between a read and a write. A repeat
     * with the very same document is success and counts nothing; another document under a taken id is a conflict.
     *
     * @throws ConcurrentChangeException when concurrent writes on the counts kept conflicting; nothing is written
     */
    @Override
    public void add(Document document, AuditEvent event, int maxDocuments, int maxWaiting) {
        String applicationId = document.applicationId();
        List<TransactWriteItem> actions = List.of(
                TransactWriteItem.builder().put(p -> p.tableName(tableName)
                        .item(DocumentItem.toItem(document))
                        .conditionExpression("attribute_not_exists(#pk)")
                        .expressionAttributeNames(Map.of("#pk", DynamoDbTable.PK))).build(),
                TransactWriteItem.builder().update(u -> u.tableName(tableName)
                        .key(countsKey(applicationId))
                        .updateExpression("SET #type = :type ADD #documents :one, #waiting :one")
                        .conditionExpression("(attribute_not_exists(#documents) OR #documents < :maxDocuments)"
                                + " AND (attribute_not_exists(#waiting) OR #waiting < :maxWaiting)")
                        .expressionAttributeNames(Map.of("#type", "type", "#documents", DOCUMENT_COUNT,
                                "#waiting", WAITING_COUNT))
                        .expressionAttributeValues(Map.of(":type", s("DOCUMENT_COUNTS"), ":one", n(1),
                                ":maxDocuments", n(maxDocuments), ":maxWaiting", n(maxWaiting)))).build(),
                putEvent(applicationId, event));
        try {
            Transactions.write(client, actions, index -> true);
        } catch (TransactionCanceledException e) {
            if (Transactions.conditionFailed(e, DOCUMENT)) {
                if (!find(applicationId, document.documentId()).equals(Optional.of(document))) {
                    throw new ConflictException("document " + document.documentId() + " exists already");
                }
                return;
            }
            if (Transactions.conditionFailed(e, COUNTS)) {
                // read after the refusal only to say which limit it was
                Map<String, AttributeValue> counts = client.getItem(b -> b.tableName(tableName)
                        .key(countsKey(applicationId)).consistentRead(true)).item();
                throw counts != null && counts.containsKey(DOCUMENT_COUNT) && Attr.num(counts, DOCUMENT_COUNT) >= maxDocuments
                        ? DocumentLimitException.tooManyDocuments(maxDocuments)
                        : DocumentLimitException.tooManyWaiting(maxWaiting);
            }
            throw concurrentOrAsIs(e, document);
        }
    }

    @Override
    public Optional<Document> find(String applicationId, String documentId) {
        Map<String, AttributeValue> item = client.getItem(b -> b.tableName(tableName)
                .key(DocumentItem.key(applicationId, documentId)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(DocumentItem.fromItem(item));
    }

    /**
     * {@inheritDoc}
     *
     * <p>Sort keys order documents by id, not by age, so every page reads the application's documents (at most
     * {@link nl.spuk.domain.DocumentRules#MAX_DOCUMENTS_PER_APPLICATION} and its letters: one query) and answers the
     * ones after the token's document in age order. The token names that document's key and creation time, so a
     * page also follows when the document itself has gone meanwhile.
     */
    @Override
    public Page<Document> list(String applicationId, int limit, String nextToken) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        Map<String, AttributeValue> after = PageToken.decode(nextToken, PAGE_TOKEN_ATTRIBUTES);
        if (after != null && (!Keys.appPk(applicationId).equals(after.get(DynamoDbTable.PK).s())
                || !after.get(DynamoDbTable.SK).s().startsWith(Keys.DOC_PREFIX)
                || !Attr.isSortable(after.get(DocumentItem.CREATED_AT).s()))) {
            throw new IllegalArgumentException("nextToken does not belong to the documents of this application");
        }
        QueryRequest request = QueryRequest.builder()
                .tableName(tableName)
                .keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
                .expressionAttributeNames(Map.of("#pk", DynamoDbTable.PK, "#sk", DynamoDbTable.SK))
                .expressionAttributeValues(Map.of(":pk", s(Keys.appPk(applicationId)), ":prefix", s(Keys.DOC_PREFIX)))
                .consistentRead(true)
                .build();
        List<Document> remaining = client.queryPaginator(request).items().stream()
                .map(DocumentItem::fromItem)
                .filter(d -> after == null || isAfter(d, after))
                .sorted(DocumentItem.OLDEST_FIRST)
                .toList();
        if (remaining.size() <= limit) {
            return new Page<>(remaining, null);
        }
        Document last = remaining.get(limit - 1);
        return new Page<>(remaining.subList(0, limit), PageToken.encode(Map.of(
                DynamoDbTable.PK, s(Keys.appPk(applicationId)),
                DynamoDbTable.SK, s(Keys.documentSk(last.documentId())),
                DocumentItem.CREATED_AT, s(Attr.sortable(last.createdAt())))));
    }

    /** Whether the document comes after the one a page token names, in {@link DocumentItem#OLDEST_FIRST} order. */
    private static boolean isAfter(Document d, Map<String, AttributeValue> token) {
        String sortableCreatedAt = d.createdAt() == null ? "" : Attr.sortable(d.createdAt());
        int byAge = sortableCreatedAt.compareTo(token.get(DocumentItem.CREATED_AT).s());
        return byAge > 0 || byAge == 0 && Keys.documentSk(d.documentId()).compareTo(token.get(DynamoDbTable.SK).s()) > 0;
    }

    /** {@inheritDoc} One query of the sparse {@code UPLOADS_WAITING} partition of GSI2 (eventually consistent). */
    @Override
    public List<Document> waitingForUpload(int max) {
        return client.query(q -> q.tableName(tableName)
                        .indexName(DynamoDbTable.GSI2)
                        .keyConditionExpression("#pk = :waiting")
                        .expressionAttributeNames(Map.of("#pk", DynamoDbTable.GSI2_PK))
                        .expressionAttributeValues(Map.of(":waiting", s(Keys.UPLOADS_WAITING)))
                        .scanIndexForward(true)
                        .limit(max))
                .items().stream().map(DocumentItem::fromItem).toList();
    }

    /**
     * {@inheritDoc}
     *
     * @throws ConcurrentChangeException when concurrent writes kept conflicting; nothing is written then
     */
    @Override
    public boolean settle(Document settled, AuditEvent event) {
        if (settled.status() == DocumentStatus.PENDING_UPLOAD) {
            throw new IllegalArgumentException("a settled document is no longer PENDING_UPLOAD");
        }
        List<TransactWriteItem> actions = List.of(
                TransactWriteItem.builder().put(p -> p.tableName(tableName)
                        .item(DocumentItem.toItem(settled))
                        .conditionExpression("#status = :pending")
                        .expressionAttributeNames(Map.of("#status", DocumentItem.STATUS))
                        .expressionAttributeValues(Map.of(":pending", s(DocumentStatus.PENDING_UPLOAD.name()))))
                        .build(),
                TransactWriteItem.builder().update(u -> u.tableName(tableName)
                        .key(countsKey(settled.applicationId()))
                        .updateExpression("ADD #waiting :minusOne")
                        .expressionAttributeNames(Map.of("#waiting", WAITING_COUNT))
                        .expressionAttributeValues(Map.of(":minusOne", n(-1)))).build(),
                putEvent(settled.applicationId(), event));
        try {
            Transactions.write(client, actions, index -> true);
            return true;
        } catch (TransactionCanceledException e) {
            if (Transactions.conditionFailed(e, DOCUMENT)) {
                return false;
            }
            throw concurrentOrAsIs(e, settled);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>One transaction: the document item deleted on the condition of its status as read, the counts lowered, a
     * condition check of the application's status, the audit event, and the removed document's record
     * ({@code SK=REMOVED#documentId}).
     */
    @Override
    public boolean remove(Document document, AuditEvent event, Set<Status> applicationIn) {
        String applicationId = document.applicationId();
        boolean waiting = document.status() == DocumentStatus.PENDING_UPLOAD;
        Map<String, AttributeValue> statusValues = new HashMap<>();
        List<Status> allowed = List.copyOf(applicationIn);
        for (int i = 0; i < allowed.size(); i++) {
            statusValues.put(":s" + i, s(allowed.get(i).name()));
        }
        String statusList = IntStream.range(0, allowed.size()).mapToObj(i -> ":s" + i)
                .collect(Collectors.joining(", "));
        List<TransactWriteItem> actions = List.of(
                TransactWriteItem.builder().delete(d -> d.tableName(tableName)
                        .key(DocumentItem.key(applicationId, document.documentId()))
                        .conditionExpression("#status = :status")
                        .expressionAttributeNames(Map.of("#status", DocumentItem.STATUS))
                        .expressionAttributeValues(Map.of(":status", s(document.status().name())))).build(),
                TransactWriteItem.builder().update(u -> u.tableName(tableName)
                        .key(countsKey(applicationId))
                        .updateExpression(waiting ? "ADD #documents :minusOne, #waiting :minusOne" : "ADD #documents :minusOne")
                        .expressionAttributeNames(waiting ? Map.of("#documents", DOCUMENT_COUNT, "#waiting", WAITING_COUNT)
                                : Map.of("#documents", DOCUMENT_COUNT))
                        .expressionAttributeValues(Map.of(":minusOne", n(-1)))).build(),
                TransactWriteItem.builder().conditionCheck(c -> c.tableName(tableName)
                        .key(Keys.key(Keys.appPk(applicationId), Keys.APP_SK))
                        .conditionExpression("#status IN (" + statusList + ")")
                        .expressionAttributeNames(Map.of("#status", ApplicationItem.STATUS))
                        .expressionAttributeValues(statusValues)).build(),
                putEvent(applicationId, event),
                TransactWriteItem.builder().put(p -> p.tableName(tableName)
                        .item(DocumentItem.toRemovedItem(document))).build());
        try {
            Transactions.write(client, actions, index -> true);
            return true;
        } catch (TransactionCanceledException e) {
            if (Transactions.conditionFailed(e, APPLICATION_CHECK)) {
                throw new ConflictException("De aanvraag wordt niet meer opgesteld of aangepast: documenten kunnen nu "
                        + "niet worden verwijderd.");
            }
            if (Transactions.conditionFailed(e, DOCUMENT)) {
                if (find(applicationId, document.documentId()).isEmpty()) {
                    return false;
                }
                throw new ConcurrentChangeException("Het document is intussen gecontroleerd; probeer het opnieuw.");
            }
            throw concurrentOrAsIs(e, document);
        }
    }

    @Override
    public Optional<Document> removed(String applicationId, String documentId) {
        Map<String, AttributeValue> item = client.getItem(b -> b.tableName(tableName)
                .key(DocumentItem.removedKey(applicationId, documentId)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(DocumentItem.fromItem(item));
    }

    private static RuntimeException concurrentOrAsIs(TransactionCanceledException e, Document document) {
        if (e.hasCancellationReasons() && e.cancellationReasons().stream().anyMatch(r -> Transactions.CONFLICT.equals(r.code()))) {
            return new ConcurrentChangeException("document " + document.documentId()
                    + " could not be written: concurrent writes kept conflicting; try again");
        }
        return e;
    }

    private static Map<String, AttributeValue> countsKey(String applicationId) {
        return Keys.key(Keys.appPk(applicationId), Keys.DOCUMENT_COUNTS_SK);
    }

    private TransactWriteItem putEvent(String applicationId, AuditEvent event) {
        return TransactWriteItem.builder()
                .put(p -> p.tableName(tableName).item(EventItem.toItem(applicationId, event))).build();
    }
}
