package nl.spuk.adapter.dynamodb;

import static nl.spuk.adapter.dynamodb.Fixtures.GRONINGEN;
import static nl.spuk.adapter.dynamodb.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;
import nl.spuk.adapter.out.dynamodb.DynamoDbApplicationRepository;
import nl.spuk.adapter.out.dynamodb.DynamoDbMonitoringFigures;
import nl.spuk.application.ConcurrentChangeException;
import nl.spuk.domain.Figures;
import nl.spuk.domain.Status;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Transactions that lose a conflict on a monitoring aggregate. DynamoDB cancels a transaction whose item another
 * transaction holds (a hot aggregate: changes of many applications of one municipality); DynamoDB Local serializes
 * transactions and never does, so a client in front of it cancels chosen attempts the way DynamoDB would.
 */
class DynamoDbAggregateConflictTest extends LocalDynamoDbTestBase {
    private ConflictingClient conflicting;
    private DynamoDbApplicationRepository applications;
    private DynamoDbMonitoringFigures figures;

    @BeforeEach
    void setUp() {
        conflicting = new ConflictingClient(client);
        applications = new DynamoDbApplicationRepository(conflicting, table);
        figures = new DynamoDbMonitoringFigures(client, table);
    }

    @Test
    void retriesAChangeWhoseAggregateIsHeldByAnotherTransaction() {
        ApplicationLife life = ApplicationLife.create(applications, "a-1", GRONINGEN, Fixtures.plan(List.of(2025, 2026)), T0);
        conflicting.conflictOnAggregates(3);

        life.submit();

        assertThat(conflicting.cancelled()).isEqualTo(3);
        assertThat(applications.find("a-1")).get().extracting(a -> a.status()).isEqualTo(Status.IN_REVIEW);
        assertThat(applications.history("a-1")).hasSize(2);
        assertThat(figures.forMunicipality(GRONINGEN.code(), 2025))
                .isEqualTo(new Figures(1_550_050, 0, 0, 0, Map.of(), Map.of(Status.IN_REVIEW, 1L)));
    }

    @Test
    void retriesACreationWhoseAggregateIsHeldByAnotherTransaction() {
        conflicting.conflictOnAggregates(2);

        ApplicationLife.create(applications, "a-1", GRONINGEN, Fixtures.plan(List.of(2025)), T0);

        assertThat(conflicting.cancelled()).isEqualTo(2);
        assertThat(figures.forMunicipality(GRONINGEN.code(), 2025).applicationsByStatus()).containsEntry(Status.DRAFT, 1L);
    }

    @Test
    void givesUpWithAConcurrentChangeWhenTheConflictsLastAndWritesNothing() {
        ApplicationLife life = ApplicationLife.create(applications, "a-1", GRONINGEN, Fixtures.plan(List.of(2025, 2026)), T0);
        Figures draft = figures.forMunicipality(GRONINGEN.code(), 2025);
        conflicting.conflictOnAggregates(Integer.MAX_VALUE);

        assertThatThrownBy(life::submit).isInstanceOf(ConcurrentChangeException.class);

        assertThat(conflicting.cancelled()).isEqualTo(10);
        assertThat(applications.find("a-1")).get().extracting(a -> a.status()).isEqualTo(Status.DRAFT);
        assertThat(figures.forMunicipality(GRONINGEN.code(), 2025)).isEqualTo(draft);
    }

    @Test
    void doesNotRetryAConflictOnTheApplicationItself() {
        ApplicationLife life = ApplicationLife.create(applications, "a-1", GRONINGEN, Fixtures.plan(List.of(2025, 2026)), T0);
        conflicting.conflictOnApplication(1);

        assertThatThrownBy(life::submit).isInstanceOf(ConcurrentChangeException.class)
                .hasMessageContaining("being changed concurrently");

        assertThat(conflicting.cancelled()).isEqualTo(1);
        assertThat(applications.find("a-1")).get().extracting(a -> a.status()).isEqualTo(Status.DRAFT);
    }

    /**
     * DynamoDB Local behind a client that cancels the next transactions touching a chosen kind of item, with
     * {@code TransactionConflict} for those items and {@code None} for the others, as DynamoDB reports it.
     */
    private static final class ConflictingClient implements DynamoDbClient {
        private final DynamoDbClient real;
        private final AtomicInteger toCancel = new AtomicInteger();
        private final AtomicInteger cancelled = new AtomicInteger();
        private volatile String conflictingPkPrefix = "MON#";

        ConflictingClient(DynamoDbClient real) {
            this.real = real;
        }

        void conflictOnAggregates(int times) {
            conflictingPkPrefix = "MON#";
            toCancel.set(times);
        }

        void conflictOnApplication(int times) {
            conflictingPkPrefix = "APP#";
            toCancel.set(times);
        }

        int cancelled() {
            return cancelled.get();
        }

        @Override
        public TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest request) {
            List<TransactWriteItem> actions = request.transactItems();
            IntPredicate held = i -> {
                TransactWriteItem a = actions.get(i);
                Map<String, AttributeValue> key = a.update() != null ? a.update().key()
                        : a.put() != null ? a.put().item() : null;
                return key != null && key.get("PK").s().startsWith(conflictingPkPrefix)
                        && (a.put() == null || key.get("SK").s().equals("APP"));
            };
            boolean anyHeld = false;
            for (int i = 0; i < actions.size(); i++) {
                anyHeld |= held.test(i);
            }
            if (anyHeld && toCancel.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                cancelled.incrementAndGet();
                List<CancellationReason> reasons = new ArrayList<>();
                for (int i = 0; i < actions.size(); i++) {
                    reasons.add(CancellationReason.builder().code(held.test(i) ? "TransactionConflict" : "None").build());
                }
                throw TransactionCanceledException.builder().message("Transaction cancelled (injected)")
                        .cancellationReasons(reasons).build();
            }
            return real.transactWriteItems(request);
        }

        @Override
        public QueryResponse query(QueryRequest request) {
            return real.query(request);
        }

        @Override
        public GetItemResponse getItem(GetItemRequest request) {
            return real.getItem(request);
        }

        @Override
        public String serviceName() {
            return real.serviceName();
        }

        @Override
        public void close() {
            // The real client belongs to the test base.
        }
    }
}
