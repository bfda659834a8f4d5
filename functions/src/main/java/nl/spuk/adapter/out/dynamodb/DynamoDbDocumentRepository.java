package nl.spuk.adapter.out.dynamodb;

import static nl.spuk.adapter.out.dynamodb.Attr.s;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import nl.spuk.application.ConflictException;
import nl.spuk.application.port.DocumentRepository;
import nl.spuk.domain.AuditEvent;
import nl.spuk.domain.Document;
import nl.spuk.domain.DocumentStatus;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Document metadata in the single table, next to its application ({@code PK=APP#id, SK=DOC#documentId}).
 * Each write goes together with its audit event in one conditional transaction.
 */
public final class DynamoDbDocumentRepository implements DocumentRepository {
    private final DynamoDbClient client;
    private final String tableName;

    public DynamoDbDocumentRepository(DynamoDbClient client, String tableName) {
        this.client = Objects.requireNonNull(client);
        this.tableName = Objects.requireNonNull(tableName);
    }

    /**
     * {@inheritDoc}
     *
     * <p>A repeat with the very same document is success; another document under a taken id is a conflict.
     *
     * @throws ConflictException when a different document has that id already
     */
    @Override
    public void add(Document document, AuditEvent event) {
        try {
            client.transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder().put(p -> p.tableName(tableName)
                            .item(DocumentItem.toItem(document))
                            .conditionExpression("attribute_not_exists(#pk)")
                            .expressionAttributeNames(Map.of("#pk", DynamoDbTable.PK))).build(),
                    putEvent(document.applicationId(), event)));
        } catch (TransactionCanceledException e) {
            if (!Transactions.conditionFailed(e, 0)) {
                throw e;
            }
            if (!find(document.applicationId(), document.documentId()).equals(Optional.of(document))) {
                throw new ConflictException("document " + document.documentId() + " exists already");
            }
        }
    }

    @Override
    public Optional<Document> find(String applicationId, String documentId) {
        Map<String, AttributeValue> item = client.getItem(b -> b.tableName(tableName)
                .key(DocumentItem.key(applicationId, documentId)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(DocumentItem.fromItem(item));
    }

    @Override
    public List<Document> list(String applicationId) {
        QueryRequest request = QueryRequest.builder()
                .tableName(tableName)
                .keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
                .expressionAttributeNames(Map.of("#pk", DynamoDbTable.PK, "#sk", DynamoDbTable.SK))
                .expressionAttributeValues(Map.of(":pk", s(Keys.appPk(applicationId)), ":prefix", s(Keys.DOC_PREFIX)))
                .consistentRead(true)
                .build();
        return client.queryPaginator(request).items().stream()
                .map(DocumentItem::fromItem)
                .sorted(DocumentItem.OLDEST_FIRST)
                .toList();
    }

    @Override
    public boolean settle(Document settled, AuditEvent event) {
        if (settled.status() == DocumentStatus.PENDING_UPLOAD) {
            throw new IllegalArgumentException("a settled document is no longer PENDING_UPLOAD");
        }
        try {
            client.transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder().put(p -> p.tableName(tableName)
                            .item(DocumentItem.toItem(settled))
                            .conditionExpression("#status = :pending")
                            .expressionAttributeNames(Map.of("#status", DocumentItem.STATUS))
                            .expressionAttributeValues(Map.of(":pending", s(DocumentStatus.PENDING_UPLOAD.name()))))
                            .build(),
                    putEvent(settled.applicationId(), event)));
            return true;
        } catch (TransactionCanceledException e) {
            if (Transactions.conditionFailed(e, 0)) {
                return false;
            }
            throw e;
        }
    }

    private TransactWriteItem putEvent(String applicationId, AuditEvent event) {
        return TransactWriteItem.builder()
                .put(p -> p.tableName(tableName).item(EventItem.toItem(applicationId, event))).build();
    }
}
