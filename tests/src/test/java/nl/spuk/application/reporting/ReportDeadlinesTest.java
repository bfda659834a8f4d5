package nl.spuk.application.reporting;

import static nl.spuk.application.fakes.Scenario.ADVISOR;
import static nl.spuk.application.fakes.Scenario.APPROVER;
import static nl.spuk.application.fakes.Scenario.OFFICIAL;
import static nl.spuk.application.fakes.Scenario.PROPOSER;
import static nl.spuk.application.fakes.Scenario.UTRECHT_OFFICIAL;
import static nl.spuk.application.fakes.Scenario.YEAR;
import static nl.spuk.application.fakes.Scenario.once;
import static nl.spuk.application.fakes.Scenario.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import nl.spuk.application.ConflictException;
import nl.spuk.application.ForbiddenException;
import nl.spuk.application.RequestId;
import nl.spuk.application.RuleViolationException;
import nl.spuk.application.fakes.Scenario;
import nl.spuk.domain.Application;
import nl.spuk.domain.FieldError;
import nl.spuk.domain.Notification;
import nl.spuk.domain.NotificationType;
import nl.spuk.domain.Recipient;
import nl.spuk.domain.Task;
import nl.spuk.domain.TaskType;
import org.junit.jupiter.api.Test;

/** Deadlines that move: the ministry extends a report's due date, and reminds of overdue reports by hand. */
class ReportDeadlinesTest {
    private final Scenario s = new Scenario();

    private static List<String> fields(Throwable e) {
        return ((RuleViolationException) e).errors().stream().map(FieldError::field).toList();
    }

    private List<Notification> sent(String id, NotificationType type) {
        return s.applications.notifications(id).stream().filter(n -> n.type() == type).toList();
    }

    /** Awarded for {@link Scenario#YEAR}, its report due 15 July 2026, and overdue since 16 July. */
    private Application overdue() {
        Application app = s.awarded();
        s.clock.set(Instant.parse("2026-07-16T08:00:00Z"));
        s.workflow.runDueJobs();
        assertThat(s.applications.openTasks(app.id())).extracting(Task::taskId)
                .contains(Task.idOf(app.id(), TaskType.CHASE_OVERDUE_REPORT, YEAR));
        return app;
    }

    @Test
    void anExtensionMovesTheDueDateTheTaskTheReminderAndTheChaseAndTellsTheMunicipality() {
        Application app = s.awarded();
        s.clock.set(Instant.parse("2026-05-01T08:00:00Z"));

        Application extended = s.reports.extend(PROPOSER, once(), app.id(), YEAR, "2026-09-01", "Ziekte bij de gemeente");

        assertThat(extended.reportDueDate(YEAR, s.scheme)).isEqualTo(LocalDate.of(2026, 9, 1));
        assertThat(extended.version()).isEqualTo(app.version() + 1);
        assertThat(s.applications.openTasks(app.id())).singleElement()
                .satisfies(t -> assertThat(t.dueDate()).isEqualTo(LocalDate.of(2026, 9, 1)));
        assertThat(s.workflow.timers(app.id()))
                .containsExactly("RemindReport@2026-08-01T22:00:00Z", "ChaseReport@2026-09-01T22:00:00Z");
        assertThat(sent(app.id(), NotificationType.REPORT_DEADLINE_EXTENDED)).singleElement().satisfies(n -> {
            assertThat(n.recipient()).isEqualTo(Recipient.MUNICIPALITY);
            assertThat(n.details()).containsEntry("deadline", "2026-09-01").containsEntry("reason", "Ziekte bij de gemeente");
        });
        assertThat(s.applications.count(app.id(), "REPORT_DEADLINE_EXTENDED")).isEqualTo(1);

        s.clock.set(Instant.parse("2026-07-16T08:00:00Z"));
        assertThat(s.workflow.runDueJobs()).as("nothing is overdue on the old date").isZero();
        s.clock.set(Instant.parse("2026-08-01T22:00:00Z"));
        assertThat(s.workflow.runDueJobs()).isEqualTo(1);
        assertThat(sent(app.id(), NotificationType.REPORT_DUE_SOON)).singleElement()
                .satisfies(n -> assertThat(n.details()).containsEntry("deadline", "2026-09-01"));
        s.clock.set(Instant.parse("2026-09-01T22:00:00Z"));
        assertThat(s.workflow.runDueJobs()).isEqualTo(1);
        assertThat(sent(app.id(), NotificationType.REPORT_OVERDUE)).hasSize(2)
                .allSatisfy(n -> assertThat(n.details()).containsEntry("deadline", "2026-09-01"));
    }

    @Test
    void anOpenChaseClosesUntilTheDayAfterTheNewDateAndALateReportIsLateAgainstIt() {
        Application app = overdue();

        s.reports.extend(PROPOSER, once(), app.id(), YEAR, "2026-08-15", "Nieuwe wethouder");

        assertThat(s.applications.openTasks(app.id())).extracting(Task::type).containsExactly(TaskType.REPORT);
        s.clock.set(Instant.parse("2026-08-15T21:59:00Z"));
        s.workflow.runDueJobs();
        assertThat(s.applications.openTasks(app.id())).extracting(Task::type).containsExactly(TaskType.REPORT);
        s.clock.set(Instant.parse("2026-08-15T22:00:00Z"));
        s.workflow.runDueJobs();
        assertThat(s.applications.openTasks(app.id())).extracting(Task::type)
                .containsExactlyInAnyOrder(TaskType.REPORT, TaskType.CHASE_OVERDUE_REPORT);
    }

