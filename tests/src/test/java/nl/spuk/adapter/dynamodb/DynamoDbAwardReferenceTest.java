package nl.spuk.adapter.dynamodb;

import static nl.spuk.adapter.dynamodb.Fixtures.GRONINGEN;
import static nl.spuk.adapter.dynamodb.Fixtures.MINISTRY;
import static nl.spuk.adapter.dynamodb.Fixtures.T0;
import static nl.spuk.adapter.dynamodb.Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import nl.spuk.adapter.out.dynamodb.DynamoDbAllocationRepository;
import nl.spuk.adapter.out.dynamodb.DynamoDbApplicationRepository;
import nl.spuk.adapter.out.dynamodb.DynamoDbDocumentRepository;
import nl.spuk.application.AllocationExceededException;
import nl.spuk.application.ProcessCommand;
import nl.spuk.application.ReferenceTakenException;
import nl.spuk.application.RequestId;
import nl.spuk.application.StepContext;
import nl.spuk.application.decision.DecisionSteps;
import nl.spuk.application.fakes.FakeLetterRenderer;
import nl.spuk.application.fakes.InMemoryDocumentStorage;
import nl.spuk.application.port.Allocation;
import nl.spuk.application.port.AllocationCommitment;
import nl.spuk.application.port.ApplicationChange;
import nl.spuk.domain.Actor;
import nl.spuk.domain.Application;
import nl.spuk.domain.AwardReference;
import nl.spuk.domain.Decision;
import nl.spuk.domain.DecisionOutcome;
import nl.spuk.domain.Document;
import nl.spuk.domain.MunicipalityCode;
import nl.spuk.domain.Role;
import nl.spuk.domain.Status;
import nl.spuk.domain.Task;
import nl.spuk.domain.TaskType;
import nl.spuk.domain.YearAmounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Award references in DynamoDB Local: the year's counter moves in the approval's own transaction, so concurrent
 * approvals get distinct numbers without gaps, a refused approval takes none and a repeated one keeps its own.
 */
class DynamoDbAwardReferenceTest extends LocalDynamoDbTestBase {
    private static final MunicipalityCode GM0014 = GRONINGEN.code();
    private static final Actor APPROVER = new Actor("u-min2", "Mira Ministry", Role.MINISTRY, null);
    private static final Instant T1 = Instant.parse("2026-06-01T10:00:00Z");
    private static final String LETTER_ID = "award-letter";

    private DynamoDbApplicationRepository applications;
    private DynamoDbDocumentRepository documents;
    private final InMemoryStorage storage = new InMemoryStorage();
    private final FakeLetterRenderer letters = new FakeLetterRenderer();
    private DecisionSteps steps;

    @BeforeEach
    void setUp() {
        applications = new DynamoDbApplicationRepository(client, table);
        documents = new DynamoDbDocumentRepository(client, table);
        new DynamoDbAllocationRepository(client, table).setAll(List.of(new Allocation(GM0014, 2026, 1_000_000)));
        steps = new DecisionSteps(applications, storage, letters, Clock.fixed(T1, ZoneOffset.UTC));
    }

