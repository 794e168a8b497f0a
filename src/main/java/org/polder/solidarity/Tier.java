package org.polder.solidarity;

import org.polder.common.DomainException;

import java.util.List;

/**
 * A member's monthly contribution and the monthly gift they receive when ill: the gift is 25 contributions, the
 * ratio Dutch broodfondsen use, so that a circle of 25 members carries one illness at a time from what comes in.
 */
public record Tier(int level, long contributionCents, long giftCents) {

    public static final List<Tier> ALL = List.of(new Tier(1, 3_000, 75_000), new Tier(2, 5_000, 125_000),
            new Tier(3, 7_500, 187_500), new Tier(4, 10_000, 250_000));

    public static Tier of(Integer level) {
        return ALL.stream().filter(t -> level != null && t.level == level).findFirst()
                .orElseThrow(() -> DomainException.invalid("tier: choose a contribution tier from 1 to " + ALL.size())
                        .code("problem.circle.tier", ALL.size()));
    }
}