    @Test
    void anExtensionMustBeLaterGivenAReasonAndForAnAwardedYearWhoseReportIsNotIn() {
        Application app = s.awarded();
        long version = app.version();

        assertThat(fields(catchRefusal(() -> s.reports.extend(PROPOSER, once(), app.id(), YEAR, "2026-07-15", "zelfde"))))
                .containsExactly("dueDate");
        assertThat(fields(catchRefusal(() -> s.reports.extend(PROPOSER, once(), app.id(), YEAR, "2026-07-01", "eerder"))))
                .containsExactly("dueDate");
        assertThat(fields(catchRefusal(() -> s.reports.extend(PROPOSER, once(), app.id(), YEAR, "15-09-2026", " "))))
                .containsExactlyInAnyOrder("dueDate", "reason");
        assertThat(fields(catchRefusal(() -> s.reports.extend(PROPOSER, once(), app.id(), 2024, "2025-09-01", "x"))))
                .containsExactly("year");
        // a year after the regular deadline at most: 2099 for 2027 is a typing error, not a decision
        assertThat(fields(catchRefusal(() -> s.reports.extend(PROPOSER, once(), app.id(), YEAR, "2099-01-01", "typfout"))))
                .containsExactly("dueDate");
        assertThat(fields(catchRefusal(() -> s.reports.extend(PROPOSER, once(), app.id(), YEAR, "2027-07-16", "net te ver"))))
                .containsExactly("dueDate");
        s.reports.submit(OFFICIAL, once(), app.id(), YEAR, report(800_000));
        assertThatThrownBy(() -> s.reports.extend(PROPOSER, once(), app.id(), YEAR, "2026-09-01", "te laat"))
                .isInstanceOf(ConflictException.class).hasMessageContaining("al ingediend");
        assertThat(sent(app.id(), NotificationType.REPORT_DEADLINE_EXTENDED)).isEmpty();
        assertThat(s.stored(app.id()).reportDueDates()).isEmpty();
        assertThat(s.stored(app.id()).version()).isEqualTo(version + 1); // the report alone
    }

    @Test
    void onlyTheMinistryExtendsAndReminds() {
        Application app = overdue();
        for (var actor : List.of(OFFICIAL, UTRECHT_OFFICIAL, ADVISOR)) {
            assertThatThrownBy(() -> s.reports.extend(actor, once(), app.id(), YEAR, "2026-09-01", "x"))
                    .isInstanceOf(ForbiddenException.class);
            assertThatThrownBy(() -> s.reports.remind(actor, once(), app.id(), YEAR)).isInstanceOf(ForbiddenException.class);
            assertThatThrownBy(() -> s.reports.remindAll(actor, once(), YEAR)).isInstanceOf(ForbiddenException.class);
        }
    }

    @Test
    void aReminderByHandSendsReportOverdueAgainOncePerRequest() {
        Application app = overdue();
        assertThat(sent(app.id(), NotificationType.REPORT_OVERDUE)).hasSize(2); // the chase: municipality and ministry

        RequestId repeatable = RequestId.repeatable("key-1");
        s.reports.remind(PROPOSER, repeatable, app.id(), YEAR);
        s.reports.remind(PROPOSER, repeatable, app.id(), YEAR); // the same request's retry
        assertThat(sent(app.id(), NotificationType.REPORT_OVERDUE)).hasSize(4);

        s.reports.remind(APPROVER, once(), app.id(), YEAR);
        assertThat(sent(app.id(), NotificationType.REPORT_OVERDUE)).hasSize(6)
                .extracting(Notification::recipient).containsOnly(Recipient.MUNICIPALITY, Recipient.MINISTRY);
        assertThat(s.applications.count(app.id(), "REPORT_REMINDER_SENT")).isEqualTo(2);
    }

    @Test
    void aReminderOnlyWhileTheReportIsOverdue() {
        Application app = s.awarded();
        assertThatThrownBy(() -> s.reports.remind(PROPOSER, once(), app.id(), YEAR))
                .isInstanceOf(ConflictException.class).hasMessageContaining("niet te laat");
        s.clock.set(Instant.parse("2026-07-16T08:00:00Z"));
        s.workflow.runDueJobs();
        s.reports.submit(OFFICIAL, once(), app.id(), YEAR, report(800_000));
        assertThatThrownBy(() -> s.reports.remind(PROPOSER, once(), app.id(), YEAR)).isInstanceOf(ConflictException.class);
        assertThat(s.applications.count(app.id(), "REPORT_REMINDER_SENT")).isZero();
    }

    @Test
    void remindingAllRemindsEveryOverdueReportOfTheYearAndNoOther() {
        Application late = overdue();
        Application submitted = s.awarded();
        s.reports.submit(OFFICIAL, once(), submitted.id(), YEAR, report(800_000));
        Application lateToo = s.awarded();
        s.workflow.runDueJobs();

        assertThat(s.reports.remindAll(PROPOSER, once(), YEAR)).isEqualTo(2);
        assertThat(s.reports.remindAll(PROPOSER, once(), YEAR + 1)).isZero();

        assertThat(s.applications.count(late.id(), "REPORT_REMINDER_SENT")).isEqualTo(1);
        assertThat(s.applications.count(lateToo.id(), "REPORT_REMINDER_SENT")).isEqualTo(1);
        assertThat(s.applications.count(submitted.id(), "REPORT_REMINDER_SENT")).isZero();
    }

    private static Throwable catchRefusal(Runnable call) {
        try {
            call.run();
        } catch (RuleViolationException e) {
            return e;
        }
        throw new AssertionError("no refusal");
    }
}
