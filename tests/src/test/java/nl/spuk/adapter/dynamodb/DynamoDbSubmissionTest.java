package nl.spuk.adapter.dynamodb;

import static nl.spuk.adapter.dynamodb.Fixtures.ALMERE;
import static nl.spuk.adapter.dynamodb.Fixtures.GRONINGEN;
import static nl.spuk.adapter.dynamodb.Fixtures.GRONINGEN_USER;
import static nl.spuk.adapter.dynamodb.Fixtures.T0;
import static nl.spuk.adapter.dynamodb.Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import nl.spuk.adapter.out.dynamodb.DynamoDbAllocationRepository;
import nl.spuk.adapter.out.dynamodb.DynamoDbApplicationRepository;
import nl.spuk.adapter.out.dynamodb.DynamoDbDocumentRepository;
import nl.spuk.application.AllocationShortfallException;
import nl.spuk.application.ProcessCommand;
import nl.spuk.application.RequestId;
import nl.spuk.application.RuleViolationException;
import nl.spuk.application.StepContext;
import nl.spuk.application.UploadCheck;
import nl.spuk.application.drafting.DraftingSteps;
import nl.spuk.application.drafting.LifecycleService;
import nl.spuk.application.port.Allocation;
import nl.spuk.application.port.AllocationCommitment;
import nl.spuk.application.port.AllocationRequirement;
import nl.spuk.application.port.ApplicationChange;
import nl.spuk.application.port.Dossier;
import nl.spuk.application.port.Workflow;
import nl.spuk.domain.Application;
import nl.spuk.domain.AuditEvent;
import nl.spuk.domain.Document;
import nl.spuk.domain.DocumentKind;
import nl.spuk.domain.DocumentStatus;
import nl.spuk.domain.FieldError;
import nl.spuk.domain.PlanRules;
import nl.spuk.domain.Report;
import nl.spuk.domain.SchemeRules;
import nl.spuk.domain.Status;
import nl.spuk.domain.Task;
import nl.spuk.domain.TaskType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A submission against DynamoDB Local, through the use case and its process step (the engine stood in for): the
 * application and its documents come from one query, the plan counts only when a PLAN document is AVAILABLE, and
 * the allocations are checked by the store in the transaction that starts the review, read only to name what is
 * missing. The refusal names every missing item, as the completeness check always did.
 */
public class DynamoDbSubmissionTest extends LocalDynamoDbTestBase {
    /** The draft's plan (Fixtures) requests these per year. */
    private static final long REQUESTED_2025 = 1_550_050;
    private static final long REQUESTED_2026 = 1_000_000;
    private static final Instant NOW = T0.plusSeconds(3600);

    private final List<String> calls = new CopyOnWriteArrayList<>();
    private DynamoDbApplicationRepository applications;
    private DynamoDbDocumentRepository documents;
    private DynamoDbAllocationRepository allocations;
    private final InMemoryStorage storage = new InMemoryStorage();
    private LifecycleService lifecycle;
    private DynamoDbClient counted;
    /** The calls the last refused submission made. */
    private List<String> submitCalls;

