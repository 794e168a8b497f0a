package org.polder.work;

import java.time.Instant;
import java.util.List;

/**
 * A kind of work's part of a worker's working time, for the limits every kind of work keeps together
 * ({@link WorkingTime}): shifts held (planned hours, also in the future), courier duty (waiting included),
 * online tasks (claim to hand-in). Each kind implements it in its own module; work never imports a kind.
 */
public interface TimeAtWork {

    /** A stretch of work: from when to when, and how many seconds of it count as working time. */
    record Period(WorkKind kind, Instant start, Instant end, long seconds) {
    }

    /** The worker's periods of this kind that overlap [from, to), work still under way counting up to now. */
    List<Period> periods(long workerId, Instant from, Instant to);
}
