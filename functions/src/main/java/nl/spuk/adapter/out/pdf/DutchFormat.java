package nl.spuk.adapter.out.pdf;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Money and dates as Dutch letters write them: {@code € 12.500,00}, {@code -€ 5,00}, {@code 22 november 2026}. */
public final class DutchFormat {
    private static final Locale DUTCH = Locale.forLanguageTag("nl-NL");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM uuuu", DUTCH);

    private DutchFormat() {
    }

    /**
     * Euro cents as {@code € 1.234,56}. The JDK's own currency format is not used as a whole: with CLDR data it
     * writes a non-breaking space and {@code € -5,00}, with the older COMPAT data {@code € 5,00-}. So the locale
     * supplies the digits and separators and the euro sign and minus are placed here.
     */
    public static String money(long cents) {
        NumberFormat number = NumberFormat.getNumberInstance(DUTCH); // not thread-safe: one per call
        number.setGroupingUsed(true);
        number.setMinimumFractionDigits(2);
        number.setMaximumFractionDigits(2);
        String amount = number.format(BigDecimal.valueOf(cents, 2).abs());
        return (cents < 0 ? "-€ " : "€ ") + amount;
    }

    /** A calendar date as {@code 15 maart 2025}. */
    public static String date(LocalDate date) {
        return DATE.format(date);
    }
}
