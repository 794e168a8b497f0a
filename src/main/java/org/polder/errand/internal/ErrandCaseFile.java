package org.polder.errand.internal;

import org.polder.common.Sql;
import org.polder.oversight.CaseFile;
import org.polder.oversight.Decision;
import org.polder.work.WorkKind;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/** For a moderator: the errand's addresses, window, pay and state, how it ended, and whether proof and wrong PINs were given. */
@Component
class ErrandCaseFile implements CaseFile {

    private final JdbcClient jdbc;

    ErrandCaseFile(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean handles(WorkKind kind) {
        return kind == WorkKind.ERRAND;
    }

    @Override
    public List<Line> of(Decision decision) {
        if (decision.taskId() == null) {
            return List.of();
        }
        return jdbc.sql("""
                        SELECT e.pickup_address, e.dropoff_address, e.window_start, e.window_end, e.pay, e.state, e.end_reason, e.distance_m,
                               e.proof, e.proof_data IS NOT NULL AS has_proof, e.wrong_pins, o.name AS organisation
                        FROM errand e JOIN organisation o ON o.id = e.organisation_id WHERE e.task_id = ?""")
                .param(decision.taskId()).query((rs, n) -> {
                    List<Line> lines = new ArrayList<>();
                    lines.add(Line.text("case.requester", rs.getString("organisation")));
                    lines.add(Line.text("case.pickup", rs.getString("pickup_address")));
                    lines.add(Line.text("case.dropoff", rs.getString("dropoff_address")));
                    lines.add(Line.at("case.windowStart", Sql.instant(rs, "window_start")));
                    lines.add(Line.at("case.windowEnd", Sql.instant(rs, "window_end")));
                    lines.add(Line.words("case.distance", org.polder.common.Words.of("case.km", Math.round(rs.getInt("distance_m") / 100.0) / 10.0)));
                    lines.add(Line.money("case.pay", rs.getLong("pay")));
                    lines.add(Line.word("case.state", "errand.state." + rs.getString("state")));
                    lines.add(Line.word("case.proof", "errand.proof." + rs.getString("proof")));
                    if (rs.getBoolean("has_proof")) {
                        lines.add(Line.text("case.proofGiven", "✓"));
                    }
                    if (rs.getInt("wrong_pins") > 0) {
                        lines.add(Line.text("case.wrongPins", String.valueOf(rs.getInt("wrong_pins"))));
                    }
                    if (rs.getString("end_reason") != null) {
                        lines.add(Line.text("case.endReason", rs.getString("end_reason")));
                    }
                    return lines;
                }).optional().orElse(List.of());
    }
}
