package nl.spuk.application.reporting;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.spuk.application.Access;
import nl.spuk.application.ConflictException;
import nl.spuk.application.NotFoundException;
import nl.spuk.application.ProcessCommand;
import nl.spuk.application.ProcessMove;
import nl.spuk.application.ProcessNames;
import nl.spuk.application.Reason;
import nl.spuk.application.RequestId;
import nl.spuk.application.RuleViolationException;
import nl.spuk.application.Texts;
import nl.spuk.application.drafting.Submission;
import nl.spuk.application.port.ApplicationRepository;
import nl.spuk.application.port.DocumentRepository;
import nl.spuk.application.port.Workflow;
import nl.spuk.domain.Actor;
import nl.spuk.domain.Application;
import nl.spuk.domain.AttentionPoint;
import nl.spuk.domain.AuditEvent;
import nl.spuk.domain.DocumentKind;
import nl.spuk.domain.DocumentStatus;
import nl.spuk.domain.FieldError;
import nl.spuk.domain.Notification;
import nl.spuk.domain.NotificationType;
import nl.spuk.domain.Report;
import nl.spuk.domain.ReportStatus;
import nl.spuk.domain.Role;
import nl.spuk.domain.SchemeRules;
import nl.spuk.domain.Task;
import nl.spuk.domain.TaskType;
import nl.spuk.domain.Transition;

/** The yearly reports: the municipality submits one per awarded year, the ministry accepts or rejects it. */
public final class ReportService {
    public static final int MAX_NARRATIVE = 20_000;
    private static final BigDecimal QUARTER = new BigDecimal("0.25");

    private final ApplicationRepository applications;
    private final DocumentRepository documents;
    private final ProcessMove process;
    private final SchemeRules scheme;
    private final Clock clock;

    public ReportService(ApplicationRepository applications, DocumentRepository documents, Workflow workflow,
                         SchemeRules scheme, Clock clock) {
        this.applications = applications;
        this.documents = documents;
        this.process = new ProcessMove(applications, workflow);
        this.scheme = scheme;
        this.clock = clock;
    }

    /** What a municipality reports on one year, as read from the request. */
    public record Submission(Map<String, Long> spentCents, Long caregiversReached, BigDecimal respiteHours,
                             String narrative, String documentId) {
    }

    public List<Report> list(Actor actor, String applicationId) {
        Access.visible(actor, applications.find(applicationId).orElse(null));
        return applications.reports(applicationId);
    }

    public Report submit(Actor actor, RequestId requestId, String applicationId, int year, Submission submission) {
        Access.requireRole(actor, Role.MUNICIPALITY);
        Application app = Access.visible(actor, applications.find(applicationId).orElse(null));
        Transition.REPORT.require(app.status());
        List<FieldError> errors = new ArrayList<>();
        LocalDate today = LocalDate.ofInstant(clock.instant(), SchemeRules.ZONE);
        if (app.awardedCents().get(year) <= 0) {
            errors.add(new FieldError("year", year + " is not an awarded year of this application"));
        } else if (today.isBefore(LocalDate.of(year, 1, 1))) {
            errors.add(new FieldError("year", "the report on " + year + " can be submitted from 1 January " + year));
        }
        Map<AttentionPoint, Long> spent = spent(errors, submission.spentCents());
        long caregivers = nonNegative(errors, "caregiversReached", submission.caregiversReached());
        long respite = quarterHours(errors, submission.respiteHours());
        Texts.required(errors, "narrative", submission.narrative(), MAX_NARRATIVE);
        if (submission.documentId() != null && (!Texts.plausibleId(submission.documentId())
                || documents.find(applicationId, submission.documentId())
                .filter(d -> d.kind() == DocumentKind.REPORT && d.status() == DocumentStatus.AVAILABLE).isEmpty())) {
            errors.add(new FieldError("documentId", "must name an uploaded document of kind REPORT of this application"));
        }
        if (!errors.isEmpty()) {
            throw new RuleViolationException("the report cannot be accepted", errors);
        }
        Optional<Report> earlier = report(applicationId, year);
        // this user's report awaiting review already: maybe this request's retry (see ProcessMove)
        boolean madeAlready = earlier.filter(r -> r.status() == ReportStatus.SUBMITTED && actor.id().equals(r.submittedBy()))
                .isPresent();
        if (earlier.isPresent() && earlier.get().status() != ReportStatus.REJECTED && !madeAlready) {
            throw submittedAlready(year, earlier.get().status());
        }
        Report report = new Report(applicationId, year, spent, caregivers, respite, submission.narrative(),
                submission.documentId(), ReportStatus.SUBMITTED, clock.instant(), actor.id(), null, null, null);
        process.complete(ProcessCommand.on(app, actor, requestId, report), TaskType.REPORT, Map.of(ProcessNames.YEAR, year),
                madeAlready, () -> submittedAlready(year, ReportStatus.SUBMITTED));
        return report(applicationId, year).orElseThrow();
    }

