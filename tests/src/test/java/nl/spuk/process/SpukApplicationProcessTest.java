package nl.spuk.process;

import static nl.spuk.process.ProcessDriver.ADVISOR;
import static nl.spuk.process.ProcessDriver.APPROVER;
import static nl.spuk.process.ProcessDriver.MUNICIPALITY;
import static nl.spuk.process.ProcessDriver.PROPOSER;
import static nl.spuk.process.ProcessDriver.at;
import static nl.spuk.process.ProcessTestEngine.STEPS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.reset;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicReference;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import nl.spuk.adapter.in.workflow.ProcessBeans;
import nl.spuk.application.ProcessNames;
import nl.spuk.application.RuleViolationException;
import nl.spuk.application.StepContext;
import nl.spuk.application.decision.DecisionSteps;
import nl.spuk.application.drafting.DraftingSteps;
import nl.spuk.application.reporting.ReportingSteps;
import nl.spuk.application.review.ReviewSteps;
import nl.spuk.application.settlement.SettlementSteps;
import nl.spuk.domain.FieldError;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;

/**
 * Process tests of {@code spuk-application.bpmn}: every path of the lifecycle on the real engine, with the
 * business steps mocked. They check which step runs when, as whom, with which change id, and where the process
 * waits afterwards.
 */
class SpukApplicationProcessTest {
    @RegisterExtension
    static final ProcessEngineExtension EXTENSION = ProcessEngineExtension.builder()
            .useProcessEngine(ProcessTestEngine.get()).build();
    /** Injected by the extension. */
    private ProcessEngine engine;

    @BeforeEach
    void setUp() {
        BpmnAwareTests.init(engine);
        reset(MockSteps.all(STEPS));
    }

    @Test
    void happyPathRunsEveryStepOnceAndEndsSettled() {
        ProcessDriver app = ProcessDriver.start(engine, "2024-11-01T09:00:00Z");
        assertThat(app.instance).isWaitingAt("PREPARE");

        String prepareTask = app.complete("PREPARE", MUNICIPALITY);
        StepContext submitted = captured(ProcessBeans::drafting, DraftingSteps::startReview);
        assertThat(submitted.applicationId()).isEqualTo(app.applicationId());
        assertThat(submitted.actor()).isEqualTo(MUNICIPALITY);
        assertThat(submitted.changeId()).isEqualTo("task:" + prepareTask + "/StartReview");
        assertThat(app.instance).isWaitingAt("REVIEW");

        app.complete("REVIEW", ADVISOR, "adviceOutcome", "POSITIVE", "summary", "a fine plan");
        StepContext advice = captured(ProcessBeans::review, ReviewSteps::recordAdvice);
        assertThat(advice.actor()).isEqualTo(ADVISOR);
        assertThat(StepInputs.of(advice)).containsEntry("adviceOutcome", "POSITIVE").containsEntry("summary", "a fine plan")
                .doesNotContainKeys(ProcessNames.COMMAND, ProcessNames.CHANGE_ID);
        assertThat(app.instance).isWaitingAt("DECIDE");

        app.complete("DECIDE", PROPOSER, "decisionOutcome", "AWARD");
        assertThat(captured(ProcessBeans::decision, DecisionSteps::propose).actor()).isEqualTo(PROPOSER);
        assertThat(app.instance).isWaitingAt("APPROVE_DECISION");

        app.complete("APPROVE_DECISION", APPROVER, "approval", "APPROVE", "decisionOutcome", "AWARD",
                "awardedYears", List.of(2025, 2026));
        assertThat(captured(ProcessBeans::decision, DecisionSteps::approve).actor()).isEqualTo(APPROVER);
        assertThat(app.instance).isWaitingAt("YearBegins");
        assertThat(app.timers()).hasSize(2);

        for (int year : new int[] {2025, 2026}) {
            at(year - 1 + "-12-31T23:00:00Z"); // 1 January, 00:00 in Amsterdam
            assertThat(app.runDueJobs()).isEqualTo(1);
            String reportTask = app.completeYear("REPORT", year, MUNICIPALITY, "narrative", "spent well");
            StepContext report = captured(ProcessBeans::reporting, ReportingSteps::record);
            assertThat(StepInputs.of(report)).containsEntry("year", year).containsEntry("narrative", "spent well");
            assertThat(report.changeId()).isEqualTo("task:" + reportTask + "/RecordReport");
            app.completeYear("REVIEW_REPORT", year, PROPOSER, "reportReview", "ACCEPT");
        }
        assertThat(app.instance).isWaitingAt("SETTLE");

        app.complete("SETTLE", PROPOSER);
        app.complete("APPROVE_SETTLEMENT", APPROVER, "settlementApproval", "APPROVE");
        assertThat(captured(ProcessBeans::settlement, SettlementSteps::settle).actor()).isEqualTo(APPROVER);
        assertThat(app.instance).isEnded().hasPassed("Settled").hasNotPassed("Withdrawn", "Rejected", "ReturnDecision");

        InOrder order = inOrder(MockSteps.all(STEPS));
        order.verify(STEPS.drafting()).startReview(any());
        order.verify(STEPS.review()).recordAdvice(any());
        order.verify(STEPS.decision()).propose(any());
        order.verify(STEPS.decision()).approve(any());
        for (int i = 0; i < 2; i++) {
            order.verify(STEPS.reporting()).open(any());
            order.verify(STEPS.reporting()).record(any());
            order.verify(STEPS.reporting()).accept(any());
        }
        order.verify(STEPS.settlement()).open(any());
        order.verify(STEPS.settlement()).propose(any());
        order.verify(STEPS.settlement()).settle(any());
        // the timers asked for the dates they follow
        verify(STEPS.review()).reviewDueDate(any());
        verify(STEPS.reporting(), times(2 * 3)).dueDate(any());
        verifyNoMoreInteractions(MockSteps.all(STEPS));
    }

