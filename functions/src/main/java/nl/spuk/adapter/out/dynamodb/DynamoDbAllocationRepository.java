package nl.spuk.adapter.out.dynamodb;

import static nl.spuk.adapter.out.dynamodb.Attr.s;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import nl.spuk.application.ConcurrentChangeException;
import nl.spuk.application.ConflictException;
import nl.spuk.application.port.Allocation;
import nl.spuk.application.port.AllocationRepository;
import nl.spuk.application.port.AllocationState;
import nl.spuk.domain.MunicipalityCode;
import nl.spuk.domain.YearAmounts;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;

/**
 * Allocations in the single table: {@code PK=MUNI#code, SK=ALLOC#year} (see {@link AllocationItem}), and all of them
 * under {@code GSI2PK=ALLOCATIONS} so the national overview is one paged query, never a scan.
 */
public final class DynamoDbAllocationRepository implements AllocationRepository {
    /** Conditional writes cannot be batched; this many run side by side. */
    private static final int WRITERS = 8;

    private final DynamoDbClient client;
    private final String tableName;

    public DynamoDbAllocationRepository(DynamoDbClient client, String tableName) {
        this.client = Objects.requireNonNull(client);
        this.tableName = Objects.requireNonNull(tableName);
    }

    /** {@inheritDoc} One query of the municipality's {@code ALLOC#} items, strongly consistent. */
    @Override
    public AllocationState stateOf(MunicipalityCode municipality) {
        QueryRequest request = QueryRequest.builder()
                .tableName(tableName)
                .keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
                .expressionAttributeNames(Map.of("#pk", DynamoDbTable.PK, "#sk", DynamoDbTable.SK))
                .expressionAttributeValues(Map.of(":pk", s(Keys.municipalityPk(municipality)),
                        ":prefix", s(Keys.ALLOC_PREFIX)))
                .consistentRead(true)
                .build();
        Map<Integer, Long> allocated = new TreeMap<>();
        Map<Integer, Long> committed = new TreeMap<>();
        client.queryPaginator(request).items().forEach(item -> {
            int year = AllocationItem.year(item);
            allocated.put(year, AllocationItem.amount(item));
            long taken = AllocationItem.committed(item);
            if (taken != 0) {
                committed.put(year, taken);
            }
        });
        return new AllocationState(YearAmounts.of(allocated), YearAmounts.of(committed));
    }

    @Override
    public Map<MunicipalityCode, YearAmounts> all() {
        Map<MunicipalityCode, Map<Integer, Long>> byMunicipality = new LinkedHashMap<>();
        allItems().forEach(item -> byMunicipality
                .computeIfAbsent(AllocationItem.municipality(item), c -> new TreeMap<>())
                .put(AllocationItem.year(item), AllocationItem.amount(item)));
        Map<MunicipalityCode, YearAmounts> result = new LinkedHashMap<>();
        byMunicipality.forEach((code, amounts) -> result.put(code, YearAmounts.of(amounts)));
        return result;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Of two rows for the same municipality and year, the later wins. A set of several rows is first checked
     * against what is committed and refused as a whole when a row falls below it. Each row is then one conditional
     * update (conditions rule out BatchWriteItem), several side by side; the condition refuses a row that an award
     * committed meanwhile would leave below zero headroom — then the other rows are written, and the refused ones
     * named in the exception. A repeat converges.
     *
     * @throws ConflictException naming each municipality and year whose allocation would fall below what is awarded
     * @throws ConcurrentChangeException when a row stays locked by awards being committed on it
     */
    @Override
    public void setAll(List<Allocation> allocations) {
        Map<String, Allocation> byKey = new LinkedHashMap<>();
        for (Allocation a : allocations) {
            byKey.put(key(a.municipality(), a.year()), a);
        }
        Collection<Allocation> rows = byKey.values();
        if (rows.size() > 1) {
            refuseIfAnyRefused(belowCommitted(rows, committedByKey()));
        }
        refuseIfAnyRefused(writeAll(rows));
    }

    private List<String> writeAll(Collection<Allocation> rows) {
        if (rows.size() <= 1) {
            return rows.stream().map(this::write).flatMap(Optional::stream).toList();
        }
        ExecutorService writers = Executors.newFixedThreadPool(Math.min(WRITERS, rows.size()));
        try {
            List<Future<Optional<String>>> results = new ArrayList<>();
            for (Allocation row : rows) {
                results.add(writers.submit(() -> write(row)));
            }
            List<String> refused = new ArrayList<>();
            RuntimeException failure = null;
            for (Future<Optional<String>> result : results) {
                try {
                    result.get().ifPresent(refused::add);
                } catch (ExecutionException e) {
                    failure = failure != null ? failure
                            : e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while writing allocations", e);
                }
            }
            if (failure != null) {
                throw failure;
            }
            return refused;
        } finally {
            writers.shutdownNow();
        }
    }

    /** Writes one row; the reason it was refused, if it was. */
    private Optional<String> write(Allocation row) {
        for (int attempt = 1; ; attempt++) {
            try {
                client.updateItem(AllocationItem.set(tableName, row));
                return Optional.empty();
            } catch (ConditionalCheckFailedException e) {
                // The old item comes with the refusal (ALL_OLD): what was committed when it was refused.
                return Optional.of(refusal(row, AllocationItem.committed(e.item())));
            } catch (TransactionConflictException e) {
                // An award is committing on this row right now; the SDK does not retry this.
                if (attempt == Transactions.MAX_ATTEMPTS) {
                    throw new ConcurrentChangeException("the allocation of " + row.municipality().value() + " for "
                            + row.year() + " is being changed concurrently; try again");
                }
                Transactions.pause(attempt);
            }
        }
    }

    private static List<String> belowCommitted(Collection<Allocation> rows, Map<String, Long> committed) {
        List<String> refused = new ArrayList<>();
        for (Allocation row : rows) {
            long taken = committed.getOrDefault(key(row.municipality(), row.year()), 0L);
            if (taken > row.amountCents()) {
                refused.add(refusal(row, taken));
            }
        }
        return refused;
    }

    private static String refusal(Allocation row, long committed) {
        return "the allocation of " + row.municipality().value() + " for " + row.year() + " cannot be set to "
                + row.amountCents() + " cents: already " + committed + " cents awarded";
    }

    private static void refuseIfAnyRefused(List<String> refused) {
        if (!refused.isEmpty()) {
            throw new ConflictException(String.join("; ", refused));
        }
    }

    private Map<String, Long> committedByKey() {
        Map<String, Long> committed = new HashMap<>();
        allItems().forEach(item -> committed.put(
                key(AllocationItem.municipality(item), AllocationItem.year(item)), AllocationItem.committed(item)));
        return committed;
    }

    /** Every allocation item, from the index (eventually consistent). */
    private Iterable<Map<String, AttributeValue>> allItems() {
        QueryRequest request = QueryRequest.builder()
                .tableName(tableName)
                .indexName(DynamoDbTable.GSI2)
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", DynamoDbTable.GSI2_PK))
                .expressionAttributeValues(Map.of(":pk", s(Keys.ALL_ALLOCATIONS)))
                .build();
        return client.queryPaginator(request).items();
    }

    private static String key(MunicipalityCode municipality, int year) {
        return municipality.value() + "#" + year;
    }
}