    @BeforeEach
    void setUp() {
        counted = counting(client, calls);
        applications = new DynamoDbApplicationRepository(counted, table);
        allocations = new DynamoDbAllocationRepository(counted, table);
        documents = new DynamoDbDocumentRepository(client, table);
        DraftingSteps steps = new DraftingSteps(applications, allocations, new PlanRules(SchemeRules.DEFAULT),
                Clock.fixed(NOW, ZoneOffset.UTC));
        lifecycle = new LifecycleService(applications,
                new UploadCheck(documents, storage, Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC)), new StepsOnly(steps));
        Application draft = Fixtures.draft("a-1", GRONINGEN, T0);
        applications.create(draft, Task.open(TaskType.PREPARE, draft, T0, null),
                event(GRONINGEN_USER, T0, "CREATED", null, Status.DRAFT));
    }

    @AfterEach
    void closeClient() {
        counted.close();
    }

    @Test
    void readsTheApplicationWithItsDocumentsInOneQueryAndNothingElseOfItsPartition() {
        Document plan = settled("d-2", DocumentKind.PLAN, T0.plusSeconds(20), true);
        Document budget = announced("d-1", DocumentKind.BUDGET, T0.plusSeconds(10));
        applications.apply(new ApplicationChange("c-1", applications.find("a-1").orElseThrow(),
                applications.find("a-1").orElseThrow().touched(T0.plusSeconds(30)),
                event(GRONINGEN_USER, T0.plusSeconds(30), "TOUCHED", null, null),
                List.of(Task.open(TaskType.REVIEW, applications.find("a-1").orElseThrow(), T0, null)), List.of()));
        calls.clear();

        Dossier dossier = applications.findWithDocuments("a-1").orElseThrow();

        assertThat(calls).containsExactly("Query");
        assertThat(dossier.application()).isEqualTo(applications.find("a-1").orElseThrow());
        assertThat(dossier.documents()).containsExactly(budget, plan); // oldest first, as the list route
        assertThat(applications.findWithDocuments("a-2")).isEmpty();
        assertThat(applications.findWithDocuments("a")).isEmpty();
    }

    @Test
    void anAvailablePlanWithAllocationsCoveringTheRequestStartsTheReviewWithOneQueryAndOneTransaction() {
        allocate(2_000_000, 1_000_000);
        settled("d-1", DocumentKind.PLAN, T0.plusSeconds(10), true);
        calls.clear();

        Application submitted = lifecycle.submit(GRONINGEN_USER, RequestId.once("r-1"), "a-1");

        assertThat(calls).containsExactly("Query", "TransactWriteItems");
        assertThat(submitted.status()).isEqualTo(Status.IN_REVIEW);
        assertThat(applications.find("a-1")).contains(submitted);
        assertThat(applications.openTasks("a-1")).extracting(Task::type).containsExactly(TaskType.REVIEW);
    }

    @Test
    void aRejectedPlanDoesNotCount() {
        allocate(2_000_000, 1_000_000);
        settled("d-1", DocumentKind.PLAN, T0.plusSeconds(10), false);

        assertIncomplete("documents");
    }

    @Test
    void aPlanStillAwaitingItsUploadDoesNotCount() {
        allocate(2_000_000, 1_000_000);
        announced("d-1", DocumentKind.PLAN, T0.plusSeconds(10));

        assertIncomplete("documents");
    }

    @Test
    void aPlanWhoseObjectArrivedBeforeItsNotificationIsCheckedByTheSubmissionAndCounts() {
        allocate(2_000_000, 1_000_000);
        Document plan = announced("d-1", DocumentKind.PLAN, T0.plusSeconds(10));
        storage.put(plan.uploadKey(), "application/pdf", pdf(1000));

        Application submitted = lifecycle.submit(GRONINGEN_USER, RequestId.once("r-1"), "a-1");

        assertThat(submitted.status()).isEqualTo(Status.IN_REVIEW);
        assertThat(documents.find("a-1", "d-1").orElseThrow().status()).isEqualTo(DocumentStatus.AVAILABLE);
    }

    @Test
    void aPlanWhoseObjectIsNotOfItsTypeIsRejectedByTheSubmissionsCheck() {
        allocate(2_000_000, 1_000_000);
        Document plan = announced("d-1", DocumentKind.PLAN, T0.plusSeconds(10));
        storage.put(plan.uploadKey(), "application/pdf", new byte[1000]);

        assertIncomplete("documents");
        assertThat(documents.find("a-1", "d-1").orElseThrow().status()).isEqualTo(DocumentStatus.REJECTED);
    }

    @Test
    void anAvailableDocumentOfAnotherKindDoesNotCount() {
        allocate(2_000_000, 1_000_000);
        settled("d-1", DocumentKind.BUDGET, T0.plusSeconds(10), true);
        settled("d-2", DocumentKind.COUNCIL_DECISION, T0.plusSeconds(20), true);
        settled("d-3", DocumentKind.PLAN, T0.plusSeconds(30), false);

        assertIncomplete("documents");
    }

    @Test
    void anotherApplicationsPlanDoesNotCount() {
        allocate(2_000_000, 1_000_000);
        Application other = Fixtures.draft("a-10", ALMERE, T0);
        applications.create(other, Task.open(TaskType.PREPARE, other, T0, null),
                event(GRONINGEN_USER, T0, "CREATED", null, Status.DRAFT));
        Document plan = new Document("a-10", "d-1", DocumentKind.PLAN, "plan.pdf", "application/pdf", 1000,
                DocumentStatus.PENDING_UPLOAD, null, T0, null, GRONINGEN_USER.id(), "MUNICIPALITY", null, null, null);
        documents.add(plan, event(GRONINGEN_USER, T0, "DOCUMENT_ANNOUNCED", null, null), 100, 20);
        documents.settle(plan.available("ab".repeat(32), plan.checkedKey("c"), T0),
                event(GRONINGEN_USER, T0, "DOCUMENT_UPLOADED", null, null));

        assertIncomplete("documents");
    }

    @Test
    void anAllocationBelowTheRequestIsRefusedByTheStoreAndNamedWithNothingWritten() {
        allocate(REQUESTED_2025 - 1, REQUESTED_2026);
        settled("d-1", DocumentKind.PLAN, T0.plusSeconds(10), true);

        RuleViolationException refusal = assertIncomplete("requestedCents.2025");

        assertThat(refusal.errors()).extracting(FieldError::message).containsExactly(
                "requested " + REQUESTED_2025 + " cents exceeds the allocation of " + (REQUESTED_2025 - 1) + " cents");
        // the store refused the transaction; the allocations were read only to name what is missing
        assertThat(submitCalls).containsExactly("Query", "TransactWriteItems", "Query");
    }

    @Test
    void aYearWithoutAllocationIsNamedToo() {
        allocations.setAll(List.of(new Allocation(GRONINGEN.code(), 2025, REQUESTED_2025)));
        settled("d-1", DocumentKind.PLAN, T0.plusSeconds(10), true);

        RuleViolationException refusal = assertIncomplete("requestedCents.2026");

        assertThat(refusal.errors()).extracting(FieldError::message).containsExactly("no allocation has been set for 2026 yet");
    }

    @Test
    void allocationsExactlyTheRequestSuffice() {
        allocate(REQUESTED_2025, REQUESTED_2026);
        settled("d-1", DocumentKind.PLAN, T0.plusSeconds(10), true);

        assertThat(lifecycle.submit(GRONINGEN_USER, RequestId.once("r-1"), "a-1").status()).isEqualTo(Status.IN_REVIEW);
    }

    @Test
    void everyMissingItemIsNamedInTheOrderOfTheCheck() {
        announced("d-1", DocumentKind.PLAN, T0.plusSeconds(10));

        assertIncomplete("requestedCents.2025", "requestedCents.2026", "documents");
    }

    @Test
    void aChangeRequiringAnAllocationWritesNothingWhenItIsMissingOrSmaller() {
        allocate(1_000, 0);
        Application draft = applications.find("a-1").orElseThrow();
        ApplicationChange change = new ApplicationChange("c-1", draft, draft.touched(NOW),
                event(GRONINGEN_USER, NOW, "TOUCHED", null, null), List.of(), List.of());

        assertThatThrownBy(() -> applications.apply(change.requiring(List.of(
                new AllocationRequirement(GRONINGEN.code(), 2025, 1_001)))))
                .isInstanceOf(AllocationShortfallException.class)
                .hasMessageContaining("2025");
        assertThatThrownBy(() -> applications.apply(change.requiring(List.of(
                new AllocationRequirement(GRONINGEN.code(), 2027, 0)))))
                .isInstanceOf(AllocationShortfallException.class)
                .hasMessageContaining("2027");
        assertThat(applications.find("a-1")).contains(draft);
        assertThat(applications.history("a-1")).extracting(AuditEvent::action).containsExactly("CREATED");

        Application stored = applications.apply(change.requiring(List.of(
                new AllocationRequirement(GRONINGEN.code(), 2025, 1_000),
                new AllocationRequirement(GRONINGEN.code(), 2025, 10),
                new AllocationRequirement(GRONINGEN.code(), 2026, 0))));
        assertThat(applications.find("a-1")).contains(stored);
        assertThat(allocations.stateOf(GRONINGEN.code()).allocated().asMap()).isEqualTo(Map.of(2025, 1_000L, 2026, 0L));
    }

    @Test
    void aChangeCannotBothCommitAndRequireOneAllocation() {
        allocate(1_000, 1_000);
        Application draft = applications.find("a-1").orElseThrow();
        ApplicationChange change = new ApplicationChange("c-1", draft, draft.touched(NOW),
                event(GRONINGEN_USER, NOW, "TOUCHED", null, null), List.of(), List.of(),
                List.of(new AllocationCommitment(GRONINGEN.code(), 2025, 10)), List.<Document>of(), List.<Report>of());

        assertThatThrownBy(() -> applications.apply(change.requiring(List.of(
                new AllocationRequirement(GRONINGEN.code(), 2025, 10)))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(applications.find("a-1")).contains(draft);
    }

    private RuleViolationException assertIncomplete(String... fields) {
        Application before = applications.find("a-1").orElseThrow();
        calls.clear();
        RuleViolationException refusal = catchThrowableOfType(RuleViolationException.class,
                () -> lifecycle.submit(GRONINGEN_USER, RequestId.once("r-1"), "a-1"));
        submitCalls = List.copyOf(calls);
        assertThat(refusal).as("a refusal naming what is missing").isNotNull().hasMessage("the application is not complete");
        assertThat(refusal.errors()).extracting(FieldError::field).containsExactly(fields);
        assertThat(applications.find("a-1")).contains(before);
        assertThat(applications.openTasks("a-1")).extracting(Task::type).containsExactly(TaskType.PREPARE);
        return refusal;
    }

    private void allocate(long cents2025, long cents2026) {
        allocations.setAll(List.of(new Allocation(GRONINGEN.code(), 2025, cents2025),
                new Allocation(GRONINGEN.code(), 2026, cents2026)));
    }

    private Document announced(String id, DocumentKind kind, Instant at) {
        Document doc = new Document("a-1", id, kind, id + ".pdf", "application/pdf", 1000, DocumentStatus.PENDING_UPLOAD,
                null, at, null, GRONINGEN_USER.id(), "MUNICIPALITY", null, null, null);
        documents.add(doc, event(GRONINGEN_USER, at, "DOCUMENT_ANNOUNCED", null, null), 100, 20);
        return doc;
    }

    /** A PDF of that many bytes, as far as the upload check can tell. */
    private static byte[] pdf(int size) {
        byte[] bytes = new byte[size];
        byte[] header = "%PDF-1.7\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(header, 0, bytes, 0, header.length);
        return bytes;
    }

    /** A document announced and then found as announced (AVAILABLE) or not (REJECTED) by the upload check. */
    private Document settled(String id, DocumentKind kind, Instant at, boolean available) {
        Document doc = announced(id, kind, at);
        Document settled = available ? doc.available("ab".repeat(32), doc.checkedKey("c"), at.plusSeconds(1))
                : doc.rejected("Afgekeurd", at.plusSeconds(1));
        assertThat(documents.settle(settled, event(GRONINGEN_USER, at, available ? "DOCUMENT_UPLOADED" : "DOCUMENT_REJECTED",
                null, null))).isTrue();
        return settled;
    }

    /** A client of the same DynamoDB that records the operation of every call. */
    static DynamoDbClient counting(DynamoDbClient client, List<String> calls) {
        return DynamoDbClient.builder()
                .endpointOverride(client.serviceClientConfiguration().endpointOverride().orElseThrow())
                .region(Region.EU_CENTRAL_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(o -> o.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                        calls.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
                    }
                }))
                .build();
    }

    /** The engine stood in for: completing the PREPARE task runs the step that starts the review. */
    private record StepsOnly(DraftingSteps steps) implements Workflow {
        @Override
        public void start(String applicationId) {
        }

        @Override
        public void complete(ProcessCommand command, TaskType type, Map<String, Object> processVariables) {
            steps.startReview(StepContext.of(command, command.applicationId() + ":startReview", null));
        }

        @Override
        public void send(ProcessCommand command, String message, Map<String, Object> processVariables) {
            throw new UnsupportedOperationException(message);
        }

        @Override
        public int runDueJobs() {
            return 0;
        }
    }
}