    @Test
    void oneActionThatRunsTwoStepsGivesEachItsOwnChangeId() {
        ProcessDriver app = awarded("2024-11-01T09:00:00Z", List.of(2025));
        at("2025-01-01T10:00:00Z");
        app.runDueJobs();
        app.completeYear("REPORT", 2025, MUNICIPALITY);
        String reviewTask = app.completeYear("REVIEW_REPORT", 2025, PROPOSER, "reportReview", "ACCEPT");

        assertThat(captured(ProcessBeans::reporting, ReportingSteps::accept).changeId()).isEqualTo("task:" + reviewTask + "/AcceptReport");
        assertThat(captured(ProcessBeans::settlement, SettlementSteps::open).changeId()).isEqualTo("task:" + reviewTask + "/OpenSettlement");
        assertThat(app.instance).isWaitingAt("SETTLE");
    }

    @Test
    void requestedChangesGoBackToTheMunicipalityAndThenToReviewAgain() {
        ProcessDriver app = ProcessDriver.start(engine, "2024-11-01T09:00:00Z");
        app.complete("PREPARE", MUNICIPALITY);
        app.complete("REVIEW", ADVISOR, "adviceOutcome", "CHANGES_REQUESTED");
        assertThat(app.instance).isWaitingAt("REVISE");

        String reviseTask = app.complete("REVISE", MUNICIPALITY);
        ArgumentCaptor<StepContext> starts = ArgumentCaptor.forClass(StepContext.class);
        verify(STEPS.drafting(), times(2)).startReview(starts.capture());
        assertThat(starts.getValue().changeId()).isEqualTo("task:" + reviseTask + "/StartReview");
        assertThat(app.instance).isWaitingAt("REVIEW");

        app.complete("REVIEW", ADVISOR, "adviceOutcome", "NEGATIVE");
        assertThat(app.instance).isWaitingAt("DECIDE");
        verify(STEPS.review(), times(2)).recordAdvice(any());
    }

    @Test
    void withdrawalWhilePreparing() {
        ProcessDriver app = ProcessDriver.start(engine, "2024-11-01T09:00:00Z");
        assertWithdrawnFrom(app, "PREPARE");
    }

    @Test
    void withdrawalDuringReview() {
        ProcessDriver app = ProcessDriver.start(engine, "2024-11-01T09:00:00Z");
        app.complete("PREPARE", MUNICIPALITY);
        assertWithdrawnFrom(app, "REVIEW");
        assertThat(app.timers()).as("the review's escalation timer is gone with it").isEmpty();
    }

