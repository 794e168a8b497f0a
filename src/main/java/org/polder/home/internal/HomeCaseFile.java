package org.polder.home.internal;

import org.polder.oversight.CaseFile;
import org.polder.oversight.Decision;
import org.polder.work.WorkKind;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** For a moderator: the visit as booked (service, tasks, address, time, pay) and how it went (check-in, check-out). */
@Component
class HomeCaseFile implements CaseFile {

    private final JdbcClient jdbc;

    HomeCaseFile(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean handles(WorkKind kind) {
        return kind == WorkKind.HOME;
    }

    @Override
    public List<Line> of(Decision decision) {
        String visit = """
                SELECT v.*, b.service, b.tasks, b.address, b.hourly_rate, o.name AS household
                FROM home_visit v JOIN home_booking b ON b.id = v.booking_id JOIN organisation o ON o.id = b.organisation_id WHERE\s""";
        if (decision.assignmentId() != null) {
            return jdbc.sql(visit + "v.assignment_id = ?").param(decision.assignmentId()).query(this::lines).optional().orElse(List.of());
        }
        if (decision.taskId() != null) {
            return jdbc.sql(visit + "v.task_id = ?").param(decision.taskId()).query(this::lines).optional().orElse(List.of());
        }
        return List.of();
    }

    private List<Line> lines(ResultSet rs, int n) throws SQLException {
        List<Line> lines = new ArrayList<>();
        lines.add(Line.text("case.home.household", rs.getString("household")));
        lines.add(Line.word("case.home.service", "home.service." + rs.getString("service")));
        lines.add(Line.text("case.home.tasks", rs.getString("tasks")));
        lines.add(Line.text("case.home.address", rs.getString("address")));
        lines.add(Line.at("case.home.startsAt", org.polder.common.Sql.instant(rs, "starts_at")));
        lines.add(Line.text("case.home.minutes", Integer.toString(rs.getInt("minutes"))));
        lines.add(Line.money("case.home.rate", rs.getLong("hourly_rate")));
        lines.add(Line.word("case.home.state", "home.visit.state." + rs.getString("state")));
        java.time.Instant in = org.polder.common.Sql.instant(rs, "checked_in_at");
        if (in != null) {
            lines.add(Line.at("case.home.checkedIn", in));
        }
        java.time.Instant out = org.polder.common.Sql.instant(rs, "checked_out_at");
        if (out != null) {
            lines.add(Line.at("case.home.checkedOut", out));
            lines.add(Line.text("case.home.worked", String.valueOf(rs.getObject("worked_minutes"))));
        }
        if (rs.getObject("questioned_minutes") != null) {
            lines.add(Line.text("case.home.questioned", String.valueOf(rs.getObject("questioned_minutes"))));
            lines.add(Line.text("case.home.questionReason", rs.getString("question_reason")));
        }
        return lines;
    }
}
