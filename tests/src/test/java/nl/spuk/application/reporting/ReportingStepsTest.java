package nl.spuk.application.reporting;

import static nl.spuk.application.fakes.Scenario.APPROVER;
import static nl.spuk.application.fakes.Scenario.OFFICIAL;
import static nl.spuk.application.fakes.Scenario.YEAR;
import static nl.spuk.application.fakes.Scenario.command;
import static nl.spuk.application.fakes.Scenario.once;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import nl.spuk.application.ConflictException;
import nl.spuk.application.Reason;
import nl.spuk.application.StepContext;
import nl.spuk.application.fakes.Scenario;
import nl.spuk.application.fakes.StepsWorkflow;
import nl.spuk.domain.Application;
import nl.spuk.domain.AttentionPoint;
import nl.spuk.domain.AuditEvent;
import nl.spuk.domain.Report;
import nl.spuk.domain.ReportStatus;
import nl.spuk.domain.Role;
import nl.spuk.domain.SchemeRules;
import nl.spuk.domain.Status;
import nl.spuk.domain.Task;
import nl.spuk.domain.TaskType;
import nl.spuk.domain.Transition;
import org.junit.jupiter.api.Test;

class ReportingStepsTest {
    private final Scenario s = new Scenario();

    private static StepContext timer(Application app, String changeId) {
        return StepContext.ofTimer(app.id(), changeId, YEAR);
    }

    private static Report submitted(Application app, long spent) {
        return new Report(app.id(), YEAR, Map.of(AttentionPoint.VERLICHTEN, spent), 10, 8, "verslag", null,
                ReportStatus.SUBMITTED, Scenario.T0, OFFICIAL.id(), null, null, null);
    }

    private Task task(Application app, TaskType type) {
        return s.applications.openTasks(app.id()).stream().filter(t -> t.type() == type).findFirst().orElseThrow();
    }

    /** Awarded for 2025, the process not yet past its timers: no report opened yet. */
    private Application awardedBeforeTheTimers() {
        Application proposed = s.decisionProposed();
        return s.decisions.approve(APPROVER, once(), proposed.id());
    }

    @Test
    void openOpensTheYearsReportDueOnFifteenJulyOfTheNextYearOnce() {
        Application awarded = awardedBeforeTheTimers();

        s.reportingSteps.open(timer(awarded, "job:1/OpenReport"));
        s.reportingSteps.open(timer(s.stored(awarded.id()), "job:1/OpenReport"));

        Task report = task(awarded, TaskType.REPORT);
        assertThat(report.taskId()).isEqualTo(awarded.id() + ":REPORT:2025");
        assertThat(report.dueDate()).isEqualTo(LocalDate.of(2026, 7, 15));
        assertThat(report.isVisibleTo(OFFICIAL)).isTrue();
        assertThat(s.applications.count(awarded.id(), "REPORT_OPENED")).isEqualTo(1);
        assertThat(s.stored(awarded.id()).status()).isEqualTo(Status.AWARDED);
    }

    @Test
    void aReminderIsRecordedOnceBeforeTheDeadlineAndNotOnceTheReportArrived() {
        Application awarded = s.awarded();
        Application other = s.reportSubmitted(100);
        s.clock.setDay(LocalDate.of(2026, 6, 15));

        s.reportingSteps.remind(timer(awarded, "job:2/RemindReport"));
        s.reportingSteps.remind(timer(awarded, "job:2/RemindReport"));

        assertThat(s.applications.history(awarded.id())).filteredOn(e -> e.action().equals("REPORT_REMINDER"))
                .singleElement().satisfies(e -> assertThat(e.details())
                        .containsEntry("year", 2025L).containsEntry("deadline", "2026-07-15"));

        s.reportingSteps.remind(timer(other, "job:3/RemindReport"));
        assertThat(s.applications.count(other.id(), "REPORT_REMINDER")).isZero();
    }

    @Test
    void noReminderComesAfterTheDeadline() {
        Application awarded = s.awarded();
        s.clock.set(Instant.parse("2026-07-15T22:30:00Z")); // 16 July in the Netherlands

        s.reportingSteps.remind(timer(awarded, "job:2/RemindReport"));

        assertThat(s.applications.count(awarded.id(), "REPORT_REMINDER")).isZero();
    }

    @Test
    void theChaseOfAnOverdueReportIsAMinistryTaskOpenedOnce() {
        Application awarded = s.awarded();
        s.clock.setDay(LocalDate.of(2026, 7, 16));

        s.reportingSteps.chase(timer(awarded, "job:3/ChaseReport"));
        s.reportingSteps.chase(timer(s.stored(awarded.id()), "job:3/ChaseReport"));

        Task chase = task(awarded, TaskType.CHASE_OVERDUE_REPORT);
        assertThat(chase.taskId()).isEqualTo(awarded.id() + ":CHASE_OVERDUE_REPORT:2025");
        assertThat(chase.dueDate()).isEqualTo(LocalDate.of(2026, 7, 15));
        assertThat(s.applications.tasksFor(APPROVER)).contains(chase);
        assertThat(s.applications.tasksFor(OFFICIAL)).doesNotContain(chase);
        assertThat(s.applications.count(awarded.id(), "REPORT_OVERDUE")).isEqualTo(1);
        assertThat(s.figures.overdueReports(YEAR)).isEqualTo(1);
    }

    @Test
    void noChaseForAReportThatArrived() {
        Application reporting = s.reportSubmitted(100);

        s.reportingSteps.chase(timer(reporting, "job:3/ChaseReport"));

        assertThat(s.applications.openTasks(reporting.id())).extracting(Task::type).containsExactly(TaskType.REVIEW_REPORT);
    }

