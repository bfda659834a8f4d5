package nl.spuk.application.reporting;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.spuk.application.ConflictException;
import nl.spuk.application.Reason;
import nl.spuk.application.StepContext;
import nl.spuk.application.port.ApplicationChange;
import nl.spuk.application.port.ApplicationRepository;
import nl.spuk.domain.Application;
import nl.spuk.domain.AuditEvent;
import nl.spuk.domain.Notification;
import nl.spuk.domain.NotificationType;
import nl.spuk.domain.Report;
import nl.spuk.domain.ReportStatus;
import nl.spuk.domain.SchemeRules;
import nl.spuk.domain.Status;
import nl.spuk.domain.Task;
import nl.spuk.domain.TaskType;

/**
 * The reporting steps of the process, one set per awarded year: the report opens on 1 January, a reminder comes
 * 30 days before the due date, a chase for the ministry the day after it; a report is submitted, then accepted or
 * rejected (and submitted again). The due date is the scheme's deadline until the ministry extends it; the process's
 * timers read it from the application ({@link #dueDate}).
 */
public final class ReportingSteps {
    private final ApplicationRepository applications;
    private final SchemeRules scheme;
    private final Clock clock;

    public ReportingSteps(ApplicationRepository applications, SchemeRules scheme, Clock clock) {
        this.applications = applications;
        this.scheme = scheme;
        this.clock = clock;
    }

    /** The day the year's report is due, as the application holds it now: what the REPORT task's timers wait for. */
    public LocalDate dueDate(StepContext step) {
        return step.load(applications).reportDueDate(step.requireYear(), scheme);
    }

    public void open(StepContext step) {
        Application app = step.load(applications);
        int year = step.requireYear();
        if (hasOpenTask(app, TaskType.REPORT, year) || arrived(report(app, year))) {
            return;
        }
        var now = clock.instant();
        LocalDate deadline = app.reportDueDate(year, scheme);
        Application touched = app.touched(now);
        step.apply(applications, new ApplicationChange(step.changeId(), app, touched,
                AuditEvent.of(step.actor(), now, "REPORT_OPENED", null, null,
                        Map.of("year", year, "deadline", deadline)),
                List.of(Task.openForYear(TaskType.REPORT, touched, year, now, deadline)), List.of()));
    }

    public void remind(StepContext step) {
        Application app = step.load(applications);
        int year = step.requireYear();
        LocalDate deadline = app.reportDueDate(year, scheme);
        LocalDate today = LocalDate.ofInstant(clock.instant(), SchemeRules.ZONE);
        // one reminder per due date: an extended date is reminded of again
        boolean reminded = applications.history(app.id()).stream().anyMatch(e -> e.action().equals("REPORT_REMINDER")
                && Long.valueOf(year).equals(e.details().get("year"))
                && deadline.toString().equals(e.details().get("deadline")));
        if (reminded || today.isAfter(deadline) || arrived(report(app, year))) {
            return;
        }
        var now = clock.instant();
        Map<String, String> details = Map.of("year", Integer.toString(year), "deadline", deadline.toString());
        // the event and the notification in one transaction; a retry of the timer job finds the event above
        applications.record(app.id(), AuditEvent.of(step.actor(), now, "REPORT_REMINDER", null, null,
                        Map.of("year", year, "deadline", deadline)),
                Notification.of(step.changeId(), NotificationType.REPORT_DUE_SOON, details, app, now));
    }

    public void chase(StepContext step) {
        Application app = step.load(applications);
        int year = step.requireYear();
        if (hasOpenTask(app, TaskType.CHASE_OVERDUE_REPORT, year) || arrived(report(app, year))) {
            return;
        }
        var now = clock.instant();
        LocalDate deadline = app.reportDueDate(year, scheme);
        Application touched = app.touched(now);
        step.apply(applications, new ApplicationChange(step.changeId(), app, touched,
                AuditEvent.of(step.actor(), now, "REPORT_OVERDUE", null, null,
                        Map.of("year", year, "deadline", deadline)),
                List.of(Task.openForYear(TaskType.CHASE_OVERDUE_REPORT, touched, year, now, deadline)), List.of())
                .notifying(NotificationType.REPORT_OVERDUE,
                        Map.of("year", Integer.toString(year), "deadline", deadline.toString())));
    }

