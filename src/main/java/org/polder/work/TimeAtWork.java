package org.polder.work;

import java.time.Instant;
import java.util.List;

/**
 * A kind of work's part of a worker's working time, for the limits every kind of work keeps together
 * ({@link WorkingTime}): shifts held (planned hours, also in the future), courier duty (waiting included),
 * online tasks (claim to hand-in). Each kind implements it in its own module; work never imports a kind.
 *
 * <p>A kind gives the query of its periods rather than running it, so that the working-time check reads
 * every kind's periods in one statement (it runs on every claim, offer and application).
 */
public interface TimeAtWork {

    /** A stretch of work: from when to when, and how many seconds of it count as working time. */
    record Period(WorkKind kind, Instant start, Instant end, long seconds) {
    }

    /**
     * A SELECT of four columns: two timestamps ({@code t1}, {@code t2}) and two whole numbers ({@code n1},
     * {@code n2}), any of them null, with its parameters; what they mean is the kind's own.
     */
    record Select(String sql, List<Object> params) {
    }

    /** One row of a kind's {@link Select}. */
    record Row(Instant t1, Instant t2, Long n1, Long n2) {
    }

    /** The query of the worker's rows of this kind that overlap [from, to). */
    Select select(long workerId, Instant from, Instant to);

    /** The periods those rows make, work still under way counting up to now. */
    List<Period> periods(List<Row> rows);
}
