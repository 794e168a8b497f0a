package org.polder.microtask.internal;

import org.polder.common.Sql;
import org.polder.work.TimeAtWork;
import org.polder.work.WorkKind;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Online tasks' part of working time: claim to hand-in (or to giving back), a task under way counting up
 * to now. Each clock hour of claiming is one period from its first claim to its last hand-in. Tasks that
 * have ended are summed per worker and hour as they end ({@link #ended}), so that the check on every claim
 * reads a week of hours plus the few tasks under way, however many tasks the worker did that week.
 */
@Component
public class MicrotaskTime implements TimeAtWork {

    private final JdbcClient jdbc;
    private final Clock clock;

    MicrotaskTime(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    private static long hourOf(Instant t) {
        return Math.floorDiv(t.getEpochSecond(), 3600);
    }

    /**
     * Counts ended tasks claimed at {@code claimedAt} (the same hour): the last of them ended at {@code lastEnd}
     * and together they took {@code seconds}. In the transaction that ends them.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void ended(long workerId, Instant claimedAt, Instant lastEnd, long seconds) {
        long hour = hourOf(claimedAt);
        String add = """
                UPDATE microtask_time_hour SET seconds = seconds + ?,
                       first_at = CASE WHEN first_at <= ? THEN first_at ELSE ? END,
                       last_at = CASE WHEN last_at >= ? THEN last_at ELSE ? END
                WHERE worker_id = ? AND clock_hour = ?""";
        Object[] params = {seconds, Sql.ts(claimedAt), Sql.ts(claimedAt), Sql.ts(lastEnd), Sql.ts(lastEnd), workerId, hour};
        if (jdbc.sql(add).params(params).update() == 1) {
            return;
        }
        // The hour's first task (another transaction of the same worker may be starting it too).
        if (jdbc.sql("INSERT INTO microtask_time_hour (worker_id, clock_hour, first_at, last_at, seconds) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
                .params(workerId, hour, Sql.ts(claimedAt), Sql.ts(lastEnd), seconds).update() == 0) {
            jdbc.sql(add).params(params).update();
        }
    }

    @Override
    public Select select(long workerId, Instant from, Instant to) {
        // The hours of ended tasks, and the tasks under way (their hour, end and seconds null).
        return new Select("""
                SELECT first_at AS t1, last_at AS t2, clock_hour AS n1, seconds AS n2 FROM microtask_time_hour
                WHERE worker_id = ? AND clock_hour >= ? AND clock_hour < ?
                UNION ALL
                SELECT accepted_at, NULL, NULL, NULL FROM assignment
                WHERE worker_id = ? AND state = 'STARTED' AND kind = 'MICROTASK' AND accepted_at >= ? AND accepted_at < ?""",
                List.of(workerId, hourOf(from) - 1, hourOf(to) + 1, workerId, Sql.ts(from.minusSeconds(3600)), Sql.ts(to)));
    }

    @Override
    public List<Period> periods(List<Row> rows) {
        Instant now = clock.instant();
        Map<Long, Period> hours = new TreeMap<>();
        for (Row r : rows) {
            Period p = r.n1() != null ? new Period(WorkKind.MICROTASK, r.t1(), r.t2(), r.n2())
                    : new Period(WorkKind.MICROTASK, r.t1(), now, Math.max(0, now.getEpochSecond() - r.t1().getEpochSecond()));
            hours.merge(hourOf(p.start()), p, (a, b) -> new Period(WorkKind.MICROTASK, a.start().isBefore(b.start()) ? a.start() : b.start(),
                    a.end().isAfter(b.end()) ? a.end() : b.end(), a.seconds() + b.seconds()));
        }
        return new ArrayList<>(hours.values());
    }
}
