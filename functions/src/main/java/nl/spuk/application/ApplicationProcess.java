package nl.spuk.application;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import nl.spuk.application.port.AllocationRepository;
import nl.spuk.application.port.ApplicationChange;
import nl.spuk.application.port.ApplicationRepository;
import nl.spuk.application.port.DocumentRepository;
import nl.spuk.domain.Application;
import nl.spuk.domain.AuditEvent;
import nl.spuk.domain.DocumentKind;
import nl.spuk.domain.DocumentStatus;
import nl.spuk.domain.FieldError;
import nl.spuk.domain.PlanRules;
import nl.spuk.domain.Status;
import nl.spuk.domain.Task;
import nl.spuk.domain.TaskType;

/** The business side of the application process: what each step does to the record. */
public final class ApplicationProcess implements ProcessSteps {
    /** Deadlines are calendar dates in the Netherlands. */
    public static final ZoneId DEADLINE_ZONE = ZoneId.of("Europe/Amsterdam");
    /** A review should be done within six weeks; then it is escalated. */
    public static final int REVIEW_DAYS = 42;

    private final ApplicationRepository applications;
    private final DocumentRepository documents;
    private final AllocationRepository allocations;
    private final PlanRules rules;
    private final Clock clock;

    public ApplicationProcess(ApplicationRepository applications, DocumentRepository documents,
                              AllocationRepository allocations, PlanRules rules, Clock clock) {
        this.applications = applications;
        this.documents = documents;
        this.allocations = allocations;
        this.rules = rules;
        this.clock = clock;
    }

    @Override
    public void startReview(StepContext step) {
        Application app = load(step);
        if (app.status() == Status.IN_REVIEW) {
            return; // this step's change was stored before the engine transaction failed; the retry converges
        }
        if (!app.status().isEditable()) {
            throw new ConflictException("an application in status " + app.status() + " cannot be submitted");
        }
        boolean planUploaded = documents.list(app.id()).stream()
                .anyMatch(d -> d.kind() == DocumentKind.PLAN && d.status() == DocumentStatus.AVAILABLE);
        List<FieldError> missing = rules.checkComplete(app.plan(), allocations.allocationsOf(app.municipalityCode()), planUploaded);
        if (!missing.isEmpty()) {
            throw new RuleViolationException("the application is not complete", missing);
        }
        var now = clock.instant();
        Application inReview = app.moveTo(Status.IN_REVIEW, now);
        TaskType done = app.status() == Status.DRAFT ? TaskType.PREPARE : TaskType.REVISE;
        LocalDate due = LocalDate.ofInstant(now, DEADLINE_ZONE).plusDays(REVIEW_DAYS);
        applications.apply(new ApplicationChange(step.changeId(), app, inReview,
                AuditEvent.of(step.actor(), now, "SUBMITTED", app.status(), Status.IN_REVIEW, Map.of()),
                List.of(Task.open(TaskType.REVIEW, inReview, now, due)),
                List.of(Task.idOf(app.id(), done))));
    }

    @Override
    public void withdraw(StepContext step) {
        Application app = load(step);
        if (app.status() == Status.WITHDRAWN) {
            return;
        }
        if (!app.status().isWithdrawable()) {
            throw new ConflictException("an application in status " + app.status() + " can no longer be withdrawn");
        }
        var now = clock.instant();
        String reason = step.string("reason");
        List<String> openTasks = Arrays.stream(TaskType.values()).map(t -> Task.idOf(app.id(), t)).toList();
        applications.apply(new ApplicationChange(step.changeId(), app, app.moveTo(Status.WITHDRAWN, now),
                AuditEvent.of(step.actor(), now, "WITHDRAWN", app.status(), Status.WITHDRAWN,
                        reason == null ? Map.of() : Map.of("reason", reason)),
                List.of(), openTasks));
    }

    @Override
    public void recordAdvice(StepContext step) {
        throw new UnsupportedOperationException("recordAdvice is not built yet");
    }

    @Override
    public void escalateReview(StepContext step) {
        throw new UnsupportedOperationException("escalateReview is not built yet");
    }

    @Override
    public void proposeDecision(StepContext step) {
        throw new UnsupportedOperationException("proposeDecision is not built yet");
    }

    @Override
    public void returnDecision(StepContext step) {
        throw new UnsupportedOperationException("returnDecision is not built yet");
    }

    @Override
    public void approveDecision(StepContext step) {
        throw new UnsupportedOperationException("approveDecision is not built yet");
    }

    @Override
    public void openReport(StepContext step) {
        throw new UnsupportedOperationException("openReport is not built yet");
    }

    @Override
    public void remindReport(StepContext step) {
        throw new UnsupportedOperationException("remindReport is not built yet");
    }

    @Override
    public void chaseReport(StepContext step) {
        throw new UnsupportedOperationException("chaseReport is not built yet");
    }

    @Override
    public void recordReport(StepContext step) {
        throw new UnsupportedOperationException("recordReport is not built yet");
    }

    @Override
    public void rejectReport(StepContext step) {
        throw new UnsupportedOperationException("rejectReport is not built yet");
    }

    @Override
    public void acceptReport(StepContext step) {
        throw new UnsupportedOperationException("acceptReport is not built yet");
    }

    @Override
    public void openSettlement(StepContext step) {
        throw new UnsupportedOperationException("openSettlement is not built yet");
    }

    @Override
    public void proposeSettlement(StepContext step) {
        throw new UnsupportedOperationException("proposeSettlement is not built yet");
    }

    @Override
    public void returnSettlement(StepContext step) {
        throw new UnsupportedOperationException("returnSettlement is not built yet");
    }

    @Override
    public void settle(StepContext step) {
        throw new UnsupportedOperationException("settle is not built yet");
    }

    private Application load(StepContext step) {
        return applications.find(step.applicationId())
                .orElseThrow(() -> new IllegalStateException("the process runs for an unknown application " + step.applicationId()));
    }
}
