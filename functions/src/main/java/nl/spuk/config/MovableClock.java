package nl.spuk.config;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.LongConsumer;

/**
 * The workflow clock of local mode: real time plus an offset that only grows. Moving it forward lets
 * deadlines be tried without waiting; it never moves back. The offset is handed to a listener so it can be
 * persisted and survive a restart.
 */
public final class MovableClock extends Clock {
    private final Clock base;
    private volatile long offsetMillis;
    private final LongConsumer onChange;

    public MovableClock(Clock base, long offsetMillis, LongConsumer onChange) {
        this.base = base;
        this.offsetMillis = offsetMillis;
        this.onChange = onChange;
    }

    /**
     * Moves the clock forward to {@code target}.
     *
     * @throws IllegalArgumentException when the target lies before the clock's current time
     */
    public synchronized void advanceTo(Instant target) {
        Instant now = instant();
        if (target.isBefore(now)) {
            throw new IllegalArgumentException("the clock is at " + now + " and never moves back");
        }
        offsetMillis += Duration.between(now, target).toMillis();
        onChange.accept(offsetMillis);
    }

    public long offsetMillis() {
        return offsetMillis;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the workflow clock is UTC");
    }

    @Override
    public Instant instant() {
        return base.instant().plusMillis(offsetMillis);
    }
}