    @Test
    void concurrentApprovalsGetDistinctConsecutiveNumbersEachWithItsOwnLetter() throws Exception {
        int n = 6;
        List<Application> proposed = IntStream.rangeClosed(1, n).mapToObj(i -> proposed("a-" + i, 100_000)).toList();
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> approvals = new ArrayList<>();
        for (Application app : proposed) {
            approvals.add(pool.submit(() -> {
                start.await();
                steps.approve(approval(app.id(), "c-" + app.id()));
                return null;
            }));
        }
        start.countDown();
        for (Future<?> approval : approvals) {
            approval.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        List<Integer> sequences = proposed.stream()
                .map(app -> applications.find(app.id()).orElseThrow().reference())
                .peek(ref -> assertThat(ref.year()).isEqualTo(2026))
                .map(AwardReference::sequence).sorted().toList();
        assertThat(sequences).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(applications.nextReference(2026)).isEqualTo(new AwardReference(2026, n + 1));
        for (Application app : proposed) {
            AwardReference reference = applications.find(app.id()).orElseThrow().reference();
            Document letter = documents.find(app.id(), LETTER_ID).orElseThrow();
            byte[] bytes = storage.objects.get(letter.contentKey()).bytes();
            assertThat(new String(bytes, StandardCharsets.UTF_8)).contains(reference.toString());
            assertThat(letter.sizeBytes()).isEqualTo(bytes.length);
        }
    }

    @Test
    void aRefusedApprovalTakesNoNumberAndLeavesNoLetter() {
        Application tooBig = proposed("a-big", 1_000_001);
        Application fits = proposed("a-fits", 1_000_000);

        assertThatThrownBy(() -> steps.approve(approval(tooBig.id(), "c-1")))
                .isInstanceOf(AllocationExceededException.class);
        assertThat(applications.nextReference(2026)).isEqualTo(new AwardReference(2026, 1));
        steps.approve(approval(fits.id(), "c-2"));

        assertThat(applications.find(tooBig.id()).orElseThrow().reference()).isNull();
        assertThat(applications.find(tooBig.id()).orElseThrow().status()).isEqualTo(Status.DECISION_PROPOSED);
        assertThat(storage.objects).doesNotContainKey(Document.letterKey(tooBig.id(), LETTER_ID));
        assertThat(applications.find(fits.id()).orElseThrow().reference()).hasToString("SPUK-2026-00001");
    }

    @Test
    void aChangeWhoseNumberIsTakenIsRefusedWhole() {
        Application first = proposed("a-1", 100_000);
        Application second = proposed("a-2", 100_000);
        applications.apply(award("c-1", first, new AwardReference(2026, 1)));

        assertThatThrownBy(() -> applications.apply(award("c-2", second, new AwardReference(2026, 1))))
                .isInstanceOf(ReferenceTakenException.class);
        assertThatThrownBy(() -> applications.apply(award("c-2", second, new AwardReference(2026, 3))))
                .isInstanceOf(ReferenceTakenException.class); // nor may a number be skipped

        assertThat(applications.find(second.id())).contains(second);
        assertThat(new DynamoDbAllocationRepository(client, table).stateOf(GM0014).committed())
                .isEqualTo(YearAmounts.of(Map.of(2026, 100_000L)));
        assertThat(applications.nextReference(2026)).isEqualTo(new AwardReference(2026, 2));
    }

    @Test
    void aRetryOfAnAppliedApprovalKeepsItsNumberWhateverNumberTheRetryCarries() {
        Application first = proposed("a-1", 100_000);
        Application second = proposed("a-2", 100_000);
        Application stored = applications.apply(award("c-1", first, new AwardReference(2026, 1)));
        applications.apply(award("c-2", second, new AwardReference(2026, 2)));

        // the same change, from the copy read before it was applied, made again with the number now next
        Application retried = applications.apply(award("c-1", first, new AwardReference(2026, 3)));
        Application again = applications.apply(award("c-1", first, new AwardReference(2026, 1)));

        assertThat(retried).isEqualTo(stored);
        assertThat(again.reference()).hasToString("SPUK-2026-00001");
        assertThat(applications.nextReference(2026)).isEqualTo(new AwardReference(2026, 3));
        assertThat(applications.history(first.id())).extracting(e -> e.action())
                .containsExactly("CREATED", "DECISION_APPROVED");
    }

    @Test
    void theStepRetriedFromAStaleCopyKeepsTheNumberAndStoresTheLetterItRecorded() {
        Application first = proposed("a-1", 100_000);
        Application second = proposed("a-2", 100_000);
        steps.approve(approval(first.id(), "c-1"));
        steps.approve(approval(second.id(), "c-2"));
        storage.objects.clear(); // the crash came after the change was stored, before its letter's bytes

        // a rerun that still holds the application as its command read it, before the approval
        steps.approve(StepContext.of(ProcessCommand.on(first, APPROVER, RequestId.repeatable("r-1"), null), "c-1", null));

        assertThat(applications.find(first.id()).orElseThrow().reference()).hasToString("SPUK-2026-00001");
        assertThat(applications.nextReference(2026)).isEqualTo(new AwardReference(2026, 3));
        Document letter = documents.find(first.id(), LETTER_ID).orElseThrow();
        byte[] bytes = storage.objects.get(letter.contentKey()).bytes();
        assertThat(letter.sha256()).isEqualTo(InMemoryDocumentStorage.sha256(bytes));
    }

    /** The approval step as the process runs it, reading the application from the table. */
    private static StepContext approval(String applicationId, String changeId) {
        return new StepContext(applicationId, changeId, APPROVER, null, null);
    }

    /** An application whose award of {@code cents} for 2026 is proposed and waits for approval. */
    private Application proposed(String id, long cents) {
        Decision decision = new Decision(DecisionOutcome.AWARD, YearAmounts.of(Map.of(2026, cents)), "Rapporteer jaarlijks",
                "Past binnen de regeling", MINISTRY.id(), MINISTRY.name(), T0, null, null, null);
        Application app = new Application(id, GRONINGEN, Fixtures.plan(List.of(2025, 2026)), Status.DECISION_PROPOSED,
                5, T0, T0, T0, "u-gron", null, decision, null, null, null, Map.of());
        assertThat(applications.create(app, Task.open(TaskType.APPROVE_DECISION, app, T0, null),
                event(MINISTRY, T0, "CREATED", null, Status.DECISION_PROPOSED))).isTrue();
        return app;
    }

    /** The approval of the proposed award under this reference, as a change of the repository. */
    private static ApplicationChange award(String changeId, Application before, AwardReference reference) {
        Decision approved = before.decision().approved(APPROVER, T1).numbered(reference);
        Application after = before.decided(approved, Status.AWARDED, T1);
        List<AllocationCommitment> commitments = approved.awardedCents().asMap().entrySet().stream()
                .map(e -> new AllocationCommitment(before.municipalityCode(), e.getKey(), e.getValue()))
                .toList();
        return new ApplicationChange(changeId, before, after,
                event(APPROVER, T1, "DECISION_APPROVED", Status.DECISION_PROPOSED, Status.AWARDED),
                List.of(), List.of(Task.idOf(before.id(), TaskType.APPROVE_DECISION)), commitments, List.of(), List.of());
    }
}