    @Test
    void withdrawalDuringRevision() {
        ProcessDriver app = ProcessDriver.start(engine, "2024-11-01T09:00:00Z");
        app.complete("PREPARE", MUNICIPALITY);
        app.complete("REVIEW", ADVISOR, "adviceOutcome", "CHANGES_REQUESTED");
        assertWithdrawnFrom(app, "REVISE");
    }

    @Test
    void withdrawalWhenAdvised() {
        ProcessDriver app = advised("2024-11-01T09:00:00Z");
        assertWithdrawnFrom(app, "DECIDE");
    }

    @Test
    void noWithdrawalOnceADecisionIsProposed() {
        ProcessDriver app = advised("2024-11-01T09:00:00Z");
        app.complete("DECIDE", PROPOSER);

        assertThatThrownBy(() -> app.withdraw(MUNICIPALITY, "too late")).isInstanceOf(MismatchingMessageCorrelationException.class);
        assertThat(app.instance).isWaitingAt("APPROVE_DECISION");
        verify(STEPS.drafting(), never()).withdraw(any());
    }

    @Test
    void aReturnedDecisionGoesBackToDecide() {
        ProcessDriver app = advised("2024-11-01T09:00:00Z");
        app.complete("DECIDE", PROPOSER);
        app.complete("APPROVE_DECISION", APPROVER, "approval", "RETURN", "reason", "amounts too high");

        StepContext returned = captured(ProcessBeans::decision, DecisionSteps::returnToAdvised);
        assertThat(returned.actor()).isEqualTo(APPROVER);
        assertThat(StepInputs.of(returned)).containsEntry("reason", "amounts too high");
        assertThat(app.instance).isWaitingAt("DECIDE");
        verify(STEPS.decision(), never()).approve(any());

        app.complete("DECIDE", PROPOSER);
        assertThat(app.instance).isWaitingAt("APPROVE_DECISION");
        verify(STEPS.decision(), times(2)).propose(any());
    }

    @Test
    void aRejectionEndsTheProcessWithoutReporting() {
        ProcessDriver app = advised("2024-11-01T09:00:00Z");
        app.complete("DECIDE", PROPOSER);
        app.complete("APPROVE_DECISION", APPROVER, "approval", "APPROVE", "decisionOutcome", "REJECT");

        verify(STEPS.decision()).approve(any());
        assertThat(app.instance).isEnded().hasPassed("Rejected").hasNotPassed("Reporting", "Settled");
        assertThat(app.timers()).isEmpty();
    }

    @Test
    void aReviewOpenPastItsDueDateIsEscalatedAndStaysOpen() {
        ProcessDriver app = ProcessDriver.start(engine, "2025-03-01T10:00:00Z");
        app.complete("PREPARE", MUNICIPALITY);
        // due 12 April (42 days): overdue from 13 April, 00:00 in Amsterdam (summer time: UTC+2)
        assertThat(app.timerDue("ReviewTakesLong", null)).isEqualTo(Instant.parse("2025-04-12T22:00:00Z"));

        at("2025-04-12T21:59:59Z");
        assertThat(app.runDueJobs()).isZero();
        at("2025-04-12T22:00:00Z");
        assertThat(app.runDueJobs()).isEqualTo(1);

        StepContext escalated = captured(ProcessBeans::review, ReviewSteps::escalate);
        assertThat(escalated.actor()).isEqualTo(StepContext.SYSTEM);
        assertThat(escalated.changeId()).startsWith("job:").endsWith("/EscalateReview");
        assertThat(app.instance).isWaitingAt("REVIEW").hasPassed("ReviewEscalated");

        app.complete("REVIEW", ADVISOR, "adviceOutcome", "POSITIVE");
        assertThat(app.instance).isWaitingAt("DECIDE");
    }

