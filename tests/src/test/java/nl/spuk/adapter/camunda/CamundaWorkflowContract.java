package nl.spuk.adapter.camunda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeast;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.reset;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Function;
import nl.spuk.adapter.in.workflow.ProcessBeans;
import nl.spuk.adapter.out.camunda.CamundaWorkflow;
import nl.spuk.adapter.out.camunda.EngineSettings;
import nl.spuk.application.ConcurrentChangeException;
import nl.spuk.application.ConflictException;
import nl.spuk.application.RuleViolationException;
import nl.spuk.application.StepContext;
import nl.spuk.application.drafting.DraftingSteps;
import nl.spuk.application.fakes.TestClock;
import nl.spuk.application.reporting.ReportingSteps;
import nl.spuk.application.review.ReviewSteps;
import nl.spuk.domain.Actor;
import nl.spuk.domain.FieldError;
import nl.spuk.domain.MunicipalityCode;
import nl.spuk.domain.Role;
import nl.spuk.domain.TaskType;
import nl.spuk.process.MockSteps;
import nl.spuk.process.StepInputs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.mockito.ArgumentCaptor;

/**
 * What {@link CamundaWorkflow} promises, checked on a real engine and database; a subclass names the database.
 * The business steps are mocked: these tests are about the adapter (lazy boot, idempotent start, conflicts, time,
 * exceptions, per-year tasks), not about the steps.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CamundaWorkflowContract {
    static final Actor MUNICIPALITY = new Actor("u-muni", "Mia Gemeente", Role.MUNICIPALITY, new MunicipalityCode("GM0363"));
    static final Actor ADVISOR = new Actor("u-adv", "Ada Adviseur", Role.ADVISOR, null);
    static final Actor PROPOSER = new Actor("u-min-1", "Piet Voorsteller", Role.MINISTRY, null);
    static final Actor APPROVER = new Actor("u-min-2", "Anna Accordeur", Role.MINISTRY, null);

    final ProcessBeans steps = MockSteps.mocks();
    final TestClock clock = new TestClock(Instant.parse("2024-11-01T09:00:00Z"));
    private CamundaWorkflow workflow;

    /** A database of its own, empty, for one engine. */
    abstract EngineSettings newDatabase() throws Exception;

    /** The workflow of these tests, booted once for the class. */
    CamundaWorkflow workflow() throws Exception {
        if (workflow == null) {
            workflow = new CamundaWorkflow(newDatabase(), steps, clock);
        }
        return workflow;
    }

    @BeforeEach
    void resetSteps() {
        reset(MockSteps.all(steps));
        clock.set(Instant.parse("2024-11-01T09:00:00Z"));
    }

    @AfterAll
    void closeWorkflow() {
        if (workflow != null) {
            workflow.close();
        }
    }

    static String newApplicationId() {
        return "app-" + UUID.randomUUID();
    }

    @Test
    void constructingItBootsNothingTheFirstCallDoes() throws Exception {
        EngineSettings database = newDatabase();
        try (CamundaWorkflow lazy = new CamundaWorkflow(database, steps, clock)) {
            assertThat(engineTables(database)).as("tables before the first call").isZero();

            long started = System.nanoTime();
            lazy.start(newApplicationId());
            System.out.printf("%s: first call (engine boot, schema, deployment, start) took %d ms%n",
                    getClass().getSimpleName(), (System.nanoTime() - started) / 1_000_000);
            assertThat(engineTables(database)).as("tables after the first call").isGreaterThan(10);
        }
    }

    @Test
    void startIsIdempotentAlsoAfterTheProcessEnded() throws Exception {
        String id = newApplicationId();
        workflow().start(id);
        workflow().start(id);

        complete(id, TaskType.PREPARE, MUNICIPALITY, Map.of());
        verify(steps.drafting()).startReview(any());
        assertThatThrownBy(() -> complete(id, TaskType.PREPARE, MUNICIPALITY, Map.of()))
                .isInstanceOf(ConflictException.class);

        send(id, "withdraw", MUNICIPALITY, Map.of("reason", "no longer needed"));
        workflow().start(id);
        assertThatThrownBy(() -> complete(id, TaskType.PREPARE, MUNICIPALITY, Map.of()))
                .as("no second process after the first ended").isInstanceOf(ConflictException.class);
    }

    @Test
    void startToMessagePassesActorChangeIdAndVariablesToTheSteps() throws Exception {
        String id = newApplicationId();
        workflow().start(id);
        complete(id, TaskType.PREPARE, MUNICIPALITY, Map.of());
        complete(id, TaskType.REVIEW, ADVISOR, Map.of("adviceOutcome", "POSITIVE", "summary", "good"));

        StepContext advice = captured(ProcessBeans::review, ReviewSteps::recordAdvice);
        assertThat(advice.applicationId()).isEqualTo(id);
        assertThat(advice.actor()).isEqualTo(ADVISOR);
        assertThat(advice.changeId()).startsWith("task:").endsWith("/RecordAdvice");
        assertThat(StepInputs.of(advice)).containsEntry("adviceOutcome", "POSITIVE").containsEntry("summary", "good");

        send(id, "withdraw", MUNICIPALITY, Map.of("reason", "merged with a neighbour"));
        StepContext withdrawal = captured(ProcessBeans::drafting, DraftingSteps::withdraw);
        assertThat(withdrawal.actor()).isEqualTo(MUNICIPALITY);
        assertThat(withdrawal.changeId()).endsWith(":withdraw/Withdraw");
        assertThat(StepInputs.of(withdrawal)).containsEntry("reason", "merged with a neighbour")
                .as("variables of an earlier call are gone").doesNotContainKey("adviceOutcome");
        assertThatThrownBy(() -> complete(id, TaskType.DECIDE, PROPOSER, Map.of()))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void completingATaskThatIsNotOpenIsAConflict() throws Exception {
        String id = newApplicationId();
        workflow().start(id);

        assertThatThrownBy(() -> complete(id, TaskType.REVIEW, ADVISOR, Map.of("adviceOutcome", "POSITIVE")))
                .isInstanceOf(ConflictException.class).hasMessageContaining("REVIEW");
        assertThatThrownBy(() -> complete(newApplicationId(), TaskType.PREPARE, MUNICIPALITY, Map.of()))
                .isInstanceOf(ConflictException.class);
        verify(steps.review(), never()).recordAdvice(any());
    }

    @Test
    void aMessageNobodyWaitsForIsAConflict() throws Exception {
        String id = newApplicationId();
        workflow().start(id);
        complete(id, TaskType.PREPARE, MUNICIPALITY, Map.of());
        complete(id, TaskType.REVIEW, ADVISOR, Map.of("adviceOutcome", "POSITIVE"));
        complete(id, TaskType.DECIDE, PROPOSER, Map.of());

        assertThatThrownBy(() -> send(id, "withdraw", MUNICIPALITY, Map.of("reason", "late")))
                .isInstanceOf(ConflictException.class).hasMessageContaining("withdraw");
        assertThatThrownBy(() -> send(id, "no-such-message", MUNICIPALITY, Map.of()))
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> send(newApplicationId(), "withdraw", MUNICIPALITY, Map.of("reason", "x")))
                .isInstanceOf(ConflictException.class);
        verify(steps.drafting(), never()).withdraw(any());
    }

    @Test
    void aStepsExceptionReachesTheCallerUnchangedAndARetryRepeatsTheChangeId() throws Exception {
        String id = newApplicationId();
        workflow().start(id);
        RuleViolationException incomplete = new RuleViolationException("the application is not complete",
                List.of(new FieldError("activities", "at least one activity is required")));
        doThrow(incomplete).doNothing().when(steps.drafting()).startReview(any());

        assertThatThrownBy(() -> complete(id, TaskType.PREPARE, MUNICIPALITY, Map.of())).isSameAs(incomplete);
        assertThatThrownBy(() -> complete(id, TaskType.REVIEW, ADVISOR, Map.of()))
                .as("rolled back: still no review").isInstanceOf(ConflictException.class);

        complete(id, TaskType.PREPARE, MUNICIPALITY, Map.of());
        ArgumentCaptor<StepContext> attempts = ArgumentCaptor.forClass(StepContext.class);
        verify(steps.drafting(), times(2)).startReview(attempts.capture());
        assertThat(attempts.getAllValues().get(1).changeId())
                .as("the retry of the same action").isEqualTo(attempts.getAllValues().get(0).changeId());
    }

    // The engine is shared by this class's tests and runDueJobs runs every application's due jobs: a test that
    // counts first runs what is due just before its own moment (the other tests keep to other years).

    @Test
    void runDueJobsFollowsTheWorkflowClockAndCountsWhatRan() throws Exception {
        String id = newApplicationId();
        clock.set(Instant.parse("2030-03-01T10:00:00Z"));
        workflow().start(id);
        complete(id, TaskType.PREPARE, MUNICIPALITY, Map.of());

        // due 12 April (42 days): overdue from 13 April, 00:00 in Amsterdam
        clock.set(Instant.parse("2030-04-12T21:59:00Z"));
        workflow().runDueJobs();
        assertThat(calls(ProcessBeans::review, ReviewSteps::escalate, id)).as("the due date is not over yet").isEmpty();

        clock.set(Instant.parse("2030-04-12T22:00:00Z"));
        assertThat(workflow().runDueJobs()).isEqualTo(1);
        assertThat(workflow().runDueJobs()).isZero();
        List<StepContext> escalations = calls(ProcessBeans::review, ReviewSteps::escalate, id);
        assertThat(escalations).hasSize(1);
        assertThat(escalations.get(0).actor()).isEqualTo(StepContext.SYSTEM);
        assertThat(escalations.get(0).changeId()).startsWith("job:");
    }

    @Test
    void aFailingJobIsLeftForALaterRun() throws Exception {
        String id = newApplicationId();
        clock.set(Instant.parse("2031-03-01T10:00:00Z"));
        workflow().start(id);
        complete(id, TaskType.PREPARE, MUNICIPALITY, Map.of());
        clock.set(Instant.parse("2031-04-12T09:59:00Z"));
        workflow().runDueJobs();
        reset(MockSteps.all(steps));
        doThrow(new IllegalStateException("DynamoDB is down")).doNothing().when(steps.review()).escalate(any());

        clock.set(Instant.parse("2031-05-01T10:00:00Z"));
        assertThat(workflow().runDueJobs()).as("the failed job is not counted, nor retried in the same run").isZero();
        assertThat(workflow().runDueJobs()).isEqualTo(1);
        List<StepContext> attempts = calls(ProcessBeans::review, ReviewSteps::escalate, id);
        assertThat(attempts).hasSize(2);
        assertThat(attempts.get(1).changeId()).as("a retried job is the same change").isEqualTo(attempts.get(0).changeId());
    }

    /**
     * A timer falls due while a command moves its application's process on: the tick locks the timer's job and waits
     * for the command's turn on the process to end, so the timer's step never runs in the middle of the command. The
     * command, which loaded the job to cancel it before the tick locked it, then loses the race on the job's revision:
     * a concurrent change, which ProcessMove makes again. The timer runs once, after the command.
     */
    @Test
    void aDueTimerWaitsForTheCommandOnItsApplication() throws Exception {
        String id = newApplicationId();
        clock.set(Instant.parse("2034-03-01T10:00:00Z"));
        workflow().start(id);
        complete(id, TaskType.PREPARE, MUNICIPALITY, Map.of());
        clock.set(Instant.parse("2034-04-12T21:59:00Z"));
        workflow().runDueJobs();
        reset(MockSteps.all(steps));
        CountDownLatch adviceBeingRecorded = new CountDownLatch(1);
        CountDownLatch finishAdvice = new CountDownLatch(1);
        doAnswer(call -> {
            adviceBeingRecorded.countDown();
            return finishAdvice.await(10, TimeUnit.SECONDS);
        }).when(steps.review()).recordAdvice(any());

        clock.set(Instant.parse("2034-04-12T22:00:00Z"));
        CompletableFuture<Void> advice = CompletableFuture.runAsync(() -> completeUnchecked(id, TaskType.REVIEW, ADVISOR,
                Map.of("adviceOutcome", "POSITIVE")));
        assertThat(adviceBeingRecorded.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Integer> tick = CompletableFuture.supplyAsync(() -> {
            try {
                return workflow().runDueJobs();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(300);
        assertThat(tick).as("the tick waits for the advice's turn").isNotDone();
        verify(steps.review(), never()).escalate(any());
        finishAdvice.countDown();

        assertThatThrownBy(() -> advice.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(ConcurrentChangeException.class);
        assertThat(tick.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(calls(ProcessBeans::review, ReviewSteps::escalate, id)).hasSize(1);
        complete(id, TaskType.REVIEW, ADVISOR, Map.of("adviceOutcome", "POSITIVE"));
        assertThat(calls(ProcessBeans::review, ReviewSteps::recordAdvice, id)).hasSize(2);
    }

    @Test
    void perYearTasksAreChosenByYear() throws Exception {
        String id = newApplicationId();
        workflow().start(id);
        complete(id, TaskType.PREPARE, MUNICIPALITY, Map.of());
        complete(id, TaskType.REVIEW, ADVISOR, Map.of("adviceOutcome", "POSITIVE"));
        complete(id, TaskType.DECIDE, PROPOSER, Map.of());
        complete(id, TaskType.APPROVE_DECISION, APPROVER,
                Map.of("approval", "APPROVE", "decisionOutcome", "AWARD", "awardedYears", List.of(2025, 2026)));

        clock.set(Instant.parse("2025-12-31T22:59:00Z"));
        workflow().runDueJobs();
        assertThat(calls(ProcessBeans::reporting, ReportingSteps::open, id)).extracting(StepContext::year).containsExactly(2025);
        clock.set(Instant.parse("2025-12-31T23:00:00Z"));
        assertThat(workflow().runDueJobs()).as("1 January 2026 in Amsterdam").isEqualTo(1);
        assertThat(calls(ProcessBeans::reporting, ReportingSteps::open, id)).extracting(StepContext::year).containsExactly(2025, 2026);

        assertThatThrownBy(() -> complete(id, TaskType.REPORT, MUNICIPALITY, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("year");
        assertThatThrownBy(() -> complete(id, TaskType.REPORT, MUNICIPALITY, Map.of("year", 2027)))
                .isInstanceOf(ConflictException.class);

        complete(id, TaskType.REPORT, MUNICIPALITY, Map.of("year", 2026, "narrative", "second year"));
        StepContext report = captured(ProcessBeans::reporting, ReportingSteps::record);
        assertThat(StepInputs.of(report)).containsEntry("year", 2026).containsEntry("narrative", "second year");
        assertThatThrownBy(() -> complete(id, TaskType.REPORT, MUNICIPALITY, Map.of("year", 2026)))
                .isInstanceOf(ConflictException.class);

        complete(id, TaskType.REVIEW_REPORT, PROPOSER, Map.of("year", 2026L, "reportReview", "ACCEPT"));
        assertThat(StepInputs.of(captured(ProcessBeans::reporting, ReportingSteps::accept))).containsEntry("year", 2026);
        verify(steps.settlement(), never()).open(any());
    }

    /** Completes the task as the actor, the given values as the command's request and the gateways' variables. */
    private void complete(String applicationId, TaskType type, Actor actor, Map<String, Object> given) throws Exception {
        workflow().complete(StepInputs.command(applicationId, actor, given), type, StepInputs.gateway(given));
    }

    private void completeUnchecked(String applicationId, TaskType type, Actor actor, Map<String, Object> given) {
        try {
            complete(applicationId, type, actor, given);
        } catch (Exception e) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
    }

    /** Sends the message as the actor, as {@link #complete} does a task. */
    private void send(String applicationId, String message, Actor actor, Map<String, Object> given) throws Exception {
        workflow().send(StepInputs.command(applicationId, actor, given), message, StepInputs.gateway(given));
    }

    /** The contexts of one step's calls for one application, oldest first. */
    private <T> List<StepContext> calls(Function<ProcessBeans, T> slice, BiConsumer<T, StepContext> step, String applicationId) {
        ArgumentCaptor<StepContext> context = ArgumentCaptor.forClass(StepContext.class);
        step.accept(verify(slice.apply(steps), atLeast(0)), context.capture());
        return context.getAllValues().stream().filter(c -> c.applicationId().equals(applicationId)).toList();
    }

    private <T> StepContext captured(Function<ProcessBeans, T> slice, BiConsumer<T, StepContext> step) {
        ArgumentCaptor<StepContext> context = ArgumentCaptor.forClass(StepContext.class);
        step.accept(verify(slice.apply(steps), atLeastOnce()), context.capture());
        return context.getValue();
    }

    /** How many of the engine's tables (ACT_*) the database holds. */
    static int engineTables(EngineSettings database) throws SQLException {
        var login = database.credentials().read();
        try (Connection c = DriverManager.getConnection(database.jdbcUrl(), login.user(), login.password());
             ResultSet tables = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
            int count = 0;
            while (tables.next()) {
                if (tables.getString("TABLE_NAME").toUpperCase().startsWith("ACT_")) {
                    count++;
                }
            }
            return count;
        }
    }
}
