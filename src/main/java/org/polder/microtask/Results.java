package org.polder.microtask;

import org.polder.account.CurrentUser;
import org.polder.common.Csv;
import org.polder.common.DomainException;
import org.polder.microtask.internal.BatchRecord;
import org.polder.microtask.internal.BatchStore;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A batch's results: one line per submitted assignment with the task's input values and the answers,
 * as CSV (spreadsheet formulas neutralised) or JSON Lines. Streams, so large batches do not fill memory.
 */
@Service
public class Results {

    public enum Format { CSV, JSONL }

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final BatchStore batches;
    private final Aggregation aggregation;

    Results(JdbcClient jdbc, JsonMapper json, BatchStore batches, Aggregation aggregation) {
        this.jdbc = jdbc;
        this.json = json;
        this.batches = batches;
        this.aggregation = aggregation;
    }

    /** Checks access before anything is written, so that a refusal is a clean error. */
    @Transactional(readOnly = true)
    public BatchRecord check(CurrentUser user, long batchId) {
        return batches.ofOrganisation(batchId, user.organisation());
    }

    @Transactional(readOnly = true)
    public void write(BatchRecord batch, Format format, OutputStream out) {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        List<String> fields = batch.template().fields().stream().map(AnswerField::name).toList();
        List<String> aggregated = batch.template().fields().stream().filter(f -> f.type() != AnswerField.Type.FILE).map(AnswerField::name).toList();
        Aggregation.BatchAggregate aggregate = aggregation.aggregate(batch, org.polder.quality.Method.DEFAULT);
        Map<Long, Aggregation.TaskResult> byTask = new java.util.HashMap<>();
        aggregate.tasks().forEach(t -> byTask.put(t.taskId(), t));
        try {
            if (format == Format.CSV) {
                List<String> header = new ArrayList<>(List.of("task_id", "row", "assignment_id", "worker_id", "state", "submitted_at", "reviewed_at", "reject_reason", "gold_correct"));
                batch.columns().forEach(c -> header.add("input." + c));
                fields.forEach(f -> header.add("answer." + f));
                header.add("aggregate.method");
                for (String f : aggregated) {
                    header.add("aggregate." + f);
                    header.add("aggregate." + f + ".confidence");
                }
                Csv.line(writer, header);
            }
            jdbc.sql("""
                            SELECT a.id, a.task_id, a.worker_id, a.state, a.submitted_at, a.reviewed_at, a.reject_reason, a.answers, a.gold_correct,
                                   t.row_no, t.data
                            FROM assignment a JOIN task t ON t.id = a.task_id
                            WHERE a.batch_id = ? AND a.answers IS NOT NULL ORDER BY t.row_no, a.id""")
                    .param(batch.id())
                    .query(rs -> {
                        Map<String, String> input = batches.row(rs.getString("data"));
                        Map<String, Object> answers = json.readValue(rs.getString("answers"), new TypeReference<Map<String, Object>>() {
                        });
                        String submittedAt = String.valueOf(rs.getObject("submitted_at", java.time.OffsetDateTime.class).toInstant());
                        java.time.OffsetDateTime reviewed = rs.getObject("reviewed_at", java.time.OffsetDateTime.class);
                        String reviewedAt = reviewed == null ? "" : reviewed.toInstant().toString();
                        Boolean goldCorrect = rs.getObject("gold_correct") == null ? null : rs.getBoolean("gold_correct");
                        try {
                            if (format == Format.CSV) {
                                List<String> line = new ArrayList<>(List.of(rs.getString("task_id"), rs.getString("row_no"),
                                        rs.getString("id"), rs.getString("worker_id"), rs.getString("state"), submittedAt, reviewedAt,
                                        rs.getString("reject_reason") == null ? "" : rs.getString("reject_reason"),
                                        goldCorrect == null ? "" : goldCorrect.toString()));
                                batch.columns().forEach(c -> line.add(input.getOrDefault(c, "")));
                                fields.forEach(f -> line.add(cell(answers.get(f))));
                                Aggregation.TaskResult task = byTask.get(rs.getLong("task_id"));
                                line.add(aggregate.method().name());
                                for (String f : aggregated) {
                                    Aggregation.FieldResult r = task == null ? null : task.fields().get(f);
                                    line.add(r == null ? "" : cell(r.value()));
                                    line.add(r == null || r.value() == null ? "" : String.format(java.util.Locale.ROOT, "%.4f", r.confidence()));
                                }
                                Csv.line(writer, line);
                            } else {
                                Map<String, Object> record = new LinkedHashMap<>();
                                record.put("taskId", rs.getLong("task_id"));
                                record.put("row", rs.getInt("row_no"));
                                record.put("assignmentId", rs.getLong("id"));
                                record.put("workerId", rs.getLong("worker_id"));
                                record.put("state", rs.getString("state"));
                                record.put("submittedAt", submittedAt);
                                record.put("reviewedAt", reviewedAt.isEmpty() ? null : reviewedAt);
                                record.put("rejectReason", rs.getString("reject_reason"));
                                record.put("goldCorrect", goldCorrect);
                                record.put("input", input);
                                record.put("answers", answers);
                                Aggregation.TaskResult task = byTask.get(rs.getLong("task_id"));
                                Map<String, Object> agg = new LinkedHashMap<>();
                                agg.put("method", aggregate.method().name());
                                agg.put("fields", task == null ? Map.of() : task.fields());
                                record.put("aggregate", agg);
                                writer.write(json.writeValueAsString(record));
                                writer.write('\n');
                            }
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The download as an HTTP answer: streamed, with the right type and a file name. */
    public ResponseEntity<StreamingResponseBody> download(BatchRecord batch, Format format) {
        String extension = format == Format.CSV ? "csv" : "jsonl";
        MediaType type = format == Format.CSV
                ? new MediaType("text", "csv", StandardCharsets.UTF_8)
                : new MediaType("application", "jsonl", StandardCharsets.UTF_8);
        return ResponseEntity.ok().contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"batch-" + batch.id() + "-results." + extension + "\"")
                .body(out -> write(batch, format, out));
    }

    public static Format format(String value) {
        if (value == null || value.equalsIgnoreCase("csv")) {
            return Format.CSV;
        }
        if (value.equalsIgnoreCase("jsonl")) {
            return Format.JSONL;
        }
        throw DomainException.invalid("format: must be 'csv' or 'jsonl', was '" + value + "'");
    }

    private static String cell(Object answer) {
        return Aggregation.cell(answer);
    }

}
