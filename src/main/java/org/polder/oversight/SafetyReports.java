package org.polder.oversight;

import org.polder.account.CurrentUser;
import org.polder.account.Role;
import org.polder.common.DomainException;
import org.polder.common.NotFoundException;
import org.polder.common.Sql;
import org.polder.trail.Trail;
import org.polder.trail.TrailEntry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Reports of harassment, danger or unfair tasks, made from any assignment; they go to the moderators'
 * queue, never to the requester, and the worker reads the moderator's response.
 */
@Service
public class SafetyReports {

    private final JdbcClient jdbc;
    private final List<AssignmentOwners> owners;
    private final Trail trail;
    private final Clock clock;

    SafetyReports(JdbcClient jdbc, List<AssignmentOwners> owners, Trail trail, Clock clock) {
        this.jdbc = jdbc;
        this.owners = owners;
        this.trail = trail;
        this.clock = clock;
    }

    @Transactional
    public SafetyReport report(CurrentUser worker, long assignmentId, SafetyReport.Category category, String message) {
        Long organisation = owners.stream().map(o -> o.organisationOf(worker.id(), assignmentId)).flatMap(Optional::stream).findFirst()
                .orElseThrow(() -> new NotFoundException("Assignment", assignmentId));
        if (category == null) {
            throw DomainException.invalid("category: choose HARASSMENT, SAFETY, UNFAIR_TASK or OTHER");
        }
        if (message == null || message.isBlank() || message.length() > 4000) {
            throw DomainException.invalid("message: say what happened (1 to 4000 characters)").code("problem.report.message");
        }
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO safety_report (reporter_id, assignment_id, organisation_id, category, message, state, created_at)
                        VALUES (?, ?, ?, ?, ?, 'OPEN', ?)""")
                .params(worker.id(), assignmentId, organisation, category.name(), message.strip(), Sql.ts(clock.instant()))
                .update(key, "id");
        long id = key.getKey().longValue();
        trail.record(TrailEntry.of("SAFETY_REPORTED").aboutWorker(worker.id()).by(worker.id())
                .with("reportId", id).with("assignmentId", assignmentId).with("category", category.name()));
        return get(id);
    }

    /** The moderators' queue: open reports first, oldest first. */
    @Transactional(readOnly = true)
    public List<SafetyReport> queue(CurrentUser moderator) {
        moderator.require(Role.MODERATOR);
        return jdbc.sql("SELECT * FROM safety_report WHERE reporter_id <> ? AND reporter_id NOT IN " + org.polder.account.PlayAccounts.TEST_ACCOUNTS
                + " ORDER BY CASE WHEN state = 'OPEN' THEN 0 ELSE 1 END, id LIMIT 500")
                .param(moderator.id()).query(SafetyReports::map).list();
    }

    @Transactional
    public SafetyReport respond(CurrentUser moderator, long id, String response) {
        moderator.require(Role.MODERATOR);
        if (response == null || response.isBlank() || response.length() > 4000) {
            throw DomainException.invalid("response: answer the worker (1 to 4000 characters)");
        }
        SafetyReport report = get(id);
        moderator.moderating(report.reporterId());
        int updated = jdbc.sql("UPDATE safety_report SET state = 'HANDLED', handled_by = ?, handled_at = ?, response = ? WHERE id = ? AND state = 'OPEN'")
                .params(moderator.id(), Sql.ts(clock.instant()), response.strip(), id).update();
        if (updated == 0) {
            throw DomainException.conflict("Report " + id + " was already answered");
        }
        trail.record(TrailEntry.of("SAFETY_REPORT_ANSWERED").aboutWorker(report.reporterId()).by(moderator.id())
                .with("reportId", id).with("response", response.strip()));
        return get(id);
    }

    @Transactional(readOnly = true)
    public List<SafetyReport> mine(CurrentUser worker) {
        return jdbc.sql("SELECT * FROM safety_report WHERE reporter_id = ? ORDER BY id DESC").param(worker.id())
                .query(SafetyReports::map).list();
    }

    private SafetyReport get(long id) {
        return jdbc.sql("SELECT * FROM safety_report WHERE id = ?").param(id).query(SafetyReports::map).optional()
                .orElseThrow(() -> new NotFoundException("Report", id));
    }

    private static SafetyReport map(ResultSet rs, int n) throws SQLException {
        return new SafetyReport(rs.getLong("id"), rs.getLong("reporter_id"), rs.getLong("assignment_id"), Sql.longOrNull(rs, "organisation_id"),
                SafetyReport.Category.valueOf(rs.getString("category")), rs.getString("message"),
                SafetyReport.State.valueOf(rs.getString("state")), Sql.instant(rs, "created_at"), Sql.longOrNull(rs, "handled_by"),
                Sql.instant(rs, "handled_at"), rs.getString("response"));
    }
}
