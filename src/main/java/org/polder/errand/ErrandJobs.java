package org.polder.errand;

import org.polder.common.Automated;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** The clockwork of errands: deleting old positions. */
@Component
class ErrandJobs {

    private static final Logger log = LoggerFactory.getLogger(ErrandJobs.class);

    private final Duty duty;
    private final boolean scheduled;

    ErrandJobs(Duty duty, @Value("${polder.jobs.enabled:true}") boolean scheduled) {
        this.duty = duty;
        this.scheduled = scheduled;
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "${polder.jobs.initial-delay:PT5S}")
    @Automated(Duty.RETENTION)
    public void run() {
        if (!scheduled) {
            return;
        }
        try {
            duty.deleteOldPositions();
        } catch (RuntimeException e) {
            log.warn("Deleting old positions failed; the next round retries", e);
        }
    }
}
