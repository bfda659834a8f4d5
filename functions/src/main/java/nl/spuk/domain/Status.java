package nl.spuk.domain;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** The lifecycle of one application (domain.md). */
public enum Status {
    DRAFT, SUBMITTED, IN_REVIEW, CHANGES_REQUESTED, ADVISED, DECISION_PROPOSED,
    AWARDED, REJECTED, REPORTING, SETTLED, WITHDRAWN;

    private static final Map<Status, Set<Status>> NEXT = Map.ofEntries(
            Map.entry(DRAFT, EnumSet.of(SUBMITTED, IN_REVIEW, WITHDRAWN)),
            Map.entry(SUBMITTED, EnumSet.of(IN_REVIEW, WITHDRAWN)),
            Map.entry(IN_REVIEW, EnumSet.of(CHANGES_REQUESTED, ADVISED, WITHDRAWN)),
            Map.entry(CHANGES_REQUESTED, EnumSet.of(SUBMITTED, IN_REVIEW, WITHDRAWN)),
            Map.entry(ADVISED, EnumSet.of(DECISION_PROPOSED, WITHDRAWN)),
            Map.entry(DECISION_PROPOSED, EnumSet.of(AWARDED, REJECTED, ADVISED)),
            Map.entry(AWARDED, EnumSet.of(REPORTING, SETTLED)),
            Map.entry(REPORTING, EnumSet.of(SETTLED)),
            Map.entry(REJECTED, EnumSet.noneOf(Status.class)),
            Map.entry(SETTLED, EnumSet.noneOf(Status.class)),
            Map.entry(WITHDRAWN, EnumSet.noneOf(Status.class)));

    public boolean canMoveTo(Status target) {
        return NEXT.get(this).contains(target);
    }

    /** The municipality may still change the plan. */
    public boolean isEditable() {
        return this == DRAFT || this == CHANGES_REQUESTED;
    }

    /** Withdrawal is possible up to and including ADVISED. */
    public boolean isWithdrawable() {
        return canMoveTo(WITHDRAWN);
    }

    /** Yearly reports exist for an awarded grant only; no status after the award leads back before it. */
    public boolean holdsReports() {
        return this == AWARDED || this == REPORTING || this == SETTLED;
    }

    public boolean isFinal() {
        return NEXT.get(this).isEmpty();
    }
}
