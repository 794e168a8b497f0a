package org.polder.ledger;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

/**
 * Active working time of a worker, by day, from one kind of work (for microtasks: claim to submit,
 * as measured by the server). Each kind of work provides one; earnings per active hour add them up.
 */
public interface ActiveTime {

    /** Seconds of active work per local day, for work finished in [from, to). */
    Map<LocalDate, Long> secondsPerDay(long workerId, Instant from, Instant to, ZoneId zone);

    /** Seconds of active work per worker, for work finished in [from, to): for the report to authorities. */
    Map<Long, Long> secondsByWorker(Instant from, Instant to);
}
