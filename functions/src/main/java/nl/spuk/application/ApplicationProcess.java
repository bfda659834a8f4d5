package nl.spuk.application;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.spuk.application.port.AllocationRepository;
import nl.spuk.application.port.AllocationRequirement;
import nl.spuk.application.port.ApplicationChange;
import nl.spuk.application.port.ApplicationRepository;
import nl.spuk.application.port.DocumentStorage;
import nl.spuk.application.port.LetterRenderer;
import nl.spuk.domain.Advice;
import nl.spuk.domain.AdviceOutcome;
import nl.spuk.domain.Application;
import nl.spuk.domain.AuditEvent;
import nl.spuk.domain.FieldError;
import nl.spuk.domain.PlanRules;
import nl.spuk.domain.SchemeRules;
import nl.spuk.domain.Status;
import nl.spuk.domain.Task;
import nl.spuk.domain.TaskType;

/** The business side of the application process: what each step does to the record. */
public final class ApplicationProcess implements ProcessSteps {
    private final ApplicationRepository applications;
    private final AllocationRepository allocations;
    private final PlanRules rules;
    private final Clock clock;
    private final DecisionSteps decisions;
    private final ReportingSteps reporting;
    private final SettlementSteps settlements;

    public ApplicationProcess(ApplicationRepository applications, AllocationRepository allocations,
                              DocumentStorage storage, LetterRenderer letters, PlanRules rules, Clock clock) {
        this.applications = applications;
        this.allocations = allocations;
        this.rules = rules;
        this.clock = clock;
        this.decisions = new DecisionSteps(applications, storage, letters, clock);
        this.reporting = new ReportingSteps(applications, SchemeRules.DEFAULT, clock);
        this.settlements = new SettlementSteps(applications, storage, letters, clock);
    }

    @Override
    public void startReview(StepContext step) {
        Application app = step.load(applications);
        if (app.status() == Status.IN_REVIEW) {
            return; // this step's change was stored before the engine transaction failed; the retry converges
        }
        if (!app.status().isEditable()) {
            throw new ConflictException("an application in status " + app.status() + " cannot be submitted");
        }
        // The command read the application with its documents in one query: whether the plan is uploaded is answered
        // from the documents it hands on, not read again.
        boolean planUploaded = step.request(Submission.class).planUploaded();
        if (!rules.checkCompleteApartFromAllocations(app.plan(), planUploaded).isEmpty()) {
            throw incomplete(app, planUploaded);
        }
        var now = clock.instant();
        Application inReview = app.moveTo(Status.IN_REVIEW, now);
        TaskType done = app.status() == Status.DRAFT ? TaskType.PREPARE : TaskType.REVISE;
        LocalDate due = LocalDate.ofInstant(now, SchemeRules.ZONE).plus(SchemeRules.REVIEW_PERIOD);
        // The allocations are not read to check the request against them: the store checks them in the transaction
        // that starts the review, and they are read only to name what is missing when it refuses.
        List<AllocationRequirement> needed = rules.allocationsNeeded(app.plan()).asMap().entrySet().stream()
                .map(e -> new AllocationRequirement(app.municipalityCode(), e.getKey(), e.getValue()))
                .toList();
        ApplicationChange change = new ApplicationChange(step.changeId(), app, inReview,
                AuditEvent.of(step.actor(), now, "SUBMITTED", app.status(), Status.IN_REVIEW, Map.of()),
                List.of(Task.open(TaskType.REVIEW, inReview, now, due)),
                List.of(Task.idOf(app.id(), done))).requiring(needed);
        try {
            step.apply(applications, change);
        } catch (AllocationShortfallException refused) {
            RuleViolationException incomplete = incomplete(app, planUploaded);
            if (!incomplete.errors().isEmpty()) {
                throw incomplete;
            }
            // raised between the refusal and the read: the store checks once more (a second refusal is a conflict)
            step.apply(applications, change);
        }
    }

    /** The refusal naming every missing item, the allocations read to name theirs. */
    private RuleViolationException incomplete(Application app, boolean planUploaded) {
        List<FieldError> missing = rules.checkComplete(app.plan(), allocations.stateOf(app.municipalityCode()).allocated(),
                planUploaded);
        return new RuleViolationException("the application is not complete", missing);
    }