    public Report review(Actor actor, RequestId requestId, String applicationId, int year, String outcome, String reason) {
        Access.requireRole(actor, Role.MINISTRY);
        Application app = Access.visible(actor, applications.find(applicationId).orElse(null));
        Report report = report(applicationId, year).orElseThrow(() -> new NotFoundException("no report on " + year));
        // this user's review with this outcome recorded already: maybe this request's retry (see ProcessMove)
        ReportStatus outcomeStatus = "REJECT".equals(outcome) ? ReportStatus.REJECTED : ReportStatus.ACCEPTED;
        boolean madeAlready = report.status() == outcomeStatus && actor.id().equals(report.reviewedBy());
        if (!madeAlready) {
            report.requireAwaitingReview();
        }
        List<FieldError> errors = new ArrayList<>();
        String parsed = outcome == null ? null : switch (outcome) {
            case "ACCEPT", "REJECT" -> outcome;
            default -> null;
        };
        if (parsed == null) {
            errors.add(new FieldError("outcome", "choose ACCEPT or REJECT"));
        }
        if ("REJECT".equals(parsed)) {
            Texts.required(errors, "reason", reason, Reason.MAX_LENGTH);
        } else {
            Texts.optional(errors, "reason", reason, Reason.MAX_LENGTH);
        }
        if (!errors.isEmpty()) {
            throw new RuleViolationException("the review cannot be recorded", errors);
        }
        process.complete(ProcessCommand.on(app, actor, requestId, new Reason(reason)), TaskType.REVIEW_REPORT,
                Map.of(ProcessNames.YEAR, year, ProcessNames.REPORT_REVIEW, parsed), madeAlready,
                report::notAwaitingReview);
        return report(applicationId, year).orElseThrow();
    }

    /**
     * Moves the due date of the year's report later (ministry): the reminder and the overdue chase follow the new
     * date; a chase that is open closes until the day after it.
     *
     * @param dueDate the new due date as the request gave it (YYYY-MM-DD)
     */
    public Application extend(Actor actor, RequestId requestId, String applicationId, int year, String dueDate, String reason) {
        Access.requireRole(actor, Role.MINISTRY);
        Application app = Access.visible(actor, applications.find(applicationId).orElse(null));
        List<FieldError> errors = new ArrayList<>();
        LocalDate asked = date(errors, "dueDate", dueDate);
        Texts.required(errors, "reason", reason, Reason.MAX_LENGTH);
        if (app.awardedCents().get(year) <= 0) {
            errors.add(new FieldError("year", year + " is geen toegekend jaar van deze aanvraag"));
        }
        LocalDate latest = scheme.reportDeadline(year).plus(SchemeRules.LONGEST_REPORT_EXTENSION);
        if (asked != null && asked.isAfter(latest)) {
            errors.add(new FieldError("dueDate", "mag hoogstens een jaar na de gewone termijn liggen (uiterlijk " + latest + ")"));
        }
        if (!errors.isEmpty()) {
            throw new RuleViolationException("de termijn kan niet worden verlengd", errors);
        }
        LocalDate current = app.reportDueDate(year, scheme);
        // this request's extension made already (its answer lost): the retry lets the engine catch up (see ProcessMove)
        boolean madeAlready = current.equals(asked) && requestId.changeBase()
                .filter(base -> applications.applied(applicationId, base + "/")).isPresent();
        if (!madeAlready) {
            if (!asked.isAfter(current)) {
                throw new RuleViolationException("de termijn kan niet worden verlengd", List.of(new FieldError("dueDate",
                        "moet na de huidige termijn liggen (" + current + ")")));
            }
            Optional<Report> report = report(applicationId, year);
            if (report.isPresent() && report.get().status() != ReportStatus.REJECTED) {
                throw new ConflictException("de verantwoording over " + year + " is al ingediend; de termijn verlengen kan niet meer");
            }
            if (LocalDate.ofInstant(clock.instant(), SchemeRules.ZONE).isBefore(LocalDate.of(year, 1, 1))) {
                throw new ConflictException("de verantwoording over " + year + " staat pas vanaf 1 januari " + year
                        + " open; de termijn verlengen kan vanaf dan");
            }
        }
        return process.send(ProcessCommand.on(app, actor, requestId, new ReportExtension(asked, reason)),
                ProcessNames.EXTEND_REPORT_DEADLINE_MESSAGE, Map.of(ProcessNames.YEAR, year), madeAlready,
                () -> new ConflictException("de termijn van de verantwoording over " + year + " is al " + current));
    }

