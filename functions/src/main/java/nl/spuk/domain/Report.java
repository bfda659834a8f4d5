package nl.spuk.domain;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * A municipality's report on one awarded year: spending per attention point, indicators and a narrative.
 *
 * @param respiteQuarterHours hours of respite care, in quarter hours
 * @param reviewedBy null until the ministry accepted or rejected it
 */
public record Report(String applicationId, int year, Map<AttentionPoint, Long> spentCents, long caregiversReached,
                     long respiteQuarterHours, String narrative, String documentId, ReportStatus status,
                     Instant submittedAt, String submittedBy, Instant reviewedAt, String reviewedBy,
                     String rejectionReason) {

    public Report {
        EnumMap<AttentionPoint, Long> copy = new EnumMap<>(AttentionPoint.class);
        for (AttentionPoint p : AttentionPoint.values()) {
            copy.put(p, spentCents.getOrDefault(p, 0L));
        }
        spentCents = java.util.Collections.unmodifiableMap(copy);
    }

    public long totalSpentCents() {
        long sum = 0;
        for (long c : spentCents.values()) {
            sum = Math.addExact(sum, c);
        }
        return sum;
    }

    /** @throws Transition.NotAllowed unless this report is submitted and not yet reviewed */
    public void requireAwaitingReview() {
        if (status != ReportStatus.SUBMITTED) {
            throw notAwaitingReview();
        }
    }

    /** The refusal of a review of this report as it is, once it is reviewed. */
    public Transition.NotAllowed notAwaitingReview() {
        return new Transition.NotAllowed("the report on " + year + " is " + status + ", not awaiting review");
    }

    public Report reviewed(ReportStatus outcome, Actor reviewer, Instant at, String reason) {
        return new Report(applicationId, year, spentCents, caregiversReached, respiteQuarterHours, narrative, documentId,
                outcome, submittedAt, submittedBy, at, reviewer.id(), reason);
    }
}
