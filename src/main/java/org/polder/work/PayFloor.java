package org.polder.work;

import org.springframework.stereotype.Component;

/**
 * The platform's hourly pay floor (RIGHTS.md R7). By default the Dutch statutory minimum hourly
 * wage, configured with {@code polder.pay.hourly-floor-cents}; changed afterwards only through a
 * consultation ({@link Parameter#HOURLY_FLOOR_CENTS}).
 */
@Component
public class PayFloor {

    private final PlatformParameters parameters;
    private final CollectiveAgreements agreements;

    PayFloor(PlatformParameters parameters, CollectiveAgreements agreements) {
        this.parameters = parameters;
        this.agreements = agreements;
    }

    /** The least hourly pay that applies, and the collective agreement that sets it (null where the platform's floor does). */
    public record Minimum(long hourlyCents, CollectiveAgreements.Agreement agreement) {
    }

    /**
     * The least hourly pay for this kind of work (and shift role, or null): the platform's floor, or a collective
     * agreement in force that sets more.
     */
    public Minimum minimumFor(WorkKind kind, String role) {
        long floor = hourlyCents();
        return agreements.highest(kind, role).filter(a -> a.hourlyMinimumCents() > floor)
                .map(a -> new Minimum(a.hourlyMinimumCents(), a)).orElse(new Minimum(floor, null));
    }

    public long hourlyCents() {
        return parameters.number(Parameter.HOURLY_FLOOR_CENTS);
    }

    /** The lowest reward in cents that pays at least the floor for work expected to take this long. */
    public long lowestReward(long expectedSeconds) {
        return lowestReward(hourlyCents(), expectedSeconds);
    }

    /** The lowest reward in cents that pays at least {@code hourlyCents} for work taking this long. */
    public static long lowestReward(long hourlyCents, long seconds) {
        long numerator = Math.multiplyExact(hourlyCents, seconds);
        return (numerator + 3599L) / 3600L;
    }

    /** Pay per hour in cents for a reward and an expected duration. */
    public static long perHour(long rewardCents, long seconds) {
        return seconds <= 0 ? 0 : Math.floorDiv(Math.multiplyExact(rewardCents, 3600L), seconds);
    }
}
