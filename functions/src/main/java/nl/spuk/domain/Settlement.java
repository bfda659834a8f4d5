package nl.spuk.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The final settlement over the awarded years: per year the eligible spending is the reported spending capped at
 * that year's award; the reclaim is what was awarded and not eligibly spent, never negative.
 *
 * @param approvedBy null while only proposed
 */
public record Settlement(List<Row> rows, long totalAwardedCents, long totalEligibleCents, long reclaimCents,
                         String proposedBy, String proposedByName, Instant proposedAt,
                         String approvedBy, String approvedByName, Instant approvedAt) {

    /** One awarded year. */
    public record Row(int year, long awardedCents, long reportedSpentCents, long eligibleCents) {
        public long reclaimCents() {
            return awardedCents - eligibleCents;
        }
    }

    public Settlement {
        rows = List.copyOf(rows);
    }

    /** Computes the settlement from the awards and the accepted reports' spending per year. */
    public static Settlement calculate(YearAmounts awarded, Map<Integer, Long> reportedSpent, Actor proposer, Instant at) {
        List<Row> rows = new ArrayList<>();
        long totalAwarded = 0;
        long totalEligible = 0;
        for (var e : awarded.asMap().entrySet()) {
            long spent = reportedSpent.getOrDefault(e.getKey(), 0L);
            long eligible = Math.min(spent, e.getValue());
            rows.add(new Row(e.getKey(), e.getValue(), spent, eligible));
            totalAwarded = Math.addExact(totalAwarded, e.getValue());
            totalEligible = Math.addExact(totalEligible, eligible);
        }
        return new Settlement(rows, totalAwarded, totalEligible, Math.max(0, totalAwarded - totalEligible),
                proposer.id(), proposer.name(), at, null, null, null);
    }

    public Settlement approved(Actor approver, Instant at) {
        return new Settlement(rows, totalAwardedCents, totalEligibleCents, reclaimCents, proposedBy, proposedByName,
                proposedAt, approver.id(), approver.name(), at);
    }

    /** Approved by a second ministry user; until then the settlement is internal to the ministry. */
    public boolean isApproved() {
        return approvedBy != null;
    }

    public boolean isProposedBy(Actor actor) {
        return proposedBy.equals(actor.id());
    }
}
