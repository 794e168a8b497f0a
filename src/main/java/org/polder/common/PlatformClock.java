package org.polder.common;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The platform's clock: the system's time in UTC. The demo may set it back while it seeds a history (a
 * courier's rides taking the time rides take) and then puts it right; nothing else moves it.
 */
public final class PlatformClock extends Clock implements Rewindable {

    private final Clock base;
    private volatile Duration offset = Duration.ZERO;

    public PlatformClock(Clock base) {
        this.base = base;
    }

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

    @Override
    public Instant instant() {
        return base.instant().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return base.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new PlatformClock(base.withZone(zone));
    }
}