    public void record(StepContext step) {
        Application app = step.load(applications);
        int year = step.requireYear();
        if (arrived(report(app, year))) {
            return;
        }
        Report report = step.request(Report.class);
        var now = clock.instant();
        Application after = app.status() == Status.AWARDED ? app.moveTo(Status.REPORTING, now) : app.touched(now);
        LocalDate deadline = app.reportDueDate(year, scheme);
        boolean late = LocalDate.ofInstant(now, SchemeRules.ZONE).isAfter(deadline);
        step.apply(applications, new ApplicationChange(step.changeId(), app, after,
                AuditEvent.of(step.actor(), now, "REPORT_SUBMITTED", app.status(), after.status(), Map.of(
                        "year", year, "late", late, "spentCents", report.totalSpentCents())),
                List.of(Task.openForYear(TaskType.REVIEW_REPORT, after, year, now, null)),
                List.of(Task.idOf(app.id(), TaskType.REPORT, year), Task.idOf(app.id(), TaskType.CHASE_OVERDUE_REPORT, year)),
                List.of(), List.of(), List.of(report))
                .notifying(NotificationType.REPORT_SUBMITTED,
                        Map.of("year", Integer.toString(year), "late", Boolean.toString(late))));
    }

    /**
     * Moves the year's due date later, as the ministry asked: the REPORT task is due then, and a chase that is open
     * closes (the process's timers open it again the day after the new date). The process waits in REPORT again
     * afterwards, its timers set from the new date.
     */
    public void extend(StepContext step) {
        Application app = step.load(applications);
        int year = step.requireYear();
        ReportExtension asked = step.request(ReportExtension.class);
        LocalDate before = app.reportDueDate(year, scheme);
        if (before.equals(asked.dueDate())) {
            return; // this step's change was stored before the engine transaction failed; the retry converges
        }
        if (arrived(report(app, year))) {
            throw new ConflictException("de verantwoording over " + year + " is al ingediend; de termijn verlengen kan niet meer");
        }
        var now = clock.instant();
        Application extended = app.withReportDueDate(year, asked.dueDate(), now);
        Map<String, String> details = Map.of("year", Integer.toString(year), "previousDeadline", before.toString(),
                "deadline", asked.dueDate().toString(), "reason", asked.reason());
        step.apply(applications, new ApplicationChange(step.changeId(), app, extended,
                AuditEvent.of(step.actor(), now, "REPORT_DEADLINE_EXTENDED", null, null, details),
                List.of(Task.openForYear(TaskType.REPORT, extended, year, now, asked.dueDate())),
                List.of(Task.idOf(app.id(), TaskType.CHASE_OVERDUE_REPORT, year)))
                .notifying(NotificationType.REPORT_DEADLINE_EXTENDED, details));
    }

    public void reject(StepContext step) {
        review(step, ReportStatus.REJECTED);
    }

    public void accept(StepContext step) {
        review(step, ReportStatus.ACCEPTED);
    }

    private void review(StepContext step, ReportStatus outcome) {
        Application app = step.load(applications);
        int year = step.requireYear();
        Report submitted = report(app, year).orElseThrow(() -> new ConflictException("there is no report on " + year));
        if (submitted.status() == outcome) {
            return;
        }
        submitted.requireAwaitingReview();
        var now = clock.instant();
        String reason = step.request(Reason.class).text();
        Report reviewed = submitted.reviewed(outcome, step.actor(), now, outcome == ReportStatus.REJECTED ? reason : null);
        Application touched = app.touched(now);
        List<Task> reopened = outcome == ReportStatus.REJECTED
                ? List.of(Task.openForYear(TaskType.REPORT, touched, year, now, app.reportDueDate(year, scheme)))
                : List.of();
        Map<String, String> details = reason == null ? Map.of("year", Integer.toString(year))
                : Map.of("year", Integer.toString(year), "reason", reason);
        step.apply(applications, new ApplicationChange(step.changeId(), app, touched,
                AuditEvent.of(step.actor(), now, outcome == ReportStatus.ACCEPTED ? "REPORT_ACCEPTED" : "REPORT_REJECTED",
                        null, null, reason == null ? Map.of("year", year) : Map.of("year", year, "reason", reason)),
                reopened, List.of(Task.idOf(app.id(), TaskType.REVIEW_REPORT, year)),
                List.of(), List.of(), List.of(reviewed))
                .notifying(outcome == ReportStatus.ACCEPTED ? NotificationType.REPORT_ACCEPTED
                        : NotificationType.REPORT_REJECTED, details));
    }

    /** Submitted or accepted: the municipality has delivered (a rejected one must come again). */
    private static boolean arrived(Optional<Report> report) {
        return report.filter(r -> r.status() != ReportStatus.REJECTED).isPresent();
    }

    private Optional<Report> report(Application app, int year) {
        return applications.reports(app.id()).stream().filter(r -> r.year() == year).findFirst();
    }

    private boolean hasOpenTask(Application app, TaskType type, int year) {
        String id = Task.idOf(app.id(), type, year);
        return applications.openTasks(app.id()).stream().anyMatch(t -> t.taskId().equals(id));
    }

}
