package org.polder.microtask.internal;

import org.polder.common.NotFoundException;
import org.polder.common.Sql;
import org.polder.work.AssignmentState;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** Reads assignments, always scoped to who may see them. */
@Component
public class AssignmentStore {

    private final JdbcClient jdbc;

    AssignmentStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<AssignmentRecord> find(long id) {
        return jdbc.sql("SELECT * FROM assignment WHERE id = ? AND kind = 'MICROTASK'").param(id).query(AssignmentStore::map).optional();
    }

    /** The worker's own assignment; 404 for anyone else's. */
    public AssignmentRecord ofWorker(long id, long workerId) {
        return find(id).filter(a -> a.workerId() == workerId).orElseThrow(() -> new NotFoundException("Assignment", id));
    }

    /** An assignment on one of the organisation's batches; 404 for any other. */
    public AssignmentRecord ofOrganisation(long id, long organisationId) {
        return jdbc.sql("SELECT a.* FROM assignment a JOIN batch b ON b.id = a.batch_id WHERE a.id = ? AND b.organisation_id = ?")
                .params(id, organisationId).query(AssignmentStore::map).optional()
                .orElseThrow(() -> new NotFoundException("Assignment", id));
    }

    private static Boolean goldCorrect(ResultSet rs) throws SQLException {
        boolean value = rs.getBoolean("gold_correct");
        return rs.wasNull() ? null : value;
    }

    /**
     * The seconds a handed-in task took its worker, from a row with {@code active_seconds},
     * {@code accepted_at} and {@code submitted_at}: as set at hand-in (tasks held together share
     * their time), or claim to hand-in for work handed in before that was recorded.
     */
    public static long activeSeconds(ResultSet rs) throws SQLException {
        long recorded = rs.getLong("active_seconds");
        if (!rs.wasNull()) {
            return recorded;
        }
        return java.time.Duration.between(Sql.instant(rs, "accepted_at"), Sql.instant(rs, "submitted_at")).toSeconds();
    }

    public static AssignmentRecord map(ResultSet rs, int n) throws SQLException {
        return new AssignmentRecord(rs.getLong("id"), rs.getLong("task_id"), rs.getLong("batch_id"), rs.getLong("worker_id"),
                AssignmentState.valueOf(rs.getString("state")), rs.getLong("reward"), rs.getLong("fee"),
                Sql.instant(rs, "accepted_at"), Sql.instant(rs, "deadline"), Sql.instant(rs, "submitted_at"),
                rs.getString("answers"), Sql.instant(rs, "auto_approve_at"), Sql.instant(rs, "reviewed_at"),
                Sql.longOrNull(rs, "reviewed_by"), rs.getString("reject_reason"), Sql.instant(rs, "ended_at"),
                goldCorrect(rs));
    }
}