    @Test
    void theEscalationFollowsTheReviewDueDateThatMovedWhileChangesWereRequested() {
        // the step answers the stored date: 42 days from 1 March, then 10 days later after 10 days with the municipality
        when(STEPS.review().reviewDueDate(any())).thenReturn(LocalDate.parse("2025-04-12"), LocalDate.parse("2025-04-22"));
        ProcessDriver app = ProcessDriver.start(engine, "2025-03-01T10:00:00Z");
        app.complete("PREPARE", MUNICIPALITY);
        assertThat(app.timerDue("ReviewTakesLong", null)).isEqualTo(Instant.parse("2025-04-12T22:00:00Z"));
        at("2025-03-10T10:00:00Z");
        app.complete("REVIEW", ADVISOR, "adviceOutcome", "CHANGES_REQUESTED");
        assertThat(app.timers()).as("no review clock while the plan is with the municipality").isEmpty();
        at("2025-03-20T10:00:00Z");
        app.complete("REVISE", MUNICIPALITY);

        StepContext asked = captured(ProcessBeans::review, ReviewSteps::reviewDueDate);
        assertThat(asked.applicationId()).isEqualTo(app.applicationId());
        assertThat(app.timerDue("ReviewTakesLong", null)).isEqualTo(Instant.parse("2025-04-22T22:00:00Z"));
        at("2025-04-12T22:00:00Z");
        assertThat(app.runDueJobs()).as("the old date is gone").isZero();
        at("2025-04-22T22:00:00Z");
        assertThat(app.runDueJobs()).isEqualTo(1);
        verify(STEPS.review()).escalate(any());
        assertThat(app.instance).isWaitingAt("REVIEW").hasPassed("ReviewEscalated");
    }

    @Test
    void aReviewDoneInTimeIsNotEscalated() {
        ProcessDriver app = ProcessDriver.start(engine, "2025-03-01T10:00:00Z");
        app.complete("PREPARE", MUNICIPALITY);
        at("2025-04-11T10:00:00Z");
        app.complete("REVIEW", ADVISOR, "adviceOutcome", "POSITIVE");

        at("2025-05-01T10:00:00Z");
        assertThat(app.runDueJobs()).isZero();
        verify(STEPS.review(), never()).escalate(any());
    }

    @Test
    void eachYearsReportOpensOnTheFirstOfJanuaryInAmsterdam() {
        ProcessDriver app = awarded("2024-11-01T09:00:00Z", List.of(2025, 2026));
        // 1 January 00:00 in Amsterdam is 23:00 UTC the day before (winter time)
        assertThat(app.timerDue("YearBegins", 2025)).isEqualTo(Instant.parse("2024-12-31T23:00:00Z"));
        assertThat(app.timerDue("YearBegins", 2026)).isEqualTo(Instant.parse("2025-12-31T23:00:00Z"));

        at("2024-12-31T22:59:59Z");
        assertThat(app.runDueJobs()).isZero();
        at("2024-12-31T23:00:00Z");
        assertThat(app.runDueJobs()).isEqualTo(1);

        StepContext opened = captured(ProcessBeans::reporting, ReportingSteps::open);
        assertThat(StepInputs.of(opened)).containsEntry("year", 2025);
        assertThat(opened.actor()).isEqualTo(StepContext.SYSTEM);
        assertThat(opened.changeId()).startsWith("job:").endsWith("/OpenReport");
        // the report's due date is the deadline day, 15 July of the next year (summer time: UTC+2)
        assertThat(app.task("REPORT", 2025).getDueDate().toInstant()).isEqualTo(Instant.parse("2026-07-14T22:00:00Z"));
        assertThat(app.timerDue("YearBegins", 2026)).isEqualTo(Instant.parse("2025-12-31T23:00:00Z"));
    }

    @Test
    void aYearThatHasBegunOpensItsReportInTheApprovalItself() {
        ProcessDriver app = awarded("2025-03-01T09:00:00Z", List.of(2025, 2026));

        StepContext opened = captured(ProcessBeans::reporting, ReportingSteps::open);
        assertThat(StepInputs.of(opened)).containsEntry("year", 2025);
        assertThat(opened.actor()).as("the approver's command, not a timer").isEqualTo(APPROVER);
        assertThat(opened.changeId()).startsWith("task:").endsWith("/OpenReport");
        assertThat(app.task("REPORT", 2025)).isNotNull();
        assertThat(app.timerDue("ReminderDue", 2025)).isEqualTo(Instant.parse("2026-06-14T22:00:00Z"));
        assertThat(app.timerDue("YearBegins", 2026)).isEqualTo(Instant.parse("2025-12-31T23:00:00Z"));
        assertThat(app.runDueJobs()).isZero();

        app.completeYear("REPORT", 2025, MUNICIPALITY);
        assertThat(app.instance).isWaitingAt("REVIEW_REPORT", "YearBegins");
    }

