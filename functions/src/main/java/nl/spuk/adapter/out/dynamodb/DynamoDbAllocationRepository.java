package nl.spuk.adapter.out.dynamodb;

import static nl.spuk.adapter.out.dynamodb.Attr.n;
import static nl.spuk.adapter.out.dynamodb.Attr.s;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import nl.spuk.application.port.Allocation;
import nl.spuk.application.port.AllocationRepository;
import nl.spuk.domain.MunicipalityCode;
import nl.spuk.domain.YearAmounts;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Allocations in the single table: {@code PK=MUNI#code, SK=ALLOC#year}, and all of them under
 * {@code GSI2PK=ALLOCATIONS} so the national overview is one paged query, never a scan.
 */
public final class DynamoDbAllocationRepository implements AllocationRepository {
    /** BatchWriteItem takes at most 25 writes. */
    private static final int BATCH_SIZE = 25;
    private static final int MAX_ATTEMPTS = 8;
    private static final long FIRST_BACKOFF_MILLIS = 50;
    private static final long MAX_BACKOFF_MILLIS = 2_000;

    private final DynamoDbClient client;
    private final String tableName;

    public DynamoDbAllocationRepository(DynamoDbClient client, String tableName) {
        this.client = Objects.requireNonNull(client);
        this.tableName = Objects.requireNonNull(tableName);
    }

    @Override
    public YearAmounts allocationsOf(MunicipalityCode municipality) {
        QueryRequest request = QueryRequest.builder()
                .tableName(tableName)
                .keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
                .expressionAttributeNames(Map.of("#pk", DynamoDbTable.PK, "#sk", DynamoDbTable.SK))
                .expressionAttributeValues(Map.of(":pk", s(Keys.municipalityPk(municipality)),
                        ":prefix", s(Keys.ALLOC_PREFIX)))
                .consistentRead(true)
                .build();
        Map<Integer, Long> amounts = new TreeMap<>();
        client.queryPaginator(request).items()
                .forEach(item -> amounts.put((int) Attr.num(item, "year"), Attr.num(item, "amountCents")));
        return YearAmounts.of(amounts);
    }

    @Override
    public Map<MunicipalityCode, YearAmounts> all() {
        QueryRequest request = QueryRequest.builder()
                .tableName(tableName)
                .indexName(DynamoDbTable.GSI2)
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", DynamoDbTable.GSI2_PK))
                .expressionAttributeValues(Map.of(":pk", s(Keys.ALL_ALLOCATIONS)))
                .build();
        Map<MunicipalityCode, Map<Integer, Long>> byMunicipality = new LinkedHashMap<>();
        client.queryPaginator(request).items().forEach(item -> byMunicipality
                .computeIfAbsent(new MunicipalityCode(Attr.str(item, "municipalityCode")), c -> new TreeMap<>())
                .put((int) Attr.num(item, "year"), Attr.num(item, "amountCents")));
        Map<MunicipalityCode, YearAmounts> result = new LinkedHashMap<>();
        byMunicipality.forEach((code, amounts) -> result.put(code, YearAmounts.of(amounts)));
        return result;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Rows are written in batches and are not atomic as a whole: a failure part-way leaves earlier rows
     * written, and repeating the call converges. Of two rows for the same municipality and year, the later wins.
     *
     * @throws IllegalStateException when DynamoDB keeps refusing some rows after retrying
     */
    @Override
    public void setAll(List<Allocation> allocations) {
        Map<String, WriteRequest> byKey = new LinkedHashMap<>();
        for (Allocation a : allocations) {
            // A batch may not hold the same key twice.
            byKey.put(a.municipality().value() + "#" + a.year(), put(a));
        }
        List<WriteRequest> writes = new ArrayList<>(byKey.values());
        for (int from = 0; from < writes.size(); from += BATCH_SIZE) {
            writeBatch(writes.subList(from, Math.min(from + BATCH_SIZE, writes.size())));
        }
    }

    private void writeBatch(List<WriteRequest> batch) {
        Map<String, List<WriteRequest>> pending = Map.of(tableName, batch);
        long backoff = FIRST_BACKOFF_MILLIS;
        for (int attempt = 1; ; attempt++) {
            Map<String, List<WriteRequest>> request = pending;
            BatchWriteItemResponse response = client.batchWriteItem(b -> b.requestItems(request));
            if (!response.hasUnprocessedItems() || response.unprocessedItems().isEmpty()) {
                return;
            }
            if (attempt == MAX_ATTEMPTS) {
                throw new IllegalStateException("DynamoDB left allocations unwritten after " + attempt + " attempts");
            }
            pending = response.unprocessedItems();
            sleep(backoff);
            backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
        }
    }

    private WriteRequest put(Allocation a) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(DynamoDbTable.PK, s(Keys.municipalityPk(a.municipality())));
        item.put(DynamoDbTable.SK, s(Keys.allocationSk(a.year())));
        item.put(DynamoDbTable.GSI2_PK, s(Keys.ALL_ALLOCATIONS));
        item.put(DynamoDbTable.GSI2_SK, s(a.municipality().value() + "#" + a.year()));
        item.put("type", s("ALLOCATION"));
        item.put("municipalityCode", s(a.municipality().value()));
        item.put("year", n(a.year()));
        item.put("amountCents", n(a.amountCents()));
        return WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing allocations", e);
        }
    }
}
