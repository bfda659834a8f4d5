package nl.spuk.application;

import java.util.Map;
import nl.spuk.domain.HoursBalance;

/** An hour entry that would take the municipality past its free hours; answered with the hours that remain. */
public class HoursCapExceededException extends ConflictException {
    public HoursCapExceededException(HoursBalance balance) {
        super("this entry would exceed the " + HoursBalance.hours(balance.capQuarterHours())
                        + " free advisory hours; " + HoursBalance.hours(balance.remainingQuarterHours()) + " remain",
                Map.of("remainingHours", HoursBalance.hours(balance.remainingQuarterHours())));
    }
}
