package nl.spuk.domain;

/** A municipality's free advisory hours: the cap and what is used, in quarter hours. */
public record HoursBalance(int usedQuarterHours, int capQuarterHours) {
    public int remainingQuarterHours() {
        return Math.max(0, capQuarterHours - usedQuarterHours);
    }

    public boolean isAtCap() {
        return usedQuarterHours >= capQuarterHours;
    }

    /** Quarter hours as a JSON number of hours, e.g. 10 → 2.5. */
    public static double hours(int quarterHours) {
        return quarterHours / 4.0;
    }
}
