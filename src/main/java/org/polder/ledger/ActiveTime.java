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

    /**
     * For kinds whose active time is one stretch per piece of work, from its start to its end (check-in to check-out):
     * the sums, from a query of those stretches. Each stretch counts at least a second, on the day it ended.
     */
    final class Stretches {

        private Stretches() {
        }

        /** Seconds per local day, from a query whose columns are the start and the end. */
        public static Map<LocalDate, Long> perDay(org.springframework.jdbc.core.simple.JdbcClient jdbc, String sql, java.util.List<Object> params,
                                                  ZoneId zone) {
            Map<LocalDate, Long> days = new java.util.TreeMap<>();
            jdbc.sql(sql).params(params).query(rs -> {
                Instant end = org.polder.common.Sql.instant(rs, rs.getMetaData().getColumnLabel(2));
                long seconds = java.time.Duration.between(org.polder.common.Sql.instant(rs, rs.getMetaData().getColumnLabel(1)), end).toSeconds();
                days.merge(end.atZone(zone).toLocalDate(), Math.max(seconds, 1), Long::sum);
            });
            return days;
        }

        /** Seconds per worker, from a query whose columns are the worker, the start and the end. */
        public static Map<Long, Long> byWorker(org.springframework.jdbc.core.simple.JdbcClient jdbc, String sql, java.util.List<Object> params) {
            Map<Long, Long> seconds = new java.util.TreeMap<>();
            jdbc.sql(sql).params(params).query(rs -> {
                long s = java.time.Duration.between(org.polder.common.Sql.instant(rs, rs.getMetaData().getColumnLabel(2)),
                        org.polder.common.Sql.instant(rs, rs.getMetaData().getColumnLabel(3))).toSeconds();
                seconds.merge(rs.getLong(1), Math.max(s, 1), Long::sum);
            });
            return seconds;
        }
    }
}
