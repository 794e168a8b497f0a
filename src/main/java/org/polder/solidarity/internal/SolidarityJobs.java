package org.polder.solidarity.internal;

import org.polder.common.DecidesNothing;
import org.polder.solidarity.CircleFunds;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Sets aside the circle contributions members chose to have taken from their balance. */
@Component
class SolidarityJobs {

    private final CircleFunds funds;
    private final boolean scheduled;

    SolidarityJobs(CircleFunds funds, @Value("${polder.jobs.enabled:true}") boolean scheduled) {
        this.funds = funds;
        this.scheduled = scheduled;
    }

    @DecidesNothing("moves a member's own contribution to their own reserve, as they asked; a short balance leaves it due")
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "${polder.jobs.initial-delay:PT5S}")
    void collect() {
        if (scheduled) {
            funds.collectDue();
        }
    }
}
