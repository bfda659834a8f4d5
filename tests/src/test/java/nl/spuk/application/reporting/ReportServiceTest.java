package nl.spuk.application.reporting;

import static nl.spuk.application.fakes.Scenario.ADVISOR;
import static nl.spuk.application.fakes.Scenario.APPROVER;
import static nl.spuk.application.fakes.Scenario.OFFICIAL;
import static nl.spuk.application.fakes.Scenario.PROPOSER;
import static nl.spuk.application.fakes.Scenario.T0;
import static nl.spuk.application.fakes.Scenario.UTRECHT_OFFICIAL;
import static nl.spuk.application.fakes.Scenario.YEAR;
import static nl.spuk.application.fakes.Scenario.once;
import static nl.spuk.application.fakes.Scenario.plan;
import static nl.spuk.application.fakes.Scenario.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.spuk.application.ConflictException;
import nl.spuk.application.ForbiddenException;
import nl.spuk.application.NotFoundException;
import nl.spuk.application.RequestId;
import nl.spuk.application.RuleViolationException;
import nl.spuk.application.fakes.Scenario;
import nl.spuk.domain.Application;
import nl.spuk.domain.AttentionPoint;
import nl.spuk.domain.AuditEvent;
import nl.spuk.domain.DocumentKind;
import nl.spuk.domain.FieldError;
import nl.spuk.domain.Report;
import nl.spuk.domain.ReportStatus;
import nl.spuk.domain.Status;
import nl.spuk.domain.Task;
import nl.spuk.domain.TaskType;
import nl.spuk.domain.Transition;
import nl.spuk.domain.YearAmounts;
import org.junit.jupiter.api.Test;

class ReportServiceTest {
    private final Scenario s = new Scenario();

    private static List<String> fields(Throwable e) {
        return ((RuleViolationException) e).errors().stream().map(FieldError::field).toList();
    }

    private AuditEvent last(String id) {
        List<AuditEvent> history = s.applications.history(id);
        return history.get(history.size() - 1);
    }

    /** Awarded for 2025 and 2026; on 2 January 2026 both years' reports are open. */
    private Application awardedForTwoYears() {
        Application app = s.awarded(OFFICIAL, plan("Twee jaar", Map.of(2025, 600_000L, 2026, 400_000L)),
                YearAmounts.of(Map.of(2025, 600_000L, 2026, 400_000L)));
        s.clock.setDay(LocalDate.of(2026, 1, 2));
        s.workflow.runDueJobs();
        return app;
    }

    @Test
    void theMunicipalityReportsSpendingPerAttentionPointAndTheReportAwaitsReview() {
        Application awarded = s.awarded();
        assertThat(s.applications.openTasks(awarded.id())).singleElement()
                .satisfies(t -> assertThat(t.dueDate()).isEqualTo(LocalDate.of(2026, 7, 15)));

        Report report = s.reports.submit(OFFICIAL, once(), awarded.id(), YEAR, report(800_000));

        assertThat(report.status()).isEqualTo(ReportStatus.SUBMITTED);
        assertThat(report.spentCents()).containsEntry(AttentionPoint.VINDEN, 80_000L)
                .containsEntry(AttentionPoint.VERLICHTEN, 720_000L).containsEntry(AttentionPoint.VERBINDEN, 0L);
        assertThat(report.totalSpentCents()).isEqualTo(800_000);
        assertThat(report.caregiversReached()).isEqualTo(42);
        assertThat(report.respiteQuarterHours()).isEqualTo(482);
        assertThat(report.submittedBy()).isEqualTo(OFFICIAL.id());
        assertThat(report.submittedAt()).isEqualTo(T0);
        assertThat(s.stored(awarded.id()).status()).isEqualTo(Status.REPORTING);
        assertThat(s.applications.openTasks(awarded.id())).extracting(Task::taskId)
                .containsExactly(awarded.id() + ":REVIEW_REPORT:2025");
        assertThat(s.workflow.waits(awarded.id())).containsExactly("REVIEW_REPORT:2025");
        assertThat(last(awarded.id()).details()).containsEntry("late", false).containsEntry("spentCents", 800_000L);
    }

