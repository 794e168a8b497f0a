package org.polder.microtask.internal;

import org.polder.common.Automated;
import org.polder.common.DomainException;
import org.polder.microtask.Batch;
import org.polder.microtask.Batches;
import org.polder.microtask.Claiming;
import org.polder.microtask.Reviews;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The clockwork: expire overdue assignments, approve work whose review window has passed, check
 * measured pay per hour against the floor, close expired batches. Each item runs in its own transaction with a conditional update, so two
 * application nodes running these jobs at once still act on each item exactly once.
 */
@Component
public class MicrotaskJobs {

    private static final Logger log = LoggerFactory.getLogger(MicrotaskJobs.class);
    private static final int BATCH = 200;

    private final Claiming claiming;
    private final Reviews reviews;
    private final Batches batches;
    private final LowPayCheck lowPay;
    private final boolean scheduled;

    private final BatchNotices notices;

    MicrotaskJobs(Claiming claiming, Reviews reviews, Batches batches, LowPayCheck lowPay, BatchNotices notices,
                  @Value("${polder.jobs.enabled:true}") boolean scheduled) {
        this.notices = notices;
        this.lowPay = lowPay;
        this.claiming = claiming;
        this.reviews = reviews;
        this.batches = batches;
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
            log.warn("Microtask job round failed; the next round retries", e);
        }
    }

    @org.polder.common.DecidesNothing("reminds requesters of answers that will be approved without review within a day")
    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "${polder.jobs.initial-delay:PT5S}")
    public void remindReviews() {
        if (scheduled) {
            notices.remindReviews();
        }
    }

    /** One round of every job, each worked through until nothing is due; returns how many items were acted on. */
    @Automated({"microtask.assignment-expiry", "review.auto-approval", "microtask.batch-expiry", LowPayCheck.RULE})
    public int runOnce() {
        int done = 0;
        List<Long> due;
        do {
            due = claiming.overdue(BATCH);
            for (long id : due) {
                done += claiming.expire(id) ? 1 : 0;
            }
        } while (due.size() == BATCH);
        do {
            due = reviews.dueForAutoApproval(BATCH);
            for (long id : due) {
                done += reviews.autoApprove(id) ? 1 : 0;
            }
        } while (due.size() == BATCH);
        for (long id : lowPay.due(BATCH)) {
            done += lowPay.check(id) ? 1 : 0;
        }
        do {
            due = lowPay.missedTopUps(BATCH);
            due.forEach(lowPay::payTopUp);
            done += due.size();
        } while (due.size() == BATCH);
        for (long id : batches.dueToExpire(BATCH)) {
            try {
                batches.close(id, Batch.State.EXPIRED, null);
                done++;
            } catch (DomainException alreadyClosed) {
                // another node closed it first
            }
        }
        return done;
    }
}
