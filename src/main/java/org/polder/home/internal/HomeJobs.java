package org.polder.home.internal;

import org.polder.common.Automated;
import org.polder.home.Bookings;
import org.polder.home.Visits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The clockwork of home services: pay hours left unconfirmed past the review window, cancel visits nobody took by
 * their time, mark visits nobody checked in to as missed, and plan weekly bookings' next visits. Each item runs in its own transaction with a conditional
 * update, so two nodes running this at once act on each item once.
 */
@Component
public class HomeJobs {

    private static final Logger log = LoggerFactory.getLogger(HomeJobs.class);
    private static final int BATCH = 200;

    private final Visits visits;
    private final Bookings bookings;
    private final boolean scheduled;

    HomeJobs(Visits visits, Bookings bookings, @Value("${polder.jobs.enabled:true}") boolean scheduled) {
        this.visits = visits;
        this.bookings = bookings;
        this.scheduled = scheduled;
    }

    @Scheduled(fixedDelayString = "${polder.jobs.interval:PT10S}", initialDelayString = "${polder.jobs.initial-delay:PT5S}")
    public void run() {
        if (!scheduled) {
            return;
        }
        try {
            runOnce();
        } catch (RuntimeException e) {
            log.warn("Home services job round failed; the next round retries", e);
        }
    }

    /** One round; returns how many items were acted on. */
    @Automated({Visits.SETTLEMENT, Visits.MISSED})
    public int runOnce() {
        int done = 0;
        for (long id : visits.dueForSettlement(BATCH)) {
            done += visits.settleIfDue(id) ? 1 : 0;
        }
        for (long id : bookings.untakenAndDue(BATCH)) {
            done += bookings.cancelUntaken(id) ? 1 : 0;
        }
        for (long id : visits.dueAsMissed(BATCH)) {
            done += visits.markMissed(id) ? 1 : 0;
        }
        for (long id : bookings.dueForPlanning(BATCH)) {
            try {
                while (bookings.planNext(id)) {
                    done++;
                }
            } catch (org.polder.ledger.InsufficientFunds e) {
                bookings.tellShort(id);
            }
        }
        return done + bookings.finishEnded();
    }
}
