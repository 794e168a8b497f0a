package org.polder.microtask.internal;

import org.polder.common.Sql;
import org.polder.work.TimeAtWork;
import org.polder.work.WorkKind;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Online tasks' part of working time: claim to hand-in (or to giving back), a task under way counting up
 * to now. Tasks are summed per clock hour in the database, so a busy week is at most a few hundred rows
 * on the claim path; each hour is one period from its first claim to its last hand-in.
 */
@Component
class MicrotaskTime implements TimeAtWork {

    private final JdbcClient jdbc;
    private final Clock clock;

    MicrotaskTime(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    @Transactional(readOnly = true)
    public List<Period> periods(long workerId, Instant from, Instant to) {
        Instant now = clock.instant();
        return jdbc.sql("""
                        SELECT MIN(accepted_at) AS first_at, MAX(COALESCE(submitted_at, ended_at, ?)) AS last_at,
                               SUM(COALESCE(active_seconds, EXTRACT(EPOCH FROM COALESCE(submitted_at, ended_at, ?)) - EXTRACT(EPOCH FROM accepted_at))) AS seconds
                        FROM assignment
                        WHERE worker_id = ? AND kind = 'MICROTASK' AND accepted_at >= ? AND accepted_at < ?
                        GROUP BY FLOOR(EXTRACT(EPOCH FROM accepted_at) / 3600)""")
                .params(Sql.ts(now), Sql.ts(now), workerId, Sql.ts(from.minusSeconds(3600)), Sql.ts(to))
                .query((rs, n) -> new Period(WorkKind.MICROTASK, Sql.instant(rs, "first_at"), Sql.instant(rs, "last_at"),
                        Math.max(0, Math.round(rs.getDouble("seconds")))))
                .list();
    }
}