    @Test
    void anExtensionBeforeTheDeadlineMovesTheReminderAndTheChase() {
        AtomicReference<LocalDate> due = followStoredDueDate();
        ProcessDriver app = awarded("2024-11-01T09:00:00Z", List.of(2025));
        at("2025-01-01T08:00:00Z");
        app.runDueJobs();
        at("2026-05-01T08:00:00Z");
        app.extend(2025, PROPOSER, "2026-09-01");

        StepContext extended = captured(ProcessBeans::reporting, ReportingSteps::extend);
        assertThat(StepInputs.of(extended)).containsEntry("year", 2025).containsEntry("dueDate", "2026-09-01");
        assertThat(extended.actor()).isEqualTo(PROPOSER);
        assertThat(extended.changeId()).endsWith(":extendReportDeadline/ExtendReportDeadline");
        assertThat(due.get()).isEqualTo(LocalDate.parse("2026-09-01"));
        assertThat(app.instance).isWaitingAt("REPORT");
        assertThat(app.task("REPORT", 2025).getDueDate().toInstant()).isEqualTo(Instant.parse("2026-08-31T22:00:00Z"));
        assertThat(app.timerDue("ReminderDue", 2025)).isEqualTo(Instant.parse("2026-08-01T22:00:00Z"));
        assertThat(app.timerDue("ReportOverdue", 2025)).isEqualTo(Instant.parse("2026-09-01T22:00:00Z"));

        at("2026-07-16T08:00:00Z");
        assertThat(app.runDueJobs()).as("neither the old reminder nor the old chase").isZero();
        at("2026-08-01T22:00:00Z");
        assertThat(app.runDueJobs()).isEqualTo(1);
        verify(STEPS.reporting()).remind(any());
        at("2026-09-01T21:59:59Z");
        assertThat(app.runDueJobs()).isZero();
        at("2026-09-01T22:00:00Z");
        assertThat(app.runDueJobs()).isEqualTo(1);
        verify(STEPS.reporting()).chase(any());
        assertThat(app.instance).isWaitingAt("REPORT");
    }

    @Test
    void anExtensionAfterTheChaseClosesItUntilTheDayAfterTheNewDate() {
        AtomicReference<LocalDate> due = followStoredDueDate();
        ProcessDriver app = awarded("2024-11-01T09:00:00Z", List.of(2025));
        at("2025-01-01T08:00:00Z");
        app.runDueJobs();
        at("2026-07-16T08:00:00Z");
        assertThat(app.runDueJobs()).as("the reminder and the chase").isEqualTo(2);
        verify(STEPS.reporting()).chase(any());

        at("2026-07-20T08:00:00Z");
        app.extend(2025, PROPOSER, "2026-08-15");
        assertThat(due.get()).isEqualTo(LocalDate.parse("2026-08-15"));
        assertThat(app.timerDue("ReportOverdue", 2025)).isEqualTo(Instant.parse("2026-08-15T22:00:00Z"));
        // the reminder for the new date fell due before the extension: it runs at once (the step decides to send it)
        assertThat(app.runDueJobs()).isEqualTo(1);
        verify(STEPS.reporting(), times(2)).remind(any());

        at("2026-08-15T21:59:59Z");
        assertThat(app.runDueJobs()).isZero();
        at("2026-08-15T22:00:00Z");
        assertThat(app.runDueJobs()).isEqualTo(1);
        verify(STEPS.reporting(), times(2)).chase(any());

        app.completeYear("REPORT", 2025, MUNICIPALITY);
        assertThat(app.instance).isWaitingAt("REVIEW_REPORT");
        assertThat(app.timers()).isEmpty();
    }

    @Test
    void noExtensionOnceTheReportIsSubmitted() {
        ProcessDriver app = awarded("2024-11-01T09:00:00Z", List.of(2025));
        at("2025-01-01T08:00:00Z");
        app.runDueJobs();
        app.completeYear("REPORT", 2025, MUNICIPALITY);
        assertThat(engine.getRuntimeService().createExecutionQuery().processInstanceId(app.instance.getId())
                .messageEventSubscriptionName("extendReportDeadline").count()).isZero();
    }

