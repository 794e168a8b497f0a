package org.polder.shift.internal;

import org.polder.shift.Hours;
import org.polder.shift.Shift;
import org.polder.common.Automated;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The clockwork of shifts: settle hours whose review window passed (or whose appeal was dismissed),
 * and close the open places of shifts that have begun, returning their escrow. Each item runs in its
 * own transaction with a conditional update, so two nodes running this at once act on each item once.
 */
@Component
public class ShiftJobs {

    private static final Logger log = LoggerFactory.getLogger(ShiftJobs.class);
    private static final int BATCH = 200;

    private final Hours hours;
    private final RateRaises raises;
    private final boolean scheduled;

    public ShiftJobs(Hours hours, RateRaises raises, @Value("${polder.jobs.enabled:true}") boolean scheduled) {
        this.hours = hours;
        this.raises = raises;
        this.scheduled = scheduled;
    }

    @org.polder.common.DecidesNothing("raises the rate of shifts still short of people, up to the ceiling their requester set")
    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "${polder.jobs.initial-delay:PT5S}")
    public void raiseRates() {
        if (scheduled) {
            try {
                raises.raiseDue();
            } catch (RuntimeException e) {
                log.warn("Rate raising round failed; the next round retries", e);
            }
        }
    }

    @Scheduled(fixedDelayString = "${polder.jobs.interval:PT10S}", initialDelayString = "${polder.jobs.initial-delay:PT5S}")
    public void run() {
        if (!scheduled) {
            return;
        }
        try {
            runOnce();
        } catch (RuntimeException e) {
            log.warn("Shift job round failed; the next round retries", e);
        }
    }

    @org.polder.common.DecidesNothing("reminds selected workers of their shift an hour before it starts")
    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "${polder.jobs.initial-delay:PT5S}")
    public void remind() {
        if (scheduled) {
            hours.remindCheckIns(BATCH);
        }
    }

    /** One round; returns how many items were acted on. */
    @Automated({Hours.SETTLEMENT, ShiftRules.CLOSE_PLACES})
    public int runOnce() {
        int done = 0;
        for (long id : hours.dueForSettlement(BATCH)) {
            if (hours.settleIfDue(id)) {
                done++;
            }
        }
        List<Long> begun = hours.begunWithOpenPlaces(BATCH);
        for (long id : begun) {
            hours.closeOpenPlaces(id);
        }
        return done + begun.size();
    }
}
