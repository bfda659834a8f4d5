package nl.spuk.adapter.dynamodb;

import static nl.spuk.adapter.dynamodb.Fixtures.ALMERE;
import static nl.spuk.adapter.dynamodb.Fixtures.GRONINGEN;
import static nl.spuk.adapter.dynamodb.Fixtures.MINISTRY;
import static nl.spuk.adapter.dynamodb.Fixtures.T0;
import static nl.spuk.adapter.dynamodb.Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import nl.spuk.adapter.out.dynamodb.DynamoDbAllocationRepository;
import nl.spuk.adapter.out.dynamodb.DynamoDbApplicationRepository;
import nl.spuk.adapter.out.dynamodb.DynamoDbDocumentRepository;
import nl.spuk.application.AllocationExceededException;
import nl.spuk.application.ConflictException;
import nl.spuk.application.port.Allocation;
import nl.spuk.application.port.AllocationCommitment;
import nl.spuk.application.port.AllocationState;
import nl.spuk.application.port.ApplicationChange;
import nl.spuk.domain.Actor;
import nl.spuk.domain.Application;
import nl.spuk.domain.AuditEvent;
import nl.spuk.domain.Decision;
import nl.spuk.domain.DecisionOutcome;
import nl.spuk.domain.Document;
import nl.spuk.domain.DocumentKind;
import nl.spuk.domain.DocumentStatus;
import nl.spuk.domain.MunicipalityCode;
import nl.spuk.domain.Role;
import nl.spuk.domain.Status;
import nl.spuk.domain.Task;
import nl.spuk.domain.TaskType;
import nl.spuk.domain.YearAmounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Awards taking their share of the allocation in DynamoDB Local: the headroom never goes below zero, also when two
 * awards race, and changing an allocation keeps what awards committed.
 */
public class DynamoDbAwardCommitmentTest extends LocalDynamoDbTestBase {
    private static final MunicipalityCode GM0014 = GRONINGEN.code();
    private static final Actor APPROVER = new Actor("u-min2", "Mira Ministry", Role.MINISTRY, null);
    private static final Instant T1 = T0.plusSeconds(3600);

    private DynamoDbApplicationRepository applications;
    private DynamoDbAllocationRepository allocations;
    private DynamoDbDocumentRepository documents;

    @BeforeEach
    void setUp() {
        applications = new DynamoDbApplicationRepository(client, table);
        allocations = new DynamoDbAllocationRepository(client, table);
        documents = new DynamoDbDocumentRepository(client, table);
        allocations.setAll(List.of(new Allocation(GM0014, 2025, 1_000_000), new Allocation(GM0014, 2026, 800_000)));
    }

    @Test
    void setsTheHeadroomToTheWholeAllocationWhileNothingIsCommitted() {
        assertThat(headroom(2025)).isEqualTo(1_000_000);
        assertThat(headroom(2026)).isEqualTo(800_000);
        assertThat(allocations.stateOf(GM0014).committed()).isEqualTo(YearAmounts.EMPTY);
    }

    @Test
    void anAwardTakesItsShareOfEachYearAndStoresItsLetter() {
        Application app = proposed("a-1");
        Document letter = letter("a-1");

        applications.apply(award("c-1", app, Map.of(2025, 600_000L, 2026, 300_000L), List.of(letter)));

        assertThat(allocations.stateOf(GM0014).committed()).isEqualTo(YearAmounts.of(Map.of(2025, 600_000L, 2026, 300_000L)));
        assertThat(headroom(2025)).isEqualTo(400_000);
        assertThat(headroom(2026)).isEqualTo(500_000);
        assertThat(allocations.stateOf(GM0014).allocated()).isEqualTo(YearAmounts.of(Map.of(2025, 1_000_000L, 2026, 800_000L)));
        assertThat(applications.find("a-1")).get().extracting(Application::status).isEqualTo(Status.AWARDED);
        assertThat(documents.find("a-1", letter.documentId())).contains(letter);
    }

    @Test
    void readsWhatIsAllocatedAndWhatIsCommittedTogetherInOneQuery() {
        applications.apply(award("c-1", proposed("a-1"), Map.of(2025, 600_000L), List.of()));
        List<String> calls = new ArrayList<>();

        AllocationState state;
        try (DynamoDbClient counted = DynamoDbSubmissionTest.counting(client, calls)) {
            state = new DynamoDbAllocationRepository(counted, table).stateOf(GM0014);
        }

        assertThat(calls).containsExactly("Query");
        assertThat(state).isEqualTo(new AllocationState(YearAmounts.of(Map.of(2025, 1_000_000L, 2026, 800_000L)),
                YearAmounts.of(Map.of(2025, 600_000L))));
        assertThat(state.left(2025)).isEqualTo(400_000).isEqualTo(headroom(2025));
        assertThat(state.left(2026)).isEqualTo(800_000).isEqualTo(headroom(2026));
        assertThat(state.left(2027)).isZero();
        assertThat(allocations.stateOf(ALMERE.code())).isEqualTo(AllocationState.NONE);
    }