    /** The mocked steps store the extended date as the real one does, and the timers read it back. */
    private static AtomicReference<LocalDate> followStoredDueDate() {
        AtomicReference<LocalDate> due = new AtomicReference<>(LocalDate.parse("2026-07-15"));
        doAnswer(call -> due.get()).when(STEPS.reporting()).dueDate(any());
        doAnswer(call -> {
            due.set(LocalDate.parse((String) StepInputs.of(call.getArgument(0)).get("dueDate")));
            return null;
        }).when(STEPS.reporting()).extend(any());
        return due;
    }

    @Test
    void aReportIsRemindedThirtyDaysBeforeTheDeadlineAndChasedTheDayAfter() {
        ProcessDriver app = awarded("2024-11-01T09:00:00Z", List.of(2025));
        at("2025-01-01T08:00:00Z");
        app.runDueJobs();
        assertThat(app.timerDue("ReminderDue", 2025)).isEqualTo(Instant.parse("2026-06-14T22:00:00Z"));
        assertThat(app.timerDue("ReportOverdue", 2025)).isEqualTo(Instant.parse("2026-07-15T22:00:00Z"));

        at("2026-06-14T22:00:00Z");
        assertThat(app.runDueJobs()).isEqualTo(1);
        StepContext reminded = captured(ProcessBeans::reporting, ReportingSteps::remind);
        assertThat(StepInputs.of(reminded)).containsEntry("year", 2025);
        assertThat(reminded.actor()).isEqualTo(StepContext.SYSTEM);
        assertThat(app.instance).isWaitingAt("REPORT");

        at("2026-07-15T21:59:59Z");
        assertThat(app.runDueJobs()).isZero();
        at("2026-07-15T22:00:00Z");
        assertThat(app.runDueJobs()).isEqualTo(1);
        StepContext chased = captured(ProcessBeans::reporting, ReportingSteps::chase);
        assertThat(StepInputs.of(chased)).containsEntry("year", 2025);
        assertThat(chased.changeId()).startsWith("job:").endsWith("/ChaseReport").isNotEqualTo(reminded.changeId());
        assertThat(app.instance).isWaitingAt("REPORT");

        app.completeYear("REPORT", 2025, MUNICIPALITY);
        assertThat(app.instance).isWaitingAt("REVIEW_REPORT");
        assertThat(app.timers()).as("the report's timers end with it").isEmpty();
    }

    @Test
    void aRejectedReportIsResubmitted() {
        ProcessDriver app = awarded("2024-11-01T09:00:00Z", List.of(2025));
        at("2025-01-01T08:00:00Z");
        app.runDueJobs();
        at("2026-03-01T08:00:00Z");
        app.completeYear("REPORT", 2025, MUNICIPALITY);
        app.completeYear("REVIEW_REPORT", 2025, PROPOSER, "reportReview", "REJECT", "reason", "no figures");

        StepContext rejected = captured(ProcessBeans::reporting, ReportingSteps::reject);
        assertThat(StepInputs.of(rejected)).containsEntry("year", 2025).containsEntry("reason", "no figures");
        assertThat(app.instance).isWaitingAt("REPORT");
        assertThat(app.timerDue("ReminderDue", 2025)).isEqualTo(Instant.parse("2026-06-14T22:00:00Z"));

        app.completeYear("REPORT", 2025, MUNICIPALITY);
        app.completeYear("REVIEW_REPORT", 2025, PROPOSER, "reportReview", "ACCEPT");
        verify(STEPS.reporting(), times(2)).record(any());
        verify(STEPS.reporting()).accept(any());
        assertThat(app.instance).isWaitingAt("SETTLE");
    }

