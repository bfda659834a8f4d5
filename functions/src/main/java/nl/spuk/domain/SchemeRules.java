package nl.spuk.domain;

import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;

/**
 * The scheme's numbers that are product rules rather than law, kept in one place.
 *
 * @param firstYear first year the funds cover
 * @param lastYear last year the funds cover
 * @param freeAdvisoryQuarterHours the advisory team's free hours per municipality, in quarter hours
 * @param maxQuarterHoursPerEntry the largest single hour entry, in quarter hours
 */
public record SchemeRules(int firstYear, int lastYear, int freeAdvisoryQuarterHours, int maxQuarterHoursPerEntry) {
    public static final SchemeRules DEFAULT = new SchemeRules(2023, 2026, 25 * 4, 8 * 4);

    /** The scheme and its component, as letters name them. */
    public static final String SCHEME_NAME = "Regeling specifieke uitkering sport en bewegen, gezondheidsbevordering, "
            + "cultuurparticipatie en de sociale basis 2023-2026, onderdeel Mantelzorg in de sociale basis";

    /** The scheme's dates are calendar dates in the Netherlands. */
    public static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");

    /** A review should be done within six weeks; then it is escalated. */
    public static final Period REVIEW_PERIOD = Period.ofDays(42);

    /** The role under which the approving official signs letters on behalf of the minister. */
    public static final String APPROVER_ROLE = "Beslissingsbevoegd medewerker, Dienst Uitvoering Subsidies aan Instellingen";

    /** An award's advance is paid at the latest this long after the decision (a product rule). */
    public static final Period ADVANCE_PAYMENT_PERIOD = Period.ofWeeks(6);

    /** The municipality is reminded this many days before a report is due. */
    public static final int REPORT_REMINDER_DAYS = 30;

    /**
     * An extended report deadline lies at most this long after the regular one (a product rule): a date beyond it is
     * far more often a typing error (2099 for 2027) than a decision.
     */
    public static final Period LONGEST_REPORT_EXTENSION = Period.ofYears(1);

    /** Largest amount accepted per year in one field: one billion euros, far above any allocation. */
    public static final long MAX_CENTS = 100_000_000_000L;

    public boolean coversYear(int year) {
        return year >= firstYear && year <= lastYear;
    }

    /**
     * The date by which the advance for an awarded year is paid, in one instalment: six weeks after the decision, and
     * for a year that has not yet begun no earlier than 31 January of that year.
     */
    public LocalDate advancePaymentDate(int year, LocalDate decided) {
        LocalDate afterDecision = decided.plus(ADVANCE_PAYMENT_PERIOD);
        LocalDate inYear = LocalDate.of(year, 1, 31);
        return afterDecision.isAfter(inYear) ? afterDecision : inYear;
    }

    /** The report on year Y is due 15 July of Y+1 (a date in Europe/Amsterdam). */
    public LocalDate reportDeadline(int year) {
        return LocalDate.of(year + 1, 7, 15);
    }
}