    @Test
    void aReportIsDueOnAwardedYearsOnlyAndFromTheFirstOfJanuaryOfTheYear() {
        Application awarded = s.awarded(OFFICIAL, plan("Twee jaar", Map.of(2025, 600_000L, 2026, 400_000L)),
                YearAmounts.of(Map.of(2025, 600_000L, 2026, 400_000L)));

        assertThatThrownBy(() -> s.reports.submit(OFFICIAL, once(), awarded.id(), 2024, report(1)))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(e.errors()).containsExactly(
                        new FieldError("year", "2024 is not an awarded year of this application")));
        assertThatThrownBy(() -> s.reports.submit(OFFICIAL, once(), awarded.id(), 2026, report(1)))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(e.errors()).containsExactly(
                        new FieldError("year", "the report on 2026 can be submitted from 1 January 2026")));
        assertThat(s.applications.reports(awarded.id())).isEmpty();
    }

    @Test
    void aBadReportIsRefusedNamingEveryField() {
        Application awarded = s.awarded();
        String planDocument = s.documents.list(awarded.id()).get(0).documentId();
        Map<String, Long> spent = new LinkedHashMap<>();
        spent.put("VINDEN", -1L);
        spent.put("ONTSPANNEN", 10L);
        ReportService.Submission bad = new ReportService.Submission(spent, -3L, new BigDecimal("1.1"), " ", planDocument);

        assertThatThrownBy(() -> s.reports.submit(OFFICIAL, once(), awarded.id(), YEAR, bad))
                .satisfies(e -> assertThat(fields(e)).containsExactlyInAnyOrder("spentCents.VINDEN", "spentCents.ONTSPANNEN",
                        "caregiversReached", "respiteHours", "narrative", "documentId"));
        assertThatThrownBy(() -> s.reports.submit(OFFICIAL, once(), awarded.id(), YEAR,
                new ReportService.Submission(null, null, null, "verslag", null)))
                .satisfies(e -> assertThat(fields(e)).containsExactly("spentCents", "caregiversReached", "respiteHours"));
        assertThat(s.applications.reports(awarded.id())).isEmpty();
    }

    @Test
    void aWrittenReportMustBeAnUploadedReportDocument() {
        Application awarded = s.awarded();
        String written = s.upload(OFFICIAL, awarded.id(), DocumentKind.REPORT, "verslag.pdf", Scenario.PDF);
        ReportService.Submission base = report(100);

        Report report = s.reports.submit(OFFICIAL, once(), awarded.id(), YEAR, new ReportService.Submission(
                base.spentCents(), base.caregiversReached(), base.respiteHours(), base.narrative(), written));

        assertThat(report.documentId()).isEqualTo(written);
    }

    @Test
    void onlyTheOwnMunicipalityReportsAndOnlyOnAnAward() {
        Application awarded = s.awarded();
        Application advised = s.advised();

        assertThatThrownBy(() -> s.reports.submit(ADVISOR, once(), awarded.id(), YEAR, report(1))).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> s.reports.submit(PROPOSER, once(), awarded.id(), YEAR, report(1))).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> s.reports.submit(UTRECHT_OFFICIAL, once(), awarded.id(), YEAR, report(1)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> s.reports.list(UTRECHT_OFFICIAL, awarded.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> s.reports.submit(OFFICIAL, once(), advised.id(), YEAR, report(1)))
                .isInstanceOf(Transition.NotAllowed.class).hasMessageContaining("ADVISED");
    }

    @Test
    void aReportIsSubmittedOnceButItsRetrySucceeds() {
        Application awarded = s.awarded();
        RequestId request = RequestId.repeatable("report-1");
        Report first = s.reports.submit(OFFICIAL, request, awarded.id(), YEAR, report(800_000));

        assertThat(s.reports.submit(OFFICIAL, request, awarded.id(), YEAR, report(800_000))).isEqualTo(first);
        assertThatThrownBy(() -> s.reports.submit(OFFICIAL, once(), awarded.id(), YEAR, report(700_000)))
                .isInstanceOf(ConflictException.class).hasMessageContaining("submitted already and is SUBMITTED");
        assertThat(s.applications.count(awarded.id(), "REPORT_SUBMITTED")).isEqualTo(1);
        assertThat(s.reports.list(OFFICIAL, awarded.id())).containsExactly(first);
    }

    @Test
    void acceptingTheLastYearsReportOpensTheSettlement() {
        Application reporting = s.reportSubmitted(800_000);

        Report accepted = s.reports.review(APPROVER, once(), reporting.id(), YEAR, "ACCEPT", null);

        assertThat(accepted.status()).isEqualTo(ReportStatus.ACCEPTED);
        assertThat(accepted.reviewedBy()).isEqualTo(APPROVER.id());
        assertThat(accepted.rejectionReason()).isNull();
        assertThat(s.applications.openTasks(reporting.id())).extracting(Task::type).containsExactly(TaskType.SETTLE);
        assertThat(s.workflow.waits(reporting.id())).containsExactly("SETTLE");
        assertThat(s.applications.actions(reporting.id())).endsWith("REPORT_ACCEPTED", "SETTLEMENT_OPENED");
    }

    @Test
    void theSettlementWaitsUntilEveryAwardedYearIsAccepted() {
        Application app = awardedForTwoYears();
        s.reports.submit(OFFICIAL, once(), app.id(), 2025, report(600_000));
        s.reports.submit(OFFICIAL, once(), app.id(), 2026, report(400_000));

        s.reports.review(APPROVER, once(), app.id(), 2025, "ACCEPT", null);
        assertThat(s.workflow.waits(app.id())).containsExactly("REVIEW_REPORT:2026");
        assertThat(s.applications.actions(app.id())).doesNotContain("SETTLEMENT_OPENED");

        s.reports.review(APPROVER, once(), app.id(), 2026, "ACCEPT", null);
        assertThat(s.workflow.waits(app.id())).containsExactly("SETTLE");
    }

    @Test
    void aRejectedReportNeedsAReasonAndComesBackToTheMunicipality() {
        Application reporting = s.reportSubmitted(800_000);
        assertThatThrownBy(() -> s.reports.review(APPROVER, once(), reporting.id(), YEAR, "REJECT", " "))
                .satisfies(e -> assertThat(fields(e)).containsExactly("reason"));

        Report rejected = s.reports.review(APPROVER, once(), reporting.id(), YEAR, "REJECT", "Uitgaven niet onderbouwd");

        assertThat(rejected.status()).isEqualTo(ReportStatus.REJECTED);
        assertThat(rejected.rejectionReason()).isEqualTo("Uitgaven niet onderbouwd");
        assertThat(s.applications.openTasks(reporting.id())).extracting(Task::taskId)
                .containsExactly(reporting.id() + ":REPORT:2025");
        assertThat(s.workflow.waits(reporting.id())).containsExactly("REPORT:2025");

        Report again = s.reports.submit(OFFICIAL, once(), reporting.id(), YEAR, report(750_000));
        assertThat(again.status()).isEqualTo(ReportStatus.SUBMITTED);
        assertThat(again.totalSpentCents()).isEqualTo(750_000);
        assertThat(again.rejectionReason()).isNull();
    }

    @Test
    void onlyASubmittedReportIsReviewedAndOnlyByTheMinistry() {
        Application reporting = s.reportSubmitted(800_000);

        assertThatThrownBy(() -> s.reports.review(OFFICIAL, once(), reporting.id(), YEAR, "ACCEPT", null))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> s.reports.review(APPROVER, once(), reporting.id(), 2026, "ACCEPT", null))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> s.reports.review(APPROVER, once(), reporting.id(), YEAR, "MAYBE", null))
                .satisfies(e -> assertThat(fields(e)).containsExactly("outcome"));
        s.reports.review(APPROVER, once(), reporting.id(), YEAR, "ACCEPT", null);
        assertThatThrownBy(() -> s.reports.review(PROPOSER, once(), reporting.id(), YEAR, "REJECT", "toch niet"))
                .isInstanceOf(Transition.NotAllowed.class).hasMessageContaining("ACCEPTED, not awaiting review");
    }

    @Test
    void theRetryOfAReviewRecordsItOnce() {
        Application reporting = s.reportSubmitted(800_000);
        RequestId request = RequestId.repeatable("review-1");

        s.reports.review(APPROVER, request, reporting.id(), YEAR, "ACCEPT", null);
        Report retry = s.reports.review(APPROVER, request, reporting.id(), YEAR, "ACCEPT", null);

        assertThat(retry.status()).isEqualTo(ReportStatus.ACCEPTED);
        assertThat(s.applications.count(reporting.id(), "REPORT_ACCEPTED")).isEqualTo(1);
        assertThat(s.applications.count(reporting.id(), "SETTLEMENT_OPENED")).isEqualTo(1);
    }

    @Test
    void aReportAfterTheDeadlineIsMarkedLateAndClosesTheChase() {
        Application awarded = s.awarded();
        s.clock.setDay(LocalDate.of(2026, 7, 16));
        s.workflow.runDueJobs();
        assertThat(s.figures.overdueReports(YEAR)).isEqualTo(1);

        s.reports.submit(OFFICIAL, once(), awarded.id(), YEAR, report(800_000));

        assertThat(last(awarded.id()).details()).containsEntry("late", true);
        assertThat(s.figures.overdueReports(YEAR)).isZero();
        assertThat(s.applications.openTasks(awarded.id())).extracting(Task::type).containsExactly(TaskType.REVIEW_REPORT);
        assertThat(s.workflow.timers(awarded.id())).isEmpty();
    }
}