    @Test
    void takesARepeatedAwardOnce() {
        Application app = proposed("a-1");
        ApplicationChange award = award("c-1", app, Map.of(2025, 600_000L), List.of(letter("a-1")));

        applications.apply(award);
        applications.apply(award);

        assertThat(allocations.stateOf(GM0014).committed()).isEqualTo(YearAmounts.of(Map.of(2025, 600_000L)));
        assertThat(headroom(2025)).isEqualTo(400_000);
        assertThat(applications.history("a-1")).hasSize(2);
    }

    @Test
    void refusesAnAwardLargerThanTheHeadroomAndWritesNothing() {
        Application app = proposed("a-1");
        Document letter = letter("a-1");

        assertThatThrownBy(() -> applications.apply(award("c-1", app, Map.of(2025, 1_000_001L, 2026, 1L), List.of(letter))))
                .isInstanceOf(AllocationExceededException.class)
                .hasMessage("the allocation for 2025 has 1000000 cents left; the award needs 1000001");

        assertThat(applications.find("a-1")).contains(app);
        assertThat(applications.history("a-1")).extracting(AuditEvent::action).containsExactly("CREATED");
        assertThat(applications.tasksFor(MINISTRY)).extracting(Task::applicationId).containsExactly("a-1");
        assertThat(documents.find("a-1", letter.documentId())).isEmpty();
        assertThat(allocations.stateOf(GM0014).committed()).isEqualTo(YearAmounts.EMPTY);
        assertThat(headroom(2025)).isEqualTo(1_000_000);
        assertThat(headroom(2026)).isEqualTo(800_000);
    }

    @Test
    void refusesAnAwardForAYearWithoutAllocation() {
        Application app = proposed("a-1");

        assertThatThrownBy(() -> applications.apply(award("c-1", app, Map.of(2027, 1L), List.of())))
                .isInstanceOf(AllocationExceededException.class)
                .hasMessageContaining("2027");

        assertThat(applications.find("a-1")).contains(app);
    }

    @Test
    void letsExactlyOneOfTwoRacingAwardsTakeSixtyPercentOfTheYear() throws Exception {
        Application first = proposed("a-1");
        Application second = proposed("a-2");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> outcomes = new ArrayList<>();
        for (ApplicationChange award : List.of(
                award("c-1", first, Map.of(2025, 600_000L), List.of(letter("a-1"))),
                award("c-2", second, Map.of(2025, 600_000L), List.of(letter("a-2"))))) {
            outcomes.add(pool.submit(racer(start, award)));
        }
        start.countDown();
        int winners = 0;
        for (Future<Boolean> outcome : outcomes) {
            winners += outcome.get(30, TimeUnit.SECONDS) ? 1 : 0;
        }
        pool.shutdown();

        assertThat(winners).isEqualTo(1);
        assertThat(allocations.stateOf(GM0014).committed()).isEqualTo(YearAmounts.of(Map.of(2025, 600_000L)));
        assertThat(headroom(2025)).isEqualTo(400_000);
        assertThat(List.of(applications.find("a-1").orElseThrow(), applications.find("a-2").orElseThrow()))
                .extracting(Application::status)
                .containsExactlyInAnyOrder(Status.AWARDED, Status.DECISION_PROPOSED);
    }

    @Test
    void refusesToLowerAnAllocationBelowWhatIsAwarded() {
        applications.apply(award("c-1", proposed("a-1"), Map.of(2025, 600_000L), List.of()));

        assertThatThrownBy(() -> allocations.setAll(List.of(new Allocation(GM0014, 2025, 599_999))))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("GM0014")
                .hasMessageContaining("2025")
                .hasMessageContaining("already 600000 cents awarded");
        // Several rows are all or nothing: the valid 2026 row is not written either.
        assertThatThrownBy(() -> allocations.setAll(List.of(new Allocation(GM0014, 2026, 900_000),
                new Allocation(GM0014, 2025, 500_000))))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("already 600000 cents awarded");

        assertThat(allocations.stateOf(GM0014).allocated()).isEqualTo(YearAmounts.of(Map.of(2025, 1_000_000L, 2026, 800_000L)));
        assertThat(headroom(2025)).isEqualTo(400_000);
    }

    @Test
    void keepsWhatIsAwardedWhenTheAllocationChanges() {
        applications.apply(award("c-1", proposed("a-1"), Map.of(2025, 600_000L), List.of()));

        allocations.setAll(List.of(new Allocation(GM0014, 2025, 1_500_000)));
        assertThat(headroom(2025)).isEqualTo(900_000);
        applications.apply(award("c-2", proposed("a-2"), Map.of(2025, 900_000L), List.of()));
        assertThat(headroom(2025)).isEqualTo(0);

        allocations.setAll(List.of(new Allocation(GM0014, 2025, 1_500_000), new Allocation(GM0014, 2026, 700_000)));
        assertThat(allocations.stateOf(GM0014).committed()).isEqualTo(YearAmounts.of(Map.of(2025, 1_500_000L)));
        assertThat(allocations.stateOf(GM0014).allocated()).isEqualTo(YearAmounts.of(Map.of(2025, 1_500_000L, 2026, 700_000L)));
        assertThat(headroom(2026)).isEqualTo(700_000);
        assertThatThrownBy(() -> applications.apply(award("c-3", proposed("a-3"), Map.of(2025, 1L), List.of())))
                .isInstanceOf(AllocationExceededException.class)
                .hasMessage("the allocation for 2025 has 0 cents left; the award needs 1");
    }

