package nl.spuk.domain;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reference (kenmerk) of an award, {@code SPUK-2026-00042}: the year of the decision and the award's place in that
 * year's sequence, which the store hands out without gaps (the first award of a year is 1).
 */
public record AwardReference(int year, int sequence) {
    /** Five digits: far more than the 342 municipalities can ever be awarded in one year. */
    public static final int MAX_SEQUENCE = 99_999;
    private static final Pattern FORMAT = Pattern.compile("SPUK-(\\d{4})-(\\d{5})");

    public AwardReference {
        if (year < 1000 || year > 9999) {
            throw new IllegalArgumentException("a reference's year has four digits, not " + year);
        }
        if (sequence < 1 || sequence > MAX_SEQUENCE) {
            throw new IllegalArgumentException("a reference's sequence runs from 1 to " + MAX_SEQUENCE + ", not " + sequence);
        }
    }

    /** The reference that follows {@code lastSequence} (0: none taken yet) in the year. */
    public static AwardReference after(int year, long lastSequence) {
        if (lastSequence >= MAX_SEQUENCE) {
            throw new IllegalStateException("the references of " + year + " are used up");
        }
        return new AwardReference(year, (int) lastSequence + 1);
    }

    public static AwardReference parse(String text) {
        Matcher m = FORMAT.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a reference: " + text);
        }
        return new AwardReference(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    @Override
    public String toString() {
        return String.format("SPUK-%04d-%05d", year, sequence);
    }
}
