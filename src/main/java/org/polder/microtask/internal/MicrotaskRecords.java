package org.polder.microtask.internal;

import org.polder.common.Sql;
import org.polder.ledger.ActiveTime;
import org.polder.ledger.PendingEarnings;
import org.polder.oversight.AssignmentOwners;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.util.Map;

/**
 * What microtasks tell the rest of Polder: active time (claim to hand-in) for pay per active hour and the
 * authority report, pay awaiting review, and which organisation an assignment belongs to (for safety
 * reports and ratings).
 */
@Component
class MicrotaskRecords implements PendingEarnings, ActiveTime, AssignmentOwners {

    private final JdbcClient jdbc;
    private final AssignmentStore assignments;
    private final BatchStore batches;

    MicrotaskRecords(JdbcClient jdbc, AssignmentStore assignments, BatchStore batches) {
        this.jdbc = jdbc;
        this.assignments = assignments;
        this.batches = batches;
    }

    @Override
    @Transactional(readOnly = true)
    public java.util.Optional<Long> organisationOf(long workerId, long assignmentId) {
        return assignments.find(assignmentId).filter(a -> a.workerId() == workerId)
                .map(a -> batches.find(a.batchId()).orElseThrow().organisationId());
    }

    @Override
    public boolean workedFor(long workerId, long organisationId) {
        return jdbc.sql("SELECT COUNT(*) FROM assignment a JOIN batch b ON b.id = a.batch_id WHERE a.worker_id = ? AND b.organisation_id = ?")
                .params(workerId, organisationId).query(Long.class).single() > 0;
    }

    @Override
    @Transactional(readOnly = true)
    public long pendingFor(long workerId) {
        return jdbc.sql("SELECT COALESCE(SUM(reward), 0) FROM assignment WHERE worker_id = ? AND kind = 'MICROTASK' AND state = 'SUBMITTED'")
                .param(workerId).query(Long.class).single();
    }

    /** Active seconds (see AssignmentStore.activeSeconds), for work handed in during [from, to), by local day of handing in. */
    @Override
    @Transactional(readOnly = true)
    public Map<java.time.LocalDate, Long> secondsPerDay(long workerId, java.time.Instant from, java.time.Instant to,
                                                        java.time.ZoneId zone) {
        Map<java.time.LocalDate, Long> days = new java.util.TreeMap<>();
        jdbc.sql("SELECT accepted_at, submitted_at, active_seconds FROM assignment WHERE worker_id = ? AND kind = 'MICROTASK' AND submitted_at >= ? AND submitted_at < ?")
                .params(workerId, Sql.ts(from), Sql.ts(to))
                .query(rs -> {
                    java.time.Instant submitted = Sql.instant(rs, "submitted_at");
                    long seconds = AssignmentStore.activeSeconds(rs);
                    days.merge(submitted.atZone(zone).toLocalDate(), Math.max(seconds, 1), Long::sum);
                });
        return days;
    }

    /** Active seconds (see AssignmentStore.activeSeconds) per worker, for work handed in during [from, to). */
    @Override
    @Transactional(readOnly = true)
    public Map<Long, Long> secondsByWorker(java.time.Instant from, java.time.Instant to) {
        Map<Long, Long> seconds = new java.util.TreeMap<>();
        jdbc.sql("SELECT worker_id, accepted_at, submitted_at, active_seconds FROM assignment WHERE kind = 'MICROTASK' AND submitted_at >= ? AND submitted_at < ?")
                .params(Sql.ts(from), Sql.ts(to))
                .query(rs -> {
                    long s = AssignmentStore.activeSeconds(rs);
                    seconds.merge(rs.getLong("worker_id"), Math.max(s, 1), Long::sum);
                });
        return seconds;
    }
}
