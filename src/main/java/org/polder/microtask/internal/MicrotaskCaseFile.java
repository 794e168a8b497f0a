package org.polder.microtask.internal;

import org.polder.common.Sql;
import org.polder.oversight.CaseFile;
import org.polder.oversight.Decision;
import org.polder.work.WorkKind;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;

/** For a moderator: the batch, the task as the worker saw it (its pictures shown), the worker's answer and the requester's reason. */
@Component
class MicrotaskCaseFile implements CaseFile {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int FIELDS = 8;

    private final JdbcClient jdbc;

    MicrotaskCaseFile(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean handles(WorkKind kind) {
        return kind == WorkKind.MICROTASK;
    }

    @Override
    public List<Line> of(Decision decision) {
        if (decision.assignmentId() == null && decision.taskId() == null) {
            return decision.batchId() == null ? List.of() : batch(decision.batchId());
        }
        String where = decision.assignmentId() != null ? "a.id = ?" : "t.id = ? AND a.worker_id = " + decision.workerId();
        long id = decision.assignmentId() != null ? decision.assignmentId() : decision.taskId();
        return jdbc.sql("""
                        SELECT b.name, t.data, a.answers, a.state, a.reward, a.reject_reason, a.submitted_at, a.gold_correct
                        FROM assignment a JOIN task t ON t.id = a.task_id JOIN batch b ON b.id = a.batch_id WHERE\s""" + where)
                .param(id).query((rs, n) -> {
                    List<Line> lines = new ArrayList<>();
                    lines.add(Line.text("case.batch", rs.getString("name")));
                    fields(rs.getString("data")).forEach(lines::add);
                    lines.add(Line.text("case.given", answers(rs.getString("answers"))));
                    lines.add(Line.word("case.state", "state." + rs.getString("state")));
                    lines.add(Line.money("case.reward", rs.getLong("reward")));
                    if (rs.getTimestamp("submitted_at") != null) {
                        lines.add(Line.at("case.submittedAt", Sql.instant(rs, "submitted_at")));
                    }
                    if (rs.getObject("gold_correct") != null) {
                        lines.add(Line.text("case.control", rs.getBoolean("gold_correct") ? "✓" : "✗"));
                    }
                    if (rs.getString("reject_reason") != null) {
                        lines.add(Line.text("case.requesterReason", rs.getString("reject_reason")));
                    }
                    return lines;
                }).optional().orElse(List.of());
    }

    private List<Line> batch(long batchId) {
        return jdbc.sql("SELECT name FROM batch WHERE id = ?").param(batchId).query(String.class).optional()
                .map(name -> List.of(Line.text("case.batch", name))).orElse(List.of());
    }

    /** The task's columns as the worker saw them; an address of a picture is shown as the picture. */
    private static List<Line> fields(String data) {
        List<Line> lines = new ArrayList<>();
        JsonNode row = read(data);
        for (var field : row.properties()) {
            if (lines.size() == FIELDS || field.getKey().startsWith("GOLDEN")) {
                continue;
            }
            String value = field.getValue().asString("");
            boolean picture = value.matches("(?i)(https://|/demo/)\\\\S+\\\\.(png|jpe?g|gif|webp|svg)");
            lines.add(picture ? Line.picture(field.getKey(), value) : Line.text(field.getKey(), value));
        }
        return lines;
    }

    private static String answers(String answers) {
        JsonNode given = read(answers);
        List<String> parts = new ArrayList<>();
        for (var field : given.properties()) {
            parts.add(field.getKey() + ": " + (field.getValue().isString() ? field.getValue().asString() : field.getValue().toString()));
        }
        return String.join("; ", parts);
    }

    private static JsonNode read(String json) {
        try {
            return json == null || json.isBlank() ? JSON.createObjectNode() : JSON.readTree(json);
        } catch (RuntimeException e) {
            return JSON.createObjectNode();
        }
    }
}
