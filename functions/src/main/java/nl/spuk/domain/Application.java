package nl.spuk.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One municipality's application for the caregiver funds: its plan, where it stands in the lifecycle, the
 * advice on it and the decision. Every change produces a new instance with the version raised by one.
 *
 * @param submittedAt the first submission, or null while it has never been submitted
 * @param advice the latest advice, or null
 * @param decision the decision as proposed (and approved), or null
 * @param reviewEscalatedAt when an overlong review was escalated, or null
 * @param settlement the final settlement as proposed (and approved), or null
 */
public record Application(
        String id,
        Municipality municipality,
        Plan plan,
        Status status,
        long version,
        Instant createdAt,
        Instant updatedAt,
        Instant submittedAt,
        String createdBy,
        Advice advice,
        Decision decision,
        Instant reviewEscalatedAt,
        Settlement settlement) {

    public Application {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(municipality, "municipality");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(status, "status");
    }

    public static Application draft(String id, Municipality municipality, Plan plan, Actor creator, Instant now) {
        return new Application(id, municipality, plan, Status.DRAFT, 1, now, now, null, creator.id(), null, null, null, null);
    }

    public MunicipalityCode municipalityCode() {
        return municipality.code();
    }

    public YearAmounts requestedCents() {
        return plan.requestedCents();
    }

    /** What was awarded: the approved award, or nothing. */
    public YearAmounts awardedCents() {
        boolean awarded = decision != null && decision.isApproved() && decision.outcome() == DecisionOutcome.AWARD;
        return awarded ? decision.awardedCents() : YearAmounts.EMPTY;
    }

    /** The approved award's reference, or null (no award, or not yet approved). */
    public AwardReference reference() {
        return decision == null ? null : decision.reference();
    }

    /**
     * Whether this actor may see the application at all; a no here is answered as "not found". Until its first
     * submission an application is its municipality's own: advisors and the ministry never see a draft, nor a draft
     * withdrawn before it was submitted.
     */
    public boolean isVisibleTo(Actor actor) {
        return switch (actor.role()) {
            case MUNICIPALITY -> actor.belongsTo(municipalityCode());
            case ADVISOR, MINISTRY -> submittedAt != null;
        };
    }

    /**
     * The application as this actor may read it. A decision or settlement that awaits its second ministry user is
     * internal to the ministry (four eyes): everyone else sees only the status until it is approved.
     */
    public Application asSeenBy(Actor actor) {
        Decision shownDecision = decision == null || decision.isApproved() || actor.is(Role.MINISTRY) ? decision : null;
        Settlement shownSettlement = settlement == null || settlement.isApproved() || actor.is(Role.MINISTRY) ? settlement : null;
        if (shownDecision == decision && shownSettlement == settlement) {
            return this;
        }
        return new Application(id, municipality, plan, status, version, createdAt, updatedAt, submittedAt, createdBy,
                advice, shownDecision, reviewEscalatedAt, shownSettlement);
    }

    public Application withPlan(Plan newPlan, Instant now) {
        return new Application(id, municipality, newPlan, status, version + 1, createdAt, now, submittedAt, createdBy,
                advice, decision, reviewEscalatedAt, settlement);
    }

    /** Moves along the lifecycle; refuses a move the status machine does not allow. */
    public Application moveTo(Status target, Instant now) {
        if (!status.canMoveTo(target)) {
            throw new IllegalStateException(status + " cannot move to " + target);
        }
        Instant firstSubmission = submittedAt == null && (target == Status.SUBMITTED || target == Status.IN_REVIEW)
                ? now : submittedAt;
        return new Application(id, municipality, plan, target, version + 1, createdAt, now, firstSubmission, createdBy,
                advice, decision, reviewEscalatedAt, settlement);
    }

    /** Records advice and moves to where the advice leads. */
    public Application advised(Advice newAdvice, Status target, Instant now) {
        Application moved = moveTo(target, now);
        return new Application(id, municipality, plan, target, moved.version(), createdAt, now, moved.submittedAt(),
                createdBy, newAdvice, decision, reviewEscalatedAt, settlement);
    }

    /** Records the decision (proposed, approved, or withdrawn by a return: null) and moves to the given status. */
    public Application decided(Decision newDecision, Status target, Instant now) {
        Application moved = moveTo(target, now);
        return new Application(id, municipality, plan, target, moved.version(), createdAt, now, submittedAt, createdBy,
                advice, newDecision, reviewEscalatedAt, settlement);
    }

    public Application escalated(Instant now) {
        return new Application(id, municipality, plan, status, version + 1, createdAt, now, submittedAt, createdBy,
                advice, decision, now, settlement);
    }

    /** A change that leaves the status as it is (a report received, a task opened), raising the version. */
    public Application touched(Instant now) {
        return new Application(id, municipality, plan, status, version + 1, createdAt, now, submittedAt, createdBy,
                advice, decision, reviewEscalatedAt, settlement);
    }

    /** Records the settlement (proposed, approved, or withdrawn by a return: null) and moves to the given status. */
    /** @throws Transition.NotAllowed unless a settlement is proposed and not yet approved */
    public void requireProposedSettlement() {
        if (status == Status.SETTLED || settlement == null) {
            throw noProposedSettlement();
        }
    }

    /** The refusal of an approval or return of a settlement, once none is proposed. */
    public static Transition.NotAllowed noProposedSettlement() {
        return new Transition.NotAllowed("there is no proposed settlement to act on");
    }

    public Application settling(Settlement newSettlement, Status target, Instant now) {
        Application moved = target == status ? touched(now) : moveTo(target, now);
        return new Application(id, municipality, plan, target, moved.version(), createdAt, now, submittedAt, createdBy,
                advice, decision, reviewEscalatedAt, newSettlement);
    }
}
