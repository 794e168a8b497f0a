package org.polder.ledger.internal;

import org.polder.common.DecidesNothing;
import org.polder.ledger.LowBalances;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Looks at organisations' balances every few minutes and tells requesters when theirs runs low. */
@Component
class LedgerJobs {

    private final LowBalances lowBalances;
    private final boolean scheduled;

    LedgerJobs(LowBalances lowBalances, @Value("${polder.jobs.enabled:true}") boolean scheduled) {
        this.lowBalances = lowBalances;
        this.scheduled = scheduled;
    }

    @DecidesNothing("tells requesters that their organisation's balance runs low")
    @Scheduled(fixedDelayString = "PT5M", initialDelayString = "${polder.jobs.initial-delay:PT5S}")
    void lowBalances() {
        if (scheduled) {
            lowBalances.check();
        }
    }
}
