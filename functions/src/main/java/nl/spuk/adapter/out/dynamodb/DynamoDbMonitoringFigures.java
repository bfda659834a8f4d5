package nl.spuk.adapter.out.dynamodb;

import static nl.spuk.adapter.out.dynamodb.Attr.s;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import nl.spuk.application.port.MonitoringFigures;
import nl.spuk.domain.Figures;
import nl.spuk.domain.MunicipalityCode;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * Reads the monitoring aggregates that {@link DynamoDbApplicationRepository} keeps (docs/dynamodb.md). Every read
 * touches a bounded number of items — one per municipality at most — whatever the number of applications:
 * a year's aggregates are one partition, the hours ledgers are read by key, and overdue reports are counted on
 * a sparse index that holds only the open chases of that year.
 */
public final class DynamoDbMonitoringFigures implements MonitoringFigures {
    /** BatchGetItem takes at most this many keys. */
    private static final int BATCH_SIZE = 100;

    private final DynamoDbClient client;
    private final String tableName;

    public DynamoDbMonitoringFigures(DynamoDbClient client, String tableName) {
        this.client = Objects.requireNonNull(client);
        this.tableName = Objects.requireNonNull(tableName);
    }

    /** {@inheritDoc} Aggregates whose figures have all gone back to zero count as absent. */
    @Override
    public Map<MunicipalityCode, Figures> forYear(int year) {
        QueryRequest request = QueryRequest.builder()
                .tableName(tableName)
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", DynamoDbTable.PK))
                .expressionAttributeValues(Map.of(":pk", s(Keys.monitoringPk(year))))
                .consistentRead(true)
                .build();
        Map<MunicipalityCode, Figures> out = new HashMap<>();
        client.queryPaginator(request).items().forEach(item -> {
            Figures figures = FiguresItem.fromItem(item);
            if (!figures.isZero()) {
                out.put(FiguresItem.municipality(item), figures);
            }
        });
        return out;
    }

    @Override
    public Figures forMunicipality(MunicipalityCode municipality, int year) {
        Map<String, AttributeValue> item = client.getItem(b -> b.tableName(tableName)
                .key(FiguresItem.key(municipality, year)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Figures.ZERO : FiguresItem.fromItem(item);
    }

    /** {@inheritDoc} Counted on the sparse index GSI2 {@code OVERDUE#year}, which only chase tasks are in. */
    @Override
    public long overdueReports(int year) {
        QueryRequest request = QueryRequest.builder()
                .tableName(tableName)
                .indexName(DynamoDbTable.GSI2)
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", DynamoDbTable.GSI2_PK))
                .expressionAttributeValues(Map.of(":pk", s(Keys.overduePk(year))))
                .select(Select.COUNT)
                .build();
        return client.queryPaginator(request).stream().mapToLong(QueryResponse::count).sum();
    }

    /**
     * {@inheritDoc} One {@code BatchGetItem} per 100 municipalities (strongly consistent); keys DynamoDB leaves
     * unprocessed (throttling, size) are asked again after a short pause.
     *
     * @throws IllegalStateException when some keys stay unprocessed after {@value Transactions#MAX_ATTEMPTS} rounds
     */
    @Override
    public Map<MunicipalityCode, Integer> usedQuarterHours(Collection<MunicipalityCode> municipalities) {
        List<MunicipalityCode> distinct = new ArrayList<>(new LinkedHashSet<>(municipalities));
        Map<MunicipalityCode, Integer> out = new HashMap<>();
        for (int from = 0; from < distinct.size(); from += BATCH_SIZE) {
            List<Map<String, AttributeValue>> keys = distinct.subList(from, Math.min(from + BATCH_SIZE, distinct.size()))
                    .stream().map(HoursLedgerItem::key).toList();
            readLedgers(keys, out);
        }
        return out;
    }

    private void readLedgers(List<Map<String, AttributeValue>> keys, Map<MunicipalityCode, Integer> out) {
        KeysAndAttributes pending = KeysAndAttributes.builder()
                .keys(keys)
                .projectionExpression("#code, #used")
                .expressionAttributeNames(Map.of("#code", HoursLedgerItem.CODE, "#used", HoursLedgerItem.USED))
                .consistentRead(true)
                .build();
        for (int attempt = 1; ; attempt++) {
            KeysAndAttributes request = pending;
            BatchGetItemResponse response = client.batchGetItem(b -> b.requestItems(Map.of(tableName, request)));
            for (Map<String, AttributeValue> item : response.responses().getOrDefault(tableName, List.of())) {
                int used = HoursLedgerItem.used(item);
                if (used > 0) {
                    out.put(HoursLedgerItem.municipality(item), used);
                }
            }
            KeysAndAttributes unprocessed = response.unprocessedKeys().get(tableName);
            if (unprocessed == null || !unprocessed.hasKeys() || unprocessed.keys().isEmpty()) {
                return;
            }
            if (attempt == Transactions.MAX_ATTEMPTS) {
                throw new IllegalStateException(unprocessed.keys().size() + " hours ledgers stayed unread after "
                        + attempt + " rounds");
            }
            Transactions.pause(attempt);
            pending = unprocessed;
        }
    }

    /** {@inheritDoc} A plain put: an operator's repair, not meant to race with changes of the municipality. */
    @Override
    public void replace(MunicipalityCode municipality, int year, Figures figures) {
        client.putItem(b -> b.tableName(tableName).item(FiguresItem.toItem(municipality, year, figures)));
    }
}
