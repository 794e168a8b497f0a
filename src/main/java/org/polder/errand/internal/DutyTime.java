package org.polder.errand.internal;

import org.polder.errand.Errands;
import org.polder.common.Sql;
import org.polder.work.TimeAtWork;
import org.polder.work.WorkKind;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Errands' part of working time: time on duty, waiting included (errands are carried only on duty); a session still open counts up to now. */
@Component
public class DutyTime implements TimeAtWork {

    private final JdbcClient jdbc;
    private final Clock clock;

    public DutyTime(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    @Transactional(readOnly = true)
    public List<Period> periods(long workerId, Instant from, Instant to) {
        Instant now = clock.instant();
        return jdbc.sql("SELECT started_at, ended_at FROM courier_duty_session WHERE worker_id = ? AND started_at < ? AND COALESCE(ended_at, ?) > ?")
                .params(workerId, Sql.ts(to), Sql.ts(now), Sql.ts(from))
                .query((rs, n) -> {
                    Instant start = Sql.instant(rs, "started_at");
                    Instant end = Sql.instant(rs, "ended_at") == null ? now : Sql.instant(rs, "ended_at");
                    return new Period(WorkKind.ERRAND, start, end, Duration.between(start, end).toSeconds());
                }).list();
    }
}
