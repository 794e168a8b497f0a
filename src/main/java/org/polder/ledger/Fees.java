package org.polder.ledger;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** The platform's fee on work and bonuses, a percentage of the reward rounded to the nearest cent. */
@Component
public class Fees {

    private final BigDecimal percent;

    Fees(@Value("${polder.fees.percent:20}") BigDecimal percent) {
        if (percent.signum() < 0 || percent.compareTo(BigDecimal.valueOf(100)) > 0) {
            throw new IllegalArgumentException("polder.fees.percent must be between 0 and 100, was " + percent);
        }
        this.percent = percent;
    }

    public long feeFor(long rewardCents) {
        return BigDecimal.valueOf(rewardCents).multiply(percent)
                .divide(BigDecimal.valueOf(100), 0, RoundingMode.HALF_UP).longValueExact();
    }

    public BigDecimal percent() {
        return percent;
    }
}
