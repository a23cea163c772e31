package io.lacak.api.journey;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The system clock, moved forward by a test when it needs days to pass ({@code clock.pass(Duration.ofDays(3))}). */
final class MovableClock extends Clock {

    private volatile Duration offset = Duration.ZERO;

    void pass(Duration d) {
        offset = offset.plus(d);
    }

    void reset() {
        offset = Duration.ZERO;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the server's clock is UTC");
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }
}
