package nl.spuk.application.fakes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import nl.spuk.domain.SchemeRules;

/**
 * A clock that stands still, as {@link Clock#fixed} does, at an instant a test moves it to: the workflow's clock for
 * the timers (a year's report, its reminder and its chase) across one test.
 */
public final class TestClock extends Clock {
    private volatile Clock fixed;

    public TestClock(Instant start) {
        this.fixed = Clock.fixed(start, ZoneOffset.UTC);
    }

    /** Moves the clock to the instant. */
    public void set(Instant instant) {
        fixed = Clock.fixed(instant, ZoneOffset.UTC);
    }

    /** Moves the clock to noon of that day in the Netherlands. */
    public void setDay(LocalDate day) {
        set(day.atTime(12, 0).atZone(SchemeRules.ZONE).toInstant());
    }

    public void advance(Duration by) {
        set(instant().plus(by));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Instant instant() {
        return fixed.instant();
    }
}
