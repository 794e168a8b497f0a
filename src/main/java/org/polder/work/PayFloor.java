package org.polder.work;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The platform's hourly pay floor (RIGHTS.md R7). By default the Dutch statutory minimum hourly
 * wage; a platform sets its own with {@code polder.pay.hourly-floor-cents}.
 */
@Component
public class PayFloor {

    private final long hourlyCents;

    PayFloor(@Value("${polder.pay.hourly-floor-cents:1471}") long hourlyCents) {
        if (hourlyCents < 0) {
            throw new IllegalArgumentException("polder.pay.hourly-floor-cents must not be negative");
        }
        this.hourlyCents = hourlyCents;
    }

    public long hourlyCents() {
        return hourlyCents;
    }

    /** The lowest reward in cents that pays at least the floor for work expected to take this long. */
    public long lowestReward(long expectedSeconds) {
        long numerator = Math.multiplyExact(hourlyCents, expectedSeconds);
        return (numerator + 3599L) / 3600L;
    }

    /** Pay per hour in cents for a reward and an expected duration. */
    public static long perHour(long rewardCents, long seconds) {
        return seconds <= 0 ? 0 : Math.floorDiv(Math.multiplyExact(rewardCents, 3600L), seconds);
    }
}
