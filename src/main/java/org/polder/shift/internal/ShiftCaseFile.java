package org.polder.shift.internal;

import org.polder.common.Sql;
import org.polder.oversight.CaseFile;
import org.polder.oversight.Decision;
import org.polder.work.WorkKind;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** For a moderator: the shift as posted, and the worker's hours beside the requester's counter and reason. */
@Component
class ShiftCaseFile implements CaseFile {

    private final JdbcClient jdbc;

    ShiftCaseFile(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean handles(WorkKind kind) {
        return kind == WorkKind.SHIFT;
    }

    @Override
    public List<Line> of(Decision decision) {
        String shift = """
                SELECT s.starts_at, s.ends_at, s.break_minutes, s.hourly_rate, s.state, r.name AS role, l.name AS place, l.address,
                       h.checked_in_at, h.checked_in_nearby, h.checked_out_at, h.proposed_start, h.proposed_end, h.proposed_break,
                       h.counter_start, h.counter_end, h.counter_break, h.counter_reason
                FROM shift s JOIN shift_role r ON r.id = s.role_id JOIN shift_location l ON l.id = s.location_id
                LEFT JOIN shift_hours h ON h.shift_id = s.id AND h.worker_id = ?
                WHERE\s""";
        if (decision.taskId() != null) {
            return jdbc.sql(shift + "s.task_id = ?").params(decision.workerId(), decision.taskId()).query(this::lines).optional().orElse(List.of());
        }
        if (decision.assignmentId() != null) {
            return jdbc.sql(shift + "s.id = (SELECT shift_id FROM shift_hours WHERE assignment_id = ?)").params(decision.workerId(), decision.assignmentId())
                    .query(this::lines).optional().orElse(List.of());
        }
        return List.of();
    }

    private List<Line> lines(ResultSet rs, int n) throws SQLException {
        List<Line> lines = new ArrayList<>();
        lines.add(Line.text("case.shift", rs.getString("role") + ", " + rs.getString("place") + ", " + rs.getString("address")));
        lines.add(Line.at("case.plannedStart", Sql.instant(rs, "starts_at")));
        lines.add(Line.at("case.plannedEnd", Sql.instant(rs, "ends_at")));
        lines.add(Line.text("case.break", rs.getInt("break_minutes") + " min"));
        lines.add(Line.money("case.hourlyRate", rs.getLong("hourly_rate")));
        lines.add(Line.word("case.state", "shift.state." + rs.getString("state")));
        if (rs.getTimestamp("checked_in_at") != null) {
            lines.add(Line.at("case.checkedIn", Sql.instant(rs, "checked_in_at")));
            lines.add(Line.text("case.nearby", rs.getBoolean("checked_in_nearby") ? "✓" : "✗"));
        }
        if (rs.getTimestamp("checked_out_at") != null) {
            lines.add(Line.at("case.checkedOut", Sql.instant(rs, "checked_out_at")));
        }
        if (rs.getTimestamp("proposed_start") != null) {
            lines.add(Line.at("case.workerStart", Sql.instant(rs, "proposed_start")));
            lines.add(Line.at("case.workerEnd", Sql.instant(rs, "proposed_end")));
        }
        if (rs.getTimestamp("counter_start") != null) {
            lines.add(Line.at("case.requesterStart", Sql.instant(rs, "counter_start")));
            lines.add(Line.at("case.requesterEnd", Sql.instant(rs, "counter_end")));
            lines.add(Line.text("case.requesterReason", rs.getString("counter_reason")));
        }
        return lines;
    }
}
