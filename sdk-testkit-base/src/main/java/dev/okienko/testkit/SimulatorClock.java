package dev.okienko.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that runs with real time from a shifted start and that tests can move forward, so that "14 days
 * later" takes no time: e.g. presumed delivery in the embedded e-Doręczenia, or a token's expiry. Thread-safe.
 */
public final class SimulatorClock extends Clock {
    private final Clock base;
    private final AtomicReference<Duration> offset;

    private SimulatorClock(Clock base, AtomicReference<Duration> offset) {
        this.base = base;
        this.offset = offset;
    }

    /** @return a clock showing the real time until moved */
    public static SimulatorClock systemUtc() {
        return new SimulatorClock(Clock.systemUTC(), new AtomicReference<>(Duration.ZERO));
    }

    /**
     * @param duration how far to move the clock forward
     * @return this
     */
    public SimulatorClock advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("a simulator clock only moves forward");
        }
        offset.accumulateAndGet(duration, Duration::plus);
        return this;
    }

    @Override
    public Instant instant() {
        return base.instant().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return base.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new SimulatorClock(base.withZone(zone), offset);
    }

    @Override
    public String toString() {
        return "SimulatorClock[" + instant().atOffset(ZoneOffset.UTC) + "]";
    }
}