    @Test
    void refusesAChangeWhoseLetterExistsAlreadyAndCommitsNothing() {
        Application app = proposed("a-1");
        Document letter = letter("a-1");
        documents.add(letter, event(MINISTRY, T0, "DOCUMENT_ADDED", null, null), 100, 20);

        assertThatThrownBy(() -> applications.apply(award("c-1", app, Map.of(2025, 100L), List.of(letter))))
                .isExactlyInstanceOf(ConflictException.class)
                .hasMessageContaining(letter.documentId());

        assertThat(applications.find("a-1")).contains(app);
        assertThat(allocations.stateOf(GM0014).committed()).isEqualTo(YearAmounts.EMPTY);
    }

    @Test
    void refusesAChangeTooLargeForOneTransactionBeforeWriting() {
        Application app = proposed("a-1");
        List<Document> letters = new ArrayList<>();
        for (int i = 0; i < 98; i++) {
            letters.add(letter("a-1", "d-" + i));
        }

        assertThatThrownBy(() -> applications.apply(award("c-1", app, Map.of(2025, 100L), letters)))
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(applications.find("a-1")).contains(app);
        assertThat(documents.list("a-1", 100, null).items()).isEmpty();
    }

    private Callable<Boolean> racer(CountDownLatch start, ApplicationChange award) {
        return () -> {
            start.await();
            try {
                applications.apply(award);
                return true;
            } catch (AllocationExceededException lost) {
                return false;
            }
        };
    }

    /** An application whose award is proposed and waits for approval. */
    private Application proposed(String id) {
        Decision decision = new Decision(DecisionOutcome.AWARD, YearAmounts.EMPTY, "Rapporteer jaarlijks",
                "Past binnen de regeling", MINISTRY.id(), MINISTRY.name(), T0, null, null, null);
        Application app = new Application(id, GRONINGEN, Fixtures.plan(List.of(2025, 2026)), Status.DECISION_PROPOSED,
                5, T0, T0, T0, "u-gron", null, decision, null, null, null, Map.of());
        assertThat(applications.create(app, Task.open(TaskType.APPROVE_DECISION, app, T0, null),
                event(MINISTRY, T0, "CREATED", null, Status.DECISION_PROPOSED))).isTrue();
        return app;
    }

    /** The approval of the proposed award, committing the awarded amounts. */
    private static ApplicationChange award(String changeId, Application before, Map<Integer, Long> cents,
                                           List<Document> letters) {
        Decision approved = new Decision(DecisionOutcome.AWARD, YearAmounts.of(cents), "Rapporteer jaarlijks",
                "Past binnen de regeling", MINISTRY.id(), MINISTRY.name(), T0, null, null, null).approved(APPROVER, T1);
        Application after = before.decided(approved, Status.AWARDED, T1);
        List<AllocationCommitment> commitments = cents.entrySet().stream()
                .map(e -> new AllocationCommitment(before.municipalityCode(), e.getKey(), e.getValue()))
                .toList();
        return new ApplicationChange(changeId, before, after,
                event(APPROVER, T1, "DECISION_APPROVED", Status.DECISION_PROPOSED, Status.AWARDED),
                List.of(), List.of(Task.idOf(before.id(), TaskType.APPROVE_DECISION)), commitments, letters, List.of());
    }

    private static Document letter(String applicationId) {
        return letter(applicationId, "d-letter-" + applicationId);
    }

    private static Document letter(String applicationId, String documentId) {
        return new Document(applicationId, documentId, DocumentKind.DECISION, "beschikking.pdf", "application/pdf",
                12_345, DocumentStatus.AVAILABLE, "ab".repeat(32), T1, T1, APPROVER.id(), "MINISTRY",
                "letters/" + applicationId + "/" + documentId, null, null);
    }

    private long headroom(int year) {
        Map<String, AttributeValue> item = client.getItem(b -> b.tableName(table).consistentRead(true).key(Map.of(
                "PK", AttributeValue.fromS("MUNI#" + GM0014.value()),
                "SK", AttributeValue.fromS("ALLOC#" + year)))).item();
        AttributeValue amount = item.get("amountCents");
        AttributeValue committed = item.get("committedCents");
        long headroom = Long.parseLong(item.get("headroomCents").n());
        // The stored figures always add up.
        assertThat(Long.parseLong(committed.n()) + headroom).isEqualTo(Long.parseLong(amount.n()));
        return headroom;
    }
}
