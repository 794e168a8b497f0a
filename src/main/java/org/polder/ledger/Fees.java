package org.polder.ledger;

import org.polder.common.Automated;
import org.polder.work.Parameter;
import org.polder.work.PlatformParameters;
import org.springframework.stereotype.Component;

/**
 * The platform's fee on work and bonuses: a whole percentage of the reward, rounded to the nearest cent,
 * that the requester pays on top; the worker's pay is never reduced by it. The percentage is a rule
 * parameter that changes only after a consultation ({@link Parameter#FEE_PERCENT}).
 */
@Component
public class Fees {

    public static final String RULE = "ledger.platform-fee";

    private final PlatformParameters parameters;

    Fees(PlatformParameters parameters) {
        this.parameters = parameters;
    }

    @Automated(RULE)
    public long feeFor(long rewardCents) {
        return feeFor(rewardCents, percent());
    }

    /** The fee in cents at this percentage, half a cent rounded up. */
    public static long feeFor(long rewardCents, long percent) {
        return Math.floorDiv(Math.multiplyExact(rewardCents, percent) * 2 + 100, 200);
    }

    public long percent() {
        return parameters.number(Parameter.FEE_PERCENT);
    }
}
