package nl.spuk.domain;

import java.time.LocalDate;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the award letter (beschikking) states. Everything derives from the approved application
 * ({@link #of}), so the letter of a stored award can be made again, byte for byte.
 *
 * @param advancePayments per awarded year the date by which its advance is paid
 * @param reportDeadlines per awarded year the date its report is due; one before {@code decisionDate} has passed
 */
public record AwardLetter(AwardReference reference, String applicationTitle, Municipality municipality,
                          String schemeName, YearAmounts awardedCents, String conditions, String motivation,
                          LocalDate decisionDate, Signatory signedBy, SortedMap<Integer, LocalDate> advancePayments,
                          SortedMap<Integer, LocalDate> reportDeadlines) {

    public AwardLetter {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(decisionDate, "decisionDate");
        Objects.requireNonNull(signedBy, "signedBy");
        advancePayments = new TreeMap<>(advancePayments);
        reportDeadlines = new TreeMap<>(reportDeadlines);
    }

    /** The letter of an approved, numbered award. */
    public static AwardLetter of(Application app, SchemeRules rules) {
        Decision d = app.decision();
        if (d == null || !d.isApproved() || d.reference() == null) {
            throw new IllegalArgumentException("an award letter needs an approved award with its reference");
        }
        LocalDate decided = LocalDate.ofInstant(d.approvedAt(), SchemeRules.ZONE);
        TreeMap<Integer, LocalDate> payments = new TreeMap<>();
        TreeMap<Integer, LocalDate> deadlines = new TreeMap<>();
        // a year awarded nothing is neither paid nor reported on (the process opens no report for it)
        d.awardedCents().asMap().forEach((year, cents) -> {
            if (cents > 0) {
                payments.put(year, rules.advancePaymentDate(year, decided));
                deadlines.put(year, rules.reportDeadline(year));
            }
        });
        return new AwardLetter(d.reference(), app.plan().title(), app.municipality(), SchemeRules.SCHEME_NAME,
                d.awardedCents(), d.conditions(), d.motivation(), decided, Signatory.approver(d.approvedByName()),
                payments, deadlines);
    }
}
