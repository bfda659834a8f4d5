package nl.spuk.application.drafting;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import nl.spuk.application.AllocationShortfallException;
import nl.spuk.application.Reason;
import nl.spuk.application.RuleViolationException;
import nl.spuk.application.StepContext;
import nl.spuk.application.drafting.Submission;
import nl.spuk.application.port.AllocationRepository;
import nl.spuk.application.port.AllocationRequirement;
import nl.spuk.application.port.ApplicationChange;
import nl.spuk.application.port.ApplicationRepository;
import nl.spuk.domain.Application;
import nl.spuk.domain.AuditEvent;
import nl.spuk.domain.FieldError;
import nl.spuk.domain.NotificationType;
import nl.spuk.domain.PlanRules;
import nl.spuk.domain.SchemeRules;
import nl.spuk.domain.Status;
import nl.spuk.domain.Task;
import nl.spuk.domain.TaskType;
import nl.spuk.domain.Transition;

/**
 * The drafting steps of the process: the submission that starts the review (the completeness check and the
 * allocations the store checks in the same transaction), and the withdrawal.
 */
public final class DraftingSteps {
    private final ApplicationRepository applications;
    private final AllocationRepository allocations;
    private final PlanRules rules;
    private final Clock clock;

    public DraftingSteps(ApplicationRepository applications, AllocationRepository allocations, PlanRules rules, Clock clock) {
        this.applications = applications;
        this.allocations = allocations;
        this.rules = rules;
        this.clock = clock;
    }

    public void startReview(StepContext step) {
        Application app = step.load(applications);
        if (app.status() == Status.IN_REVIEW) {
            return; // this step's change was stored before the engine transaction failed; the retry converges
        }
        Transition.SUBMIT.require(app.status());
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
                List.of(Task.idOf(app.id(), done))).requiring(needed)
                .notifying(NotificationType.APPLICATION_SUBMITTED,
                        Map.of("resubmitted", Boolean.toString(app.status() == Status.CHANGES_REQUESTED)));
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

    public void withdraw(StepContext step) {
        Application app = step.load(applications);
        if (app.status() == Status.WITHDRAWN) {
            return;
        }
        Transition.WITHDRAW.require(app.status());
        var now = clock.instant();
        String reason = step.request(Reason.class).text();
        List<String> openTasks = Arrays.stream(TaskType.values()).map(t -> Task.idOf(app.id(), t)).toList();
        step.apply(applications, new ApplicationChange(step.changeId(), app, app.moveTo(Status.WITHDRAWN, now),
                AuditEvent.of(step.actor(), now, "WITHDRAWN", app.status(), Status.WITHDRAWN,
                        reason == null ? Map.of() : Map.of("reason", reason)),
                List.of(), openTasks));
    }
}
