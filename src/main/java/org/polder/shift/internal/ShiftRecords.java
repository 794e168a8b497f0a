package org.polder.shift.internal;

import org.polder.shift.Hours;
import org.polder.shift.Shift;
import org.polder.shift.ShiftHours;
import org.polder.shift.WorkerRating;
import org.polder.account.CurrentUser;
import org.polder.common.Sql;
import org.polder.export.ExportPart;
import org.polder.ledger.ActiveTime;
import org.polder.ledger.PendingEarnings;
import org.polder.oversight.AssignmentOwners;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What shifts tell the rest of Polder: active time (check-in to check-out) for pay per active hour,
 * pay awaiting the requester's answer, which organisation an assignment belongs to (for safety
 * reports and ratings), and the worker's shifts in their export.
 */
@Component
public class ShiftRecords implements ActiveTime, PendingEarnings, AssignmentOwners, ExportPart {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public ShiftRecords(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    @Transactional(readOnly = true)
    public Map<LocalDate, Long> secondsPerDay(long workerId, Instant from, Instant to, ZoneId zone) {
        return Stretches.perDay(jdbc, "SELECT checked_in_at, checked_out_at FROM shift_hours WHERE worker_id = ? AND checked_out_at >= ? AND checked_out_at < ?",
                List.of(workerId, Sql.ts(from), Sql.ts(to)), zone);
    }

    @Override
    @Transactional(readOnly = true)
    public Map<Long, Long> secondsByWorker(Instant from, Instant to) {
        return Stretches.byWorker(jdbc, "SELECT worker_id, checked_in_at, checked_out_at FROM shift_hours WHERE checked_out_at >= ? AND checked_out_at < ?",
                List.of(Sql.ts(from), Sql.ts(to)));
    }

    @Override
    @Transactional(readOnly = true)
    public long pendingFor(long workerId) {
        return jdbc.sql("""
                        SELECT s.hourly_rate, h.state, h.proposed_start, h.proposed_end, h.proposed_break, h.counter_start, h.counter_end, h.counter_break
                        FROM shift_hours h JOIN shift s ON s.id = h.shift_id WHERE h.worker_id = ? AND h.state IN ('PROPOSED', 'COUNTERED')""")
                .param(workerId)
                .query((rs, n) -> Shift.payFor(rs.getLong("hourly_rate"), Shift.minutes(Sql.instant(rs, "proposed_start"),
                        Sql.instant(rs, "proposed_end"), rs.getInt("proposed_break"))))
                .list().stream().mapToLong(Long::longValue).sum();
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Long> organisationOf(long workerId, long assignmentId) {
        return jdbc.sql("""
                        SELECT s.organisation_id FROM assignment a JOIN shift s ON s.task_id = a.task_id
                        WHERE a.id = ? AND a.worker_id = ? AND a.kind = 'SHIFT'""")
                .params(assignmentId, workerId).query(Long.class).optional();
    }

    @Override
    public boolean workedFor(long workerId, long organisationId) {
        return jdbc.sql("""
                        SELECT COUNT(*) FROM assignment a JOIN shift s ON s.task_id = a.task_id
                        WHERE a.worker_id = ? AND a.kind = 'SHIFT' AND s.organisation_id = ?""")
                .params(workerId, organisationId).query(Long.class).single() > 0;
    }

    @Override
    @Transactional(readOnly = true)
    public List<File> filesFor(CurrentUser worker) {
        List<Map<String, Object>> applications = jdbc.sql("""
                        SELECT a.shift_id, a.state, a.applied_at, a.decided_at, a.assignment_id, s.starts_at, s.ends_at, s.hourly_rate, o.name
                        FROM shift_application a JOIN shift s ON s.id = a.shift_id JOIN organisation o ON o.id = s.organisation_id
                        WHERE a.worker_id = ? ORDER BY a.id""")
                .param(worker.id())
                .query((rs, n) -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("shiftId", rs.getLong("shift_id"));
                    m.put("organisation", rs.getString("name"));
                    m.put("startsAt", String.valueOf(Sql.instant(rs, "starts_at")));
                    m.put("endsAt", String.valueOf(Sql.instant(rs, "ends_at")));
                    m.put("hourlyRate", rs.getLong("hourly_rate"));
                    m.put("application", rs.getString("state"));
                    m.put("appliedAt", String.valueOf(Sql.instant(rs, "applied_at")));
                    m.put("assignmentId", Sql.longOrNull(rs, "assignment_id"));
                    return m;
                }).list();
        List<ShiftHours> hours = jdbc.sql("SELECT * FROM shift_hours WHERE worker_id = ? ORDER BY assignment_id").param(worker.id())
                .query((rs, n) -> Hours.map(rs)).list();
        List<WorkerRating> ratings = jdbc.sql("SELECT * FROM shift_rating WHERE worker_id = ? ORDER BY assignment_id").param(worker.id())
                .query((rs, n) -> new WorkerRating(rs.getLong("assignment_id"), rs.getLong("worker_id"), rs.getLong("organisation_id"),
                        rs.getInt("stars"), rs.getString("comment"), Sql.instant(rs, "rated_at"), rs.getLong("decision_id"),
                        Sql.instant(rs, "removed_at"))).list();
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("applications", applications);
        all.put("hours", hours);
        all.put("ratingsReceived", ratings);
        return List.of(new File("shifts.json", json.writeValueAsBytes(all),
                "shifts.json: your shift applications; for each shift you worked, check-in, the hours you proposed, any counter and what was paid; the ratings clients gave you"));
    }
}
