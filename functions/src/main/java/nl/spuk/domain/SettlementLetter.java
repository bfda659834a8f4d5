package nl.spuk.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * What the settlement letter (eindafrekening) states: per awarded year the award, the spending the municipality
 * reported and the eligible part of it, then the totals and the amount reclaimed.
 *
 * <p>The letter must add up: the totals are the sums of the rows, no row is eligible for more than its award, and
 * the reclaim is total awarded minus total eligible. A letter that contradicts itself is refused rather than sent.
 *
 * @param reference the kenmerk: the award's reference
 * @param paymentDueDate the date by which a reclaim must be paid; may be null when nothing is reclaimed
 */
public record SettlementLetter(String reference, String applicationTitle, Municipality municipality,
                               String schemeName, List<Row> rows, long totalAwardedCents, long totalEligibleCents,
                               long reclaimCents, LocalDate settlementDate, Signatory signedBy,
                               LocalDate paymentDueDate) {

    public SettlementLetter {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(municipality, "municipality");
        Objects.requireNonNull(settlementDate, "settlementDate");
        Objects.requireNonNull(signedBy, "signedBy");
        rows = List.copyOf(rows);
        long awarded = 0;
        long eligible = 0;
        for (Row row : rows) {
            awarded = Math.addExact(awarded, row.awardedCents());
            eligible = Math.addExact(eligible, row.eligibleCents());
        }
        if (awarded != totalAwardedCents || eligible != totalEligibleCents) {
            throw new IllegalArgumentException("the totals must be the sums of the rows");
        }
        if (reclaimCents != totalAwardedCents - totalEligibleCents) {
            throw new IllegalArgumentException("the reclaim must be total awarded minus total eligible");
        }
        if (reclaimCents > 0 && paymentDueDate == null) {
            throw new IllegalArgumentException("a reclaim needs a payment due date");
        }
    }

    /**
     * The letter of an approved settlement, from the stored application alone, so that it can be made again byte for
     * byte; a reclaim is due {@code paymentDays} after the settlement.
     */
    public static SettlementLetter of(Application app, int paymentDays) {
        Settlement s = app.settlement();
        if (s == null || !s.isApproved()) {
            throw new IllegalArgumentException("a settlement letter needs an approved settlement");
        }
        LocalDate settled = LocalDate.ofInstant(s.approvedAt(), SchemeRules.ZONE);
        // an award approved before awards had references has none: its letters name the application
        String reference = app.reference() != null ? app.reference().toString() : app.id();
        return new SettlementLetter(reference, app.plan().title(), app.municipality(), SchemeRules.SCHEME_NAME,
                s.rows().stream().map(r -> new Row(r.year(), r.awardedCents(), r.reportedSpentCents(), r.eligibleCents()))
                        .toList(),
                s.totalAwardedCents(), s.totalEligibleCents(), s.reclaimCents(), settled,
                Signatory.approver(s.approvedByName()), s.reclaimCents() > 0 ? settled.plusDays(paymentDays) : null);
    }

    /** One awarded year: what was awarded, what was reported as spent, and what of that is eligible. */
    public record Row(int year, long awardedCents, long reportedSpentCents, long eligibleCents) {
        public Row {
            if (awardedCents < 0 || reportedSpentCents < 0 || eligibleCents < 0) {
                throw new IllegalArgumentException("amounts cannot be negative");
            }
            if (eligibleCents > awardedCents || eligibleCents > reportedSpentCents) {
                throw new IllegalArgumentException("eligible spending is capped at both the award and the reported spending");
            }
        }
    }
}
