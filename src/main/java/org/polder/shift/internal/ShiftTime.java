package org.polder.shift.internal;

import org.polder.shift.Shift;
import org.polder.common.Sql;
import org.polder.work.TimeAtWork;
import org.polder.work.WorkKind;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;

/** Shifts' part of working time: the planned paid hours of every shift the worker holds or worked, also ahead. */
@Component
public class ShiftTime implements TimeAtWork {

    @Override
    public Select select(long workerId, Instant from, Instant to) {
        return new Select("""
                SELECT s.starts_at AS t1, s.ends_at AS t2, CAST(s.break_minutes AS BIGINT) AS n1, CAST(NULL AS BIGINT) AS n2
                FROM assignment a JOIN shift s ON s.task_id = a.task_id
                WHERE a.worker_id = ? AND a.kind = 'SHIFT' AND a.state IN ('ACCEPTED', 'STARTED', 'SUBMITTED', 'PAID')
                  AND s.starts_at < ? AND s.ends_at > ?""", List.of(workerId, Sql.ts(to), Sql.ts(from)));
    }

    @Override
    public List<Period> periods(List<Row> rows) {
        return rows.stream().map(r -> new Period(WorkKind.SHIFT, r.t1(), r.t2(), Shift.minutes(r.t1(), r.t2(), r.n1().intValue()) * 60L)).toList();
    }
}
