package org.polder.errand.internal;

import org.polder.common.Sql;
import org.polder.ledger.ActiveTime;
import org.polder.work.TimeAtWork;
import org.polder.work.WorkKind;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Errands' time: time on duty, waiting included (errands are carried only on duty), for pay per active
 * hour and the authority report, and for the working-time limits; a session still open counts up to now.
 */
@Component
public class DutyTime implements TimeAtWork, ActiveTime {

    private final JdbcClient jdbc;
    private final Clock clock;

    public DutyTime(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public Select select(long workerId, Instant from, Instant to) {
        return new Select("""
                SELECT started_at AS t1, ended_at AS t2, CAST(NULL AS BIGINT) AS n1, CAST(NULL AS BIGINT) AS n2 FROM courier_duty_session
                WHERE worker_id = ? AND started_at < ? AND COALESCE(ended_at, ?) > ?""",
                List.of(workerId, Sql.ts(to), Sql.ts(clock.instant()), Sql.ts(from)));
    }

    @Override
    public List<Period> periods(List<Row> rows) {
        Instant now = clock.instant();
        return rows.stream().map(r -> {
            Instant end = r.t2() == null ? now : r.t2();
            return new Period(WorkKind.ERRAND, r.t1(), end, Duration.between(r.t1(), end).toSeconds());
        }).toList();
    }

    @Override
    @Transactional(readOnly = true)
    public Map<LocalDate, Long> secondsPerDay(long workerId, Instant from, Instant to, ZoneId zone) {
        Map<LocalDate, Long> days = new TreeMap<>();
        sessions(workerId, from, to).forEach(s -> days.merge(s.end().atZone(zone).toLocalDate(), s.seconds(), Long::sum));
        return days;
    }

    @Override
    @Transactional(readOnly = true)
    public Map<Long, Long> secondsByWorker(Instant from, Instant to) {
        Map<Long, Long> seconds = new TreeMap<>();
        sessions(null, from, to).forEach(s -> seconds.merge(s.workerId(), s.seconds(), Long::sum));
        return seconds;
    }

    private record Session(long workerId, Instant end, long seconds) {
    }

    /**
     * The part of each duty session that lies in [from, to), the one still open counting up to now; the
     * part is dated by its own end.
     */
    private List<Session> sessions(Long workerId, Instant from, Instant to) {
        Instant now = clock.instant();
        String sql = "SELECT worker_id, started_at, ended_at FROM courier_duty_session WHERE started_at < ? AND COALESCE(ended_at, ?) > ?";
        List<Object> params = new java.util.ArrayList<>(List.of(Sql.ts(to), Sql.ts(now), Sql.ts(from)));
        if (workerId != null) {
            sql += " AND worker_id = ?";
            params.add(workerId);
        }
        return jdbc.sql(sql).params(params)
                .query((rs, n) -> {
                    Instant start = Sql.instant(rs, "started_at").isBefore(from) ? from : Sql.instant(rs, "started_at");
                    Instant end = Sql.instant(rs, "ended_at") == null ? now : Sql.instant(rs, "ended_at");
                    end = end.isAfter(to) ? to : end;
                    return new Session(rs.getLong(1), end, Math.max(1, Math.round(Duration.between(start, end).toMillis() / 1000.0)));
                }).list();
    }
}
