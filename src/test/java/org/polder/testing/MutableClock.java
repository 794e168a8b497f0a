package org.polder.testing;

import org.polder.common.PlatformClock;
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
    /** The demo's setting back and passing, the platform's own rules, over the time the tests set. */
    private final PlatformClock rewound = new PlatformClock(new Clock() {
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
            return now.get();
        }
    });

    @Override
    public void setBack(Duration by) {
        rewound.setBack(by);
    }

    @Override
    public void pass(Duration by) {
        rewound.pass(by);
    }

    @Override
    public void reset() {
        rewound.reset();
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
        return rewound.instant();
    }
}
