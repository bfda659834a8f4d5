package nl.spuk.domain;

import java.util.regex.Pattern;

/** A CBS municipality code such as {@code GM0014}. Only the format is checked here; membership in the
 * 2024 division is checked against {@link Municipalities}. */
public record MunicipalityCode(String value) {
    private static final Pattern FORMAT = Pattern.compile("GM\\d{4}");

    public MunicipalityCode {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("municipality code must look like GM0014");
        }
    }

    public static boolean isWellFormed(String value) {
        return value != null && FORMAT.matcher(value).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
