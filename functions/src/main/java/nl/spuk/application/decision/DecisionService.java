package nl.spuk.application.decision;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.spuk.application.Access;
import nl.spuk.application.ProcessCommand;
import nl.spuk.application.ProcessMove;
import nl.spuk.application.ProcessNames;
import nl.spuk.application.Reason;
import nl.spuk.application.RequestId;
import nl.spuk.application.RuleViolationException;
import nl.spuk.application.Texts;
import nl.spuk.application.port.AllocationRepository;
import nl.spuk.application.port.AllocationState;
import nl.spuk.application.port.ApplicationRepository;
import nl.spuk.application.port.Workflow;
import nl.spuk.domain.Actor;
import nl.spuk.domain.Application;
import nl.spuk.domain.DecisionOutcome;
import nl.spuk.domain.FieldError;
import nl.spuk.domain.FourEyes;
import nl.spuk.domain.Role;
import nl.spuk.domain.Status;
import nl.spuk.domain.TaskType;
import nl.spuk.domain.Transition;
import nl.spuk.domain.YearAmounts;

/**
 * The ministry's decision, with four eyes: one user proposes, a different user approves or returns it. The award's
 * ceiling (requested, and the allocation not yet awarded) is checked here for a clear answer, and enforced again by
 * the store when the approval commits the award.
 */
public final class DecisionService {
    public static final int MAX_CONDITIONS = 10_000;
    public static final int MAX_MOTIVATION = 10_000;

    private final ApplicationRepository applications;
    private final AllocationRepository allocations;
    private final ProcessMove process;

    public DecisionService(ApplicationRepository applications, AllocationRepository allocations, Workflow workflow) {
        this.applications = applications;
        this.allocations = allocations;
        this.process = new ProcessMove(applications, workflow);
    }

    public Application propose(Actor actor, RequestId requestId, String applicationId, String outcome, YearAmounts awardedCents,
                               String conditions, String motivation) {
        Access.requireRole(actor, Role.MINISTRY);
        Application app = Access.visible(actor, applications.find(applicationId).orElse(null));
        // this user's proposal recorded already: maybe this request's retry (see ProcessMove)
        boolean madeAlready = app.status() == Status.DECISION_PROPOSED && app.decision().isProposedBy(actor);
        if (!madeAlready) {
            Transition.PROPOSE_DECISION.require(app.status());
        }
        List<FieldError> errors = new ArrayList<>();
        DecisionOutcome parsed = Texts.enumValue(errors, "outcome", DecisionOutcome.class, outcome);
        Texts.optional(errors, "conditions", conditions, MAX_CONDITIONS);
        Texts.required(errors, "motivation", motivation, MAX_MOTIVATION);
        YearAmounts award = awardedCents == null ? YearAmounts.EMPTY : awardedCents;
        if (parsed == DecisionOutcome.AWARD) {
            checkAward(errors, app, award);
        } else if (parsed == DecisionOutcome.REJECT && award.total() != 0) {
            errors.add(new FieldError("awardedCents", "a rejection awards nothing"));
        }
        if (!errors.isEmpty()) {
            throw new RuleViolationException("the decision cannot be proposed", errors);
        }
        DecisionProposal proposal = new DecisionProposal(parsed, parsed == DecisionOutcome.AWARD ? award : YearAmounts.EMPTY,
                conditions, motivation);
        return process.complete(ProcessCommand.on(app, actor, requestId, proposal), TaskType.DECIDE, Map.of(), madeAlready,
                () -> Transition.PROPOSE_DECISION.refused(app.status()));
    }

    public Application approve(Actor actor, RequestId requestId, String applicationId) {
        Access.requireRole(actor, Role.MINISTRY);
        Application visible = Access.visible(actor, applications.find(applicationId).orElse(null));
        // this user's approval recorded already: maybe this request's retry (see ProcessMove)
        boolean madeAlready = (visible.status() == Status.AWARDED || visible.status() == Status.REJECTED)
                && actor.id().equals(visible.decision().approvedBy());
        Application app = madeAlready ? visible : proposed(actor, visible);
        Map<String, Object> variables = new HashMap<>();
        variables.put(ProcessNames.APPROVAL, "APPROVE");
        variables.put(ProcessNames.DECISION_OUTCOME, app.decision().outcome().name());
        variables.put(ProcessNames.AWARDED_YEARS, app.decision().awardedCents().asMap().entrySet().stream()
                .filter(e -> e.getValue() > 0).map(Map.Entry::getKey).toList());
        return process.complete(ProcessCommand.on(app, actor, requestId, null), TaskType.APPROVE_DECISION, variables, madeAlready,
                () -> Transition.DECIDE_ON_PROPOSAL.refused(app.status()));
    }

    /** Returns the proposal to ADVISED; an advised application without a decision may be this return's retry. */
    public Application returnToAdvised(Actor actor, RequestId requestId, String applicationId, String reason) {
        Access.requireRole(actor, Role.MINISTRY);
        Application visible = Access.visible(actor, applications.find(applicationId).orElse(null));
        boolean madeAlready = visible.status() == Status.ADVISED && visible.decision() == null
                && process.lastEventIs(applicationId, "DECISION_RETURNED", actor);
        Application app = madeAlready ? visible : proposed(actor, visible);
        List<FieldError> errors = new ArrayList<>();
        Texts.required(errors, "reason", reason, Reason.MAX_LENGTH);
        if (!errors.isEmpty()) {
            throw new RuleViolationException("a reason is required to return a decision", errors);
        }
        return process.complete(ProcessCommand.on(app, actor, requestId, new Reason(reason)), TaskType.APPROVE_DECISION,
                Map.of(ProcessNames.APPROVAL, "RETURN"), madeAlready,
                () -> Transition.DECIDE_ON_PROPOSAL.refused(app.status()));
    }

    /** The application, if it has a proposed decision that this actor may act on (four eyes). */
    private static Application proposed(Actor actor, Application app) {
        Transition.DECIDE_ON_PROPOSAL.require(app.status());
        FourEyes.require(app.decision().proposedBy(), actor, "decision");
        return app;
    }

    private void checkAward(List<FieldError> errors, Application app, YearAmounts award) {
        YearAmounts requested = app.requestedCents();
        AllocationState allocation = allocations.stateOf(app.municipalityCode());
        if (award.total() <= 0) {
            errors.add(new FieldError("awardedCents", "an award gives an amount above zero for at least one year"));
        }
        award.asMap().forEach((year, cents) -> {
            String field = "awardedCents." + year;
            if (!app.plan().years().contains(year)) {
                errors.add(new FieldError(field, "year " + year + " is not one of the application's years"));
            } else if (cents < 0) {
                errors.add(new FieldError(field, "must not be negative"));
            } else if (cents > requested.get(year)) {
                errors.add(new FieldError(field, "exceeds the " + requested.get(year) + " cents requested"));
            } else if (cents > allocation.left(year)) {
                errors.add(new FieldError(field, "exceeds what is left of the allocation: "
                        + allocation.left(year) + " cents"));
            }
        });
    }
}
