package nl.spuk.domain;

import java.time.Instant;

/**
 * A decision as proposed by one ministry user and, once approved, by a second one (four eyes).
 *
 * @param awardedCents the award per year; empty for a rejection
 * @param approvedBy null while only proposed
 * @param reference the award's reference, given at its approval; null for a proposal and a rejection
 */
public record Decision(DecisionOutcome outcome, YearAmounts awardedCents, String conditions, String motivation,
                       String proposedBy, String proposedByName, Instant proposedAt,
                       String approvedBy, String approvedByName, Instant approvedAt, AwardReference reference) {

    public Decision {
        if (reference != null && (approvedBy == null || outcome != DecisionOutcome.AWARD)) {
            throw new IllegalArgumentException("only an approved award has a reference");
        }
    }

    /** A decision without reference: a proposal, a rejection, or an award before its number is taken. */
    public Decision(DecisionOutcome outcome, YearAmounts awardedCents, String conditions, String motivation,
                    String proposedBy, String proposedByName, Instant proposedAt,
                    String approvedBy, String approvedByName, Instant approvedAt) {
        this(outcome, awardedCents, conditions, motivation, proposedBy, proposedByName, proposedAt, approvedBy,
                approvedByName, approvedAt, null);
    }

    public Decision approved(Actor approver, Instant at) {
        return new Decision(outcome, awardedCents, conditions, motivation, proposedBy, proposedByName, proposedAt,
                approver.id(), approver.name(), at);
    }

    /** This approved award with its reference. */
    public Decision numbered(AwardReference number) {
        return new Decision(outcome, awardedCents, conditions, motivation, proposedBy, proposedByName, proposedAt,
                approvedBy, approvedByName, approvedAt, number);
    }

    /** Approved by a second ministry user; until then the decision is internal to the ministry. */
    public boolean isApproved() {
        return approvedBy != null;
    }

    /** Four eyes: whoever proposed may not approve or return it. */
    public boolean isProposedBy(Actor actor) {
        return proposedBy.equals(actor.id());
    }
}