    @Override
    public void withdraw(StepContext step) {
        Application app = step.load(applications);
        if (app.status() == Status.WITHDRAWN) {
            return;
        }
        if (!app.status().isWithdrawable()) {
            throw new ConflictException("an application in status " + app.status() + " can no longer be withdrawn");
        }
        var now = clock.instant();
        String reason = step.request(Reason.class).text();
        List<String> openTasks = Arrays.stream(TaskType.values()).map(t -> Task.idOf(app.id(), t)).toList();
        step.apply(applications, new ApplicationChange(step.changeId(), app, app.moveTo(Status.WITHDRAWN, now),
                AuditEvent.of(step.actor(), now, "WITHDRAWN", app.status(), Status.WITHDRAWN,
                        reason == null ? Map.of() : Map.of("reason", reason)),
                List.of(), openTasks));
    }

    @Override
    public void openReport(StepContext step) {
        reporting.open(step);
    }

    @Override
    public void remindReport(StepContext step) {
        reporting.remind(step);
    }

    @Override
    public void chaseReport(StepContext step) {
        reporting.chase(step);
    }

    @Override
    public void recordReport(StepContext step) {
        reporting.record(step);
    }

    @Override
    public void rejectReport(StepContext step) {
        reporting.reject(step);
    }

    @Override
    public void acceptReport(StepContext step) {
        reporting.accept(step);
    }

    @Override
    public void openSettlement(StepContext step) {
        settlements.open(step);
    }

    @Override
    public void proposeSettlement(StepContext step) {
        settlements.propose(step);
    }

    @Override
    public void returnSettlement(StepContext step) {
        settlements.returnToProposal(step);
    }

    @Override
    public void settle(StepContext step) {
        settlements.settle(step);
    }

    @Override
    public void recordAdvice(StepContext step) {
        Application app = step.load(applications);
        AdviceRequest given = step.request(AdviceRequest.class);
        AdviceOutcome outcome = given.outcome();
        Status target = outcome == AdviceOutcome.CHANGES_REQUESTED ? Status.CHANGES_REQUESTED : Status.ADVISED;
        if (app.status() == target) {
            return;
        }
        if (app.status() != Status.IN_REVIEW) {
            throw new ConflictException("advice can be given while the application is in review, not in " + app.status());
        }
        var now = clock.instant();
        Advice advice = new Advice(outcome, given.summary(), given.documentId(),
                step.actor().id(), step.actor().name(), now);
        Application advised = app.advised(advice, target, now);
        Task next = outcome == AdviceOutcome.CHANGES_REQUESTED
                ? Task.open(TaskType.REVISE, advised, now, null)
                : Task.open(TaskType.DECIDE, advised, now, null);
        Map<String, String> details = new HashMap<>(Map.of("outcome", outcome.name(), "summary", advice.summary()));
        if (advice.documentId() != null) {
            details.put("documentId", advice.documentId());
        }
        step.apply(applications, new ApplicationChange(step.changeId(), app, advised,
                AuditEvent.of(step.actor(), now, "ADVICE_GIVEN", app.status(), target, details),
                List.of(next), List.of(Task.idOf(app.id(), TaskType.REVIEW))));
    }

    @Override
    public void escalateReview(StepContext step) {
        Application app = step.load(applications);
        boolean alreadyEscalated = app.reviewEscalatedAt() != null && app.reviewEscalatedAt().equals(app.updatedAt());
        if (app.status() != Status.IN_REVIEW || alreadyEscalated) {
            return;
        }
        var now = clock.instant();
        step.apply(applications, new ApplicationChange(step.changeId(), app, app.escalated(now),
                AuditEvent.of(step.actor(), now, "REVIEW_ESCALATED", null, null,
                        Map.of("openSince", app.updatedAt().toString(), "days", Integer.toString(SchemeRules.REVIEW_PERIOD.getDays()))),
                List.of(), List.of()));
    }

    @Override
    public void proposeDecision(StepContext step) {
        decisions.propose(step);
    }

    @Override
    public void returnDecision(StepContext step) {
        decisions.returnToAdvised(step);
    }

    @Override
    public void approveDecision(StepContext step) {
        decisions.approve(step);
    }

}
