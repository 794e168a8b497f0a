package org.polder.errand.internal;

import org.polder.errand.Dispatch;
import org.polder.errand.Duty;
import org.polder.errand.Webhooks;
import org.polder.common.Automated;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The clockwork of errands: every second, offers pass on and waiting errands look for a courier;
 * webhooks are sent; every minute, silent couriers go off duty; old positions are deleted every hour. Each step is safe to run on several nodes.
 */
@Component
public class ErrandJobs {

    private static final Logger log = LoggerFactory.getLogger(ErrandJobs.class);

    private final Duty duty;
    private final org.polder.errand.ErrandRounds rounds;
    private final Dispatch dispatch;
    private final Webhooks webhooks;
    private final boolean scheduled;
    private final org.polder.errand.Demand demand;

    public ErrandJobs(org.polder.errand.Demand demand, Duty duty, Dispatch dispatch, Webhooks webhooks, org.polder.errand.ErrandRounds rounds,
                      @Value("${polder.jobs.enabled:true}") boolean scheduled) {
        this.rounds = rounds;
        this.duty = duty;
        this.dispatch = dispatch;
        this.webhooks = webhooks;
        this.scheduled = scheduled;
        this.demand = demand;
    }

    @Scheduled(fixedDelayString = "PT1S", initialDelayString = "${polder.jobs.initial-delay:PT5S}")
    public void dispatch() {
        if (scheduled) {
            try {
                dispatch.round();
            } catch (RuntimeException e) {
                log.warn("Dispatch round failed; the next round retries", e);
            }
        }
    }

    /** Tomorrow's stops of recurring rounds, booked a day ahead. */
    @Scheduled(fixedDelayString = "PT5M", initialDelayString = "${polder.jobs.initial-delay:PT5S}")
    public void rounds() {
        if (scheduled) {
            try {
                rounds.bookDue();
            } catch (RuntimeException e) {
                log.warn("Booking recurring rounds failed; the next round retries", e);
            }
        }
    }

    @Scheduled(fixedDelayString = "PT2S", initialDelayString = "${polder.jobs.initial-delay:PT5S}")
    public void webhooks() {
        if (scheduled) {
            try {
                webhooks.sendDue(100);
            } catch (RuntimeException e) {
                log.warn("Sending webhooks failed; the next round retries", e);
            }
        }
    }

    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "${polder.jobs.initial-delay:PT5S}")
    @Automated(Duty.SILENT)
    public void silentDuty() {
        if (scheduled) {
            try {
                duty.endSilentDuty();
            } catch (RuntimeException e) {
                log.warn("Ending silent duty failed; the next round retries", e);
            }
        }
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "${polder.jobs.initial-delay:PT5S}")
    @Automated(Duty.RETENTION)
    public void retention() {
        if (scheduled) {
            try {
                duty.deleteOldPositions();
                demand.deleteOld();
            } catch (RuntimeException e) {
                log.warn("Deleting old positions failed; the next round retries", e);
            }
        }
    }
}
