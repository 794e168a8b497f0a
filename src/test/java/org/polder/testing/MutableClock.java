package org.polder.testing;

import org.polder.common.Rewindable;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that tests move forward by hand. Starts at the real time so that data looks current. Like the
 * platform's clock, the demo may set it back while it seeds its history.
 */
public class MutableClock extends Clock implements Rewindable {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());
    private volatile Duration offset = Duration.ZERO;

    @Override
    public void setBack(Duration by) {
        offset = offset.minus(by);
    }

    @Override
    public void pass(Duration by) {
        Duration next = offset.plus(by);
        offset = next.isNegative() ? next : Duration.ZERO;
    }

    @Override
    public void reset() {
        offset = Duration.ZERO;
    }

    public void advance(Duration duration) {
        now.updateAndGet(i -> i.plus(duration));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now.get().plus(offset);
    }
}