    @Test
    void theProcessRemindsThirtyDaysBeforeTheDeadlineAndChasesTheDayAfter() {
        Application awarded = s.awarded();
        s.clock.set(LocalDate.of(2026, 6, 15).atStartOfDay(SchemeRules.ZONE).toInstant().minusSeconds(1));
        assertThat(s.workflow.runDueJobs()).isZero();

        s.clock.setDay(LocalDate.of(2026, 6, 15));
        assertThat(s.workflow.runDueJobs()).isEqualTo(1);
        assertThat(s.applications.count(awarded.id(), "REPORT_REMINDER")).isEqualTo(1);

        s.clock.setDay(LocalDate.of(2026, 7, 15));
        assertThat(s.workflow.runDueJobs()).isZero();
        s.clock.setDay(LocalDate.of(2026, 7, 16));
        assertThat(s.workflow.runDueJobs()).isEqualTo(1);
        assertThat(s.applications.openTasks(awarded.id())).extracting(Task::type)
                .containsExactlyInAnyOrder(TaskType.REPORT, TaskType.CHASE_OVERDUE_REPORT);
        assertThat(s.workflow.stepsRun()).last().asString().startsWith("job:").endsWith("/ChaseReport");
    }

    @Test
    void recordStoresTheReportMovesToReportingAndClosesTheReportAndItsChase() {
        Application awarded = s.awarded();
        s.clock.set(Instant.parse("2026-07-15T22:30:00Z")); // 16 July in the Netherlands: late
        s.reportingSteps.chase(timer(awarded, "job:3/ChaseReport"));
        Application chased = s.stored(awarded.id());
        StepContext step = StepContext.of(command(chased, OFFICIAL, submitted(chased, 700_000)), "c-1/RecordReport", YEAR);

        s.reportingSteps.record(step);
        s.reportingSteps.record(step);

        assertThat(s.stored(awarded.id()).status()).isEqualTo(Status.REPORTING);
        assertThat(s.applications.reports(awarded.id())).singleElement()
                .satisfies(r -> assertThat(r.totalSpentCents()).isEqualTo(700_000));
        assertThat(s.applications.openTasks(awarded.id())).extracting(Task::taskId)
                .containsExactly(awarded.id() + ":REVIEW_REPORT:2025");
        AuditEvent recorded = s.applications.history(awarded.id()).stream()
                .filter(e -> e.action().equals("REPORT_SUBMITTED")).findFirst().orElseThrow();
        assertThat(recorded.details()).containsEntry("late", true).containsEntry("year", 2025L);
        assertThat(recorded.fromStatus()).isEqualTo(Status.AWARDED);
        assertThat(recorded.toStatus()).isEqualTo(Status.REPORTING);
        assertThat(s.applications.count(awarded.id(), "REPORT_SUBMITTED")).isEqualTo(1);
    }

    @Test
    void rejectReopensTheReportWithItsDeadlineAndConverges() {
        Application reporting = s.reportSubmitted(800_000);
        StepContext step = StepContext.of(command(reporting, APPROVER, new Reason("Onvolledig")), "c-1/RejectReport", YEAR);

        s.reportingSteps.reject(step);
        s.reportingSteps.reject(step);

        assertThat(s.applications.reports(reporting.id())).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(ReportStatus.REJECTED);
            assertThat(r.rejectionReason()).isEqualTo("Onvolledig");
            assertThat(r.reviewedBy()).isEqualTo(APPROVER.id());
        });
        assertThat(task(reporting, TaskType.REPORT).dueDate()).isEqualTo(LocalDate.of(2026, 7, 15));
        assertThat(s.applications.count(reporting.id(), "REPORT_REJECTED")).isEqualTo(1);
    }

    @Test
    void aReviewedReportIsNotReviewedAgainAndAMissingOneNotAtAll() {
        Application reporting = s.reportSubmitted(800_000);
        s.reportingSteps.reject(StepContext.of(command(reporting, APPROVER, new Reason("Onvolledig")), "c-1/RejectReport", YEAR));
        Application rejected = s.stored(reporting.id());

        assertThatThrownBy(() -> s.reportingSteps.accept(StepContext.of(command(rejected, APPROVER, new Reason(null)),
                "c-2/AcceptReport", YEAR))).isInstanceOf(Transition.NotAllowed.class);
        Application awarded = s.awarded();
        assertThatThrownBy(() -> s.reportingSteps.accept(StepContext.of(command(awarded, APPROVER, new Reason(null)),
                "c-3/AcceptReport", YEAR))).isInstanceOf(ConflictException.class).hasMessageContaining("no report on 2025");
    }

    @Test
    void acceptMarksTheReportAcceptedAndItsSpendingCountsInTheFigures() {
        Application reporting = s.reportSubmitted(800_000);

        s.reportingSteps.accept(StepContext.of(command(reporting, APPROVER, new Reason(null)), "c-1/AcceptReport", YEAR));

        assertThat(s.applications.reports(reporting.id())).singleElement()
                .satisfies(r -> assertThat(r.status()).isEqualTo(ReportStatus.ACCEPTED));
        assertThat(s.applications.openTasks(reporting.id())).isEmpty();
        assertThat(s.applications.history(reporting.id()).get(s.applications.history(reporting.id()).size() - 1).role())
                .isEqualTo(Role.MINISTRY);
        assertThat(s.figures.forMunicipality(reporting.municipalityCode(), YEAR).reportedSpentCents()).isEqualTo(800_000);
    }
}
