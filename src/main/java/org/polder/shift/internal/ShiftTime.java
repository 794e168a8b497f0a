package org.polder.shift.internal;

import org.polder.shift.Shift;
import org.polder.shift.Shifts;
import org.polder.common.Sql;
import org.polder.work.TimeAtWork;
import org.polder.work.WorkKind;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.util.List;

/** Shifts' part of working time: the planned paid hours of every shift the worker holds or worked, also ahead. */
@Component
public class ShiftTime implements TimeAtWork {

    private final JdbcClient jdbc;

    public ShiftTime(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    @Transactional(readOnly = true)
    public List<Period> periods(long workerId, Instant from, Instant to) {
        return jdbc.sql("""
                        SELECT s.starts_at, s.ends_at, s.break_minutes FROM assignment a JOIN shift s ON s.task_id = a.task_id
                        WHERE a.worker_id = ? AND a.kind = 'SHIFT' AND a.state IN ('ACCEPTED', 'STARTED', 'SUBMITTED', 'PAID')
                          AND s.starts_at < ? AND s.ends_at > ?""")
                .params(workerId, Sql.ts(to), Sql.ts(from))
                .query((rs, n) -> {
                    Instant start = Sql.instant(rs, "starts_at");
                    Instant end = Sql.instant(rs, "ends_at");
                    return new Period(WorkKind.SHIFT, start, end, Shift.minutes(start, end, rs.getInt("break_minutes")) * 60L);
                }).list();
    }
}