    /**
     * Reminds the municipality of its overdue report once more (ministry): REPORT_OVERDUE again, to the municipality
     * and the ministry. Only while the report is overdue, i.e. while its chase is open.
     */
    public Application remind(Actor actor, RequestId requestId, String applicationId, int year) {
        Access.requireRole(actor, Role.MINISTRY);
        Application app = Access.visible(actor, applications.find(applicationId).orElse(null));
        String chase = Task.idOf(applicationId, TaskType.CHASE_OVERDUE_REPORT, year);
        if (applications.openTasks(applicationId).stream().noneMatch(t -> t.taskId().equals(chase))) {
            throw new ConflictException("de verantwoording over " + year + " is niet te laat; een herinnering sturen kan alleen"
                    + " als de termijn verstreken is en de verantwoording nog niet is ingediend");
        }
        remindOnce(actor, requestId.newId("reminder:" + applicationId + ":" + year), app, year);
        return app;
    }

    /** {@link #remind} for every report on the year that is overdue now (ministry); answers how many were reminded. */
    public int remindAll(Actor actor, RequestId requestId, int year) {
        Access.requireRole(actor, Role.MINISTRY);
        int sent = 0;
        for (Task task : applications.tasksFor(actor)) {
            if (task.type() == TaskType.CHASE_OVERDUE_REPORT
                    && task.taskId().equals(Task.idOf(task.applicationId(), TaskType.CHASE_OVERDUE_REPORT, year))) {
                Optional<Application> app = applications.find(task.applicationId());
                if (app.isPresent()) {
                    remindOnce(actor, requestId.newId("reminder:" + task.applicationId() + ":" + year), app.get(), year);
                    sent++;
                }
            }
        }
        return sent;
    }

    /**
     * Records the reminder with its notifications in one write. The change id is the request's: each request sends its
     * own reminder, while a retry of the same request (its Idempotency-Key) finds its notifications recorded already.
     */
    private void remindOnce(Actor actor, String changeId, Application app, int year) {
        var now = clock.instant();
        Map<String, String> details = Map.of("year", Integer.toString(year),
                "deadline", app.reportDueDate(year, scheme).toString(), "manual", "true");
        applications.record(app.id(), AuditEvent.of(actor, now, "REPORT_REMINDER_SENT", null, null, details),
                Notification.of("reminder:" + changeId, NotificationType.REPORT_OVERDUE, details, app, now));
    }

    private static LocalDate date(List<FieldError> errors, String field, String text) {
        try {
            return LocalDate.parse(text == null ? "" : text);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "is verplicht: een datum als JJJJ-MM-DD"));
            return null;
        }
    }

    private static ConflictException submittedAlready(int year, ReportStatus status) {
        return new ConflictException("the report on " + year + " was submitted already and is " + status);
    }

    private Optional<Report> report(String applicationId, int year) {
        return applications.reports(applicationId).stream().filter(r -> r.year() == year).findFirst();
    }

    private static Map<AttentionPoint, Long> spent(List<FieldError> errors, Map<String, Long> given) {
        Map<AttentionPoint, Long> spent = new EnumMap<>(AttentionPoint.class);
        if (given == null) {
            errors.add(new FieldError("spentCents", "is required: cents per attention point"));
            return spent;
        }
        given.forEach((point, cents) -> {
            String field = "spentCents." + point;
            AttentionPoint parsed = Texts.enumValue(errors, field, AttentionPoint.class, point);
            if (parsed != null) {
                if (cents < 0 || cents > SchemeRules.MAX_CENTS) {
                    errors.add(new FieldError(field, "must be from 0 to " + SchemeRules.MAX_CENTS + " cents"));
                } else {
                    spent.put(parsed, cents);
                }
            }
        });
        return spent;
    }

    private static long nonNegative(List<FieldError> errors, String field, Long value) {
        if (value == null || value < 0) {
            errors.add(new FieldError(field, "is required: a whole number, zero or more"));
            return 0;
        }
        return value;
    }

    private static long quarterHours(List<FieldError> errors, BigDecimal hours) {
        if (hours == null || hours.signum() < 0 || hours.remainder(QUARTER).signum() != 0
                || hours.compareTo(BigDecimal.valueOf(10_000_000)) > 0) {
            errors.add(new FieldError("respiteHours", "is required: hours, zero or more, in quarter hours"));
            return 0;
        }
        return hours.divide(QUARTER).longValueExact();
    }
}
