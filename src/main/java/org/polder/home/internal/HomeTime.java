package org.polder.home.internal;

import org.polder.common.Sql;
import org.polder.work.TimeAtWork;
import org.polder.work.WorkKind;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;

/** Home services' part of working time: the booked hours of every visit the worker holds or did, also ahead. */
@Component
class HomeTime implements TimeAtWork {

    @Override
    public Select select(long workerId, java.time.Instant from, java.time.Instant to) {
        return new Select("""
                SELECT v.starts_at AS t1, v.checked_out_at AS t2, CAST(v.minutes AS BIGINT) AS n1, CAST(v.worked_minutes AS BIGINT) AS n2
                FROM home_visit v
                WHERE v.worker_id = ? AND v.state IN ('PLANNED', 'WORKING', 'DONE', 'QUESTIONED', 'SETTLED')
                  AND v.starts_at < ? AND v.starts_at > ?""", List.of(workerId, Sql.ts(to), Sql.ts(from.minus(Duration.ofHours(9)))));
    }

    @Override
    public List<Period> periods(List<Row> rows) {
        return rows.stream().map(r -> {
            long minutes = r.n2() != null ? r.n2() : r.n1();
            return new Period(WorkKind.HOME, r.t1(), r.t1().plusSeconds(r.n1() * 60), minutes * 60);
        }).toList();
    }
}