    @Test
    void theYearsRunIndependently() {
        ProcessDriver app = awarded("2024-11-01T09:00:00Z", List.of(2025, 2026));
        at("2025-12-31T23:00:00Z");
        assertThat(app.runDueJobs()).isEqualTo(2);
        app.completeYear("REPORT", 2026, MUNICIPALITY);
        app.completeYear("REVIEW_REPORT", 2026, PROPOSER, "reportReview", "ACCEPT");

        assertThat(app.task("REPORT", 2025)).isNotNull();
        verify(STEPS.settlement(), never()).open(any());
        assertThat(StepInputs.of(captured(ProcessBeans::reporting, ReportingSteps::accept))).containsEntry("year", 2026);

        app.completeYear("REPORT", 2025, MUNICIPALITY);
        app.completeYear("REVIEW_REPORT", 2025, PROPOSER, "reportReview", "ACCEPT");
        verify(STEPS.settlement()).open(any());
        assertThat(app.instance).isWaitingAt("SETTLE");
    }

    @Test
    void aReturnedSettlementGoesBackToSettle() {
        ProcessDriver app = awarded("2024-11-01T09:00:00Z", List.of());
        verify(STEPS.settlement()).open(any());
        app.complete("SETTLE", PROPOSER);
        app.complete("APPROVE_SETTLEMENT", APPROVER, "settlementApproval", "RETURN", "reason", "reclaim too low");
        StepContext returned = captured(ProcessBeans::settlement, SettlementSteps::returnToProposal);
        assertThat(returned.actor()).isEqualTo(APPROVER);
        assertThat(StepInputs.of(returned)).containsEntry("reason", "reclaim too low");
        assertThat(app.instance).isWaitingAt("SETTLE");
        verify(STEPS.settlement(), never()).settle(any());

        app.complete("SETTLE", PROPOSER);
        app.complete("APPROVE_SETTLEMENT", APPROVER, "settlementApproval", "APPROVE");
        verify(STEPS.settlement(), times(2)).propose(any());
        assertThat(app.instance).isEnded().hasPassed("Settled");
    }

    @Test
    void aFailingStepRollsBackAndLeavesTheTaskOpen() {
        RuleViolationException incomplete = new RuleViolationException("the application is not complete",
                List.of(new FieldError("documents", "a PLAN document is required")));
        doThrow(incomplete).when(STEPS.drafting()).startReview(any());
        ProcessDriver app = ProcessDriver.start(engine, "2024-11-01T09:00:00Z");
        String prepareTask = app.task("PREPARE", null).getId();

        // the engine wraps an exception thrown by an expression; the adapter unwraps it (see CamundaWorkflowContract)
        assertThatThrownBy(() -> app.complete("PREPARE", MUNICIPALITY))
                .isInstanceOf(ProcessEngineException.class)
                .rootCause().isSameAs(incomplete);
        assertThat(app.instance).isWaitingAt("PREPARE");
        assertThat(app.task("PREPARE", null).getId()).isEqualTo(prepareTask);
        assertThat(app.timers()).isEmpty();
    }

    private ProcessDriver advised(String now) {
        ProcessDriver app = ProcessDriver.start(engine, now);
        app.complete("PREPARE", MUNICIPALITY);
        app.complete("REVIEW", ADVISOR, "adviceOutcome", "POSITIVE");
        return app;
    }

    private ProcessDriver awarded(String now, List<Integer> years) {
        ProcessDriver app = advised(now);
        app.complete("DECIDE", PROPOSER);
        app.complete("APPROVE_DECISION", APPROVER, "approval", "APPROVE", "decisionOutcome", "AWARD", "awardedYears", years);
        return app;
    }

    private static void assertWithdrawnFrom(ProcessDriver app, String task) {
        assertThat(app.instance).isWaitingAt(task);
        app.withdraw(MUNICIPALITY, "plans changed");

        StepContext withdrawn = captured(ProcessBeans::drafting, DraftingSteps::withdraw);
        assertThat(withdrawn.actor()).isEqualTo(MUNICIPALITY);
        assertThat(StepInputs.of(withdrawn)).containsEntry("reason", "plans changed");
        assertThat(withdrawn.changeId()).isEqualTo(app.instance.getId() + ":withdraw/Withdraw");
        assertThat(app.instance).isEnded().hasPassed("Withdrawn");
    }

    /** The context of the last call of one step. */
    private static <T> StepContext captured(Function<ProcessBeans, T> slice, BiConsumer<T, StepContext> step) {
        ArgumentCaptor<StepContext> context = ArgumentCaptor.forClass(StepContext.class);
        step.accept(verify(slice.apply(STEPS), atLeastOnce()), context.capture());
        return context.getValue();
    }
}
