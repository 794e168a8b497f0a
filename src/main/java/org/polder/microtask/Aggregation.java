package org.polder.microtask;

import org.polder.account.CurrentUser;
import org.polder.microtask.internal.BatchRecord;
import org.polder.microtask.internal.BatchStore;
import org.polder.quality.Aggregate;
import org.polder.quality.Answers;
import org.polder.quality.Method;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One answer per task and field, with a confidence, from the redundant answers of a batch. Choice
 * fields are aggregated; a multiple-choice field is aggregated option by option (chosen or not).
 * Rejected work is left out: the requester has said it is wrong.
 */
@Service
public class Aggregation {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final BatchStore batches;

    Aggregation(JdbcClient jdbc, JsonMapper json, BatchStore batches) {
        this.jdbc = jdbc;
        this.json = json;
        this.batches = batches;
    }

    /** The aggregated answer of one field of one task. {@code value} is a String, or a list for multiple choice. */
    public record FieldResult(Object value, double confidence, int answers) {
    }

    /** One task with its row and its aggregated fields. */
    public record TaskResult(long taskId, int row, Map<String, String> input, Map<String, FieldResult> fields) {
    }

    public record BatchAggregate(long batchId, Method method, List<TaskResult> tasks) {
    }

    @Transactional(readOnly = true)
    public BatchAggregate aggregate(CurrentUser user, long batchId, Method method) {
        return aggregate(batches.ofOrganisation(batchId, user.organisation()), method);
    }

    /** The aggregate of a batch whose access was already checked. */
    @Transactional(readOnly = true)
    public BatchAggregate aggregate(BatchRecord batch, Method method) {
        long batchId = batch.id();
        record Row(long taskId, int rowNo, String data, long workerId, String answers, String gold) {
        }
        List<Row> rows = jdbc.sql("""
                        SELECT t.id AS task_id, t.row_no, t.data, t.gold, a.worker_id, a.answers
                        FROM task t LEFT JOIN assignment a ON a.task_id = t.id AND a.answers IS NOT NULL AND a.state <> 'REJECTED'
                        WHERE t.batch_id = ? ORDER BY t.row_no""")
                .param(batchId)
                .query((rs, n) -> new Row(rs.getLong("task_id"), rs.getInt("row_no"), rs.getString("data"), rs.getLong("worker_id"),
                        rs.getString("answers"), rs.getString("gold")))
                .list();
        Map<Long, TaskResult> tasks = new LinkedHashMap<>();
        List<Map<String, Object>> parsed = new ArrayList<>();
        Map<Long, Map<String, Object>> gold = new LinkedHashMap<>();
        for (Row r : rows) {
            if (r.gold() != null) {
                gold.computeIfAbsent(r.taskId(), id -> json.readValue(r.gold(), new TypeReference<Map<String, Object>>() {
                }));
            }
            tasks.computeIfAbsent(r.taskId(), id -> new TaskResult(id, r.rowNo(), batches.row(r.data()), new LinkedHashMap<>()));
            parsed.add(r.answers() == null ? Map.of() : json.readValue(r.answers(), new TypeReference<Map<String, Object>>() {
            }));
        }
        for (AnswerField field : batch.template().fields()) {
            if (field.type() == AnswerField.Type.SINGLE_CHOICE) {
                Answers.Builder b = Answers.builder(field.options().size());
                for (int i = 0; i < rows.size(); i++) {
                    b.task(Long.toString(rows.get(i).taskId()));
                    Object v = parsed.get(i).get(field.name());
                    int option = v == null ? -1 : field.options().indexOf(v.toString());
                    if (option >= 0) {
                        b.add(Long.toString(rows.get(i).taskId()), Long.toString(rows.get(i).workerId()), option);
                    }
                }
                Answers answers = b.build();
                Map<Integer, Integer> known = new LinkedHashMap<>();
                for (int t = 0; t < answers.tasks(); t++) {
                    Object value = gold.getOrDefault(Long.parseLong(answers.taskId(t)), Map.of()).get(field.name());
                    if (value != null) {
                        known.put(t, field.options().indexOf(value.toString()));
                    }
                }
                put(tasks, field.name(), answers, method.aggregate(answers, known), (label) -> field.options().get(label));
            } else if (field.type() == AnswerField.Type.MULTIPLE_CHOICE) {
                Map<Long, List<String>> chosen = new LinkedHashMap<>();
                Map<Long, Double> weakest = new LinkedHashMap<>();
                Map<Long, Integer> counts = new LinkedHashMap<>();
                for (String option : field.options()) {
                    Answers.Builder b = Answers.builder(2);
                    for (int i = 0; i < rows.size(); i++) {
                        String task = Long.toString(rows.get(i).taskId());
                        b.task(task);
                        Object v = parsed.get(i).get(field.name());
                        if (rows.get(i).answers() != null) {
                            boolean picked = v instanceof List<?> list && list.contains(option);
                            b.add(task, Long.toString(rows.get(i).workerId()), picked ? 1 : 0);
                        }
                    }
                    Answers answers = b.build();
                    Map<Integer, Integer> known = new LinkedHashMap<>();
                    for (int t = 0; t < answers.tasks(); t++) {
                        Object value = gold.getOrDefault(Long.parseLong(answers.taskId(t)), Map.of()).get(field.name());
                        if (value instanceof List<?> list) {
                            known.put(t, list.contains(option) ? 1 : 0);
                        }
                    }
                    Aggregate result = method.aggregate(answers, known);
                    int[] perTask = count(answers);
                    for (int t = 0; t < answers.tasks(); t++) {
                        long id = Long.parseLong(answers.taskId(t));
                        chosen.computeIfAbsent(id, k -> new ArrayList<>());
                        if (result.label(t) == 1) {
                            chosen.get(id).add(option);
                        }
                        weakest.merge(id, result.label(t) < 0 ? 0 : result.confidence()[t], Math::min);
                        counts.put(id, perTask[t]);
                    }
                }
                chosen.forEach((id, options) -> tasks.get(id).fields().put(field.name(),
                        new FieldResult(counts.get(id) == 0 ? null : options, weakest.get(id), counts.get(id))));
            }
        }
        return new BatchAggregate(batchId, method, List.copyOf(tasks.values()));
    }

    /** The aggregate as CSV: the task's row, then per field the answer, its confidence and how many answered. */
    public void writeCsv(BatchAggregate aggregate, java.io.Writer out) throws java.io.IOException {
        BatchRecord batch = batches.find(aggregate.batchId()).orElseThrow();
        List<String> fields = batch.template().fields().stream().filter(AnswerField::hasOptions).map(AnswerField::name).toList();
        List<String> header = new ArrayList<>(List.of("task_id", "row", "method"));
        batch.columns().forEach(c -> header.add("input." + c));
        for (String f : fields) {
            header.add(f);
            header.add(f + ".confidence");
            header.add(f + ".answers");
        }
        org.polder.common.Csv.line(out, header);
        for (TaskResult t : aggregate.tasks()) {
            List<String> line = new ArrayList<>(List.of(Long.toString(t.taskId()), Integer.toString(t.row()), aggregate.method().name()));
            batch.columns().forEach(c -> line.add(t.input().getOrDefault(c, "")));
            for (String f : fields) {
                FieldResult r = t.fields().get(f);
                Object value = r == null ? null : r.value();
                line.add(value == null ? "" : value instanceof List<?> list ? String.join("|", list.stream().map(String::valueOf).toList())
                        : value.toString());
                line.add(r == null || value == null ? "" : String.format(java.util.Locale.ROOT, "%.4f", r.confidence()));
                line.add(r == null ? "0" : Integer.toString(r.answers()));
            }
            org.polder.common.Csv.line(out, line);
        }
        out.flush();
    }

    /** The aggregate as a CSV download. */
    public org.springframework.http.ResponseEntity<String> csvDownload(BatchAggregate aggregate) {
        java.io.StringWriter csv = new java.io.StringWriter();
        try {
            writeCsv(aggregate, csv);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return org.springframework.http.ResponseEntity.ok()
                .contentType(new org.springframework.http.MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header(org.springframework.http.HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"batch-" + aggregate.batchId() + "-aggregated.csv\"")
                .body(csv.toString());
    }

    private static void put(Map<Long, TaskResult> tasks, String field, Answers answers, Aggregate result,
                            java.util.function.IntFunction<String> name) {
        int[] perTask = count(answers);
        for (int t = 0; t < answers.tasks(); t++) {
            long id = Long.parseLong(answers.taskId(t));
            int label = result.label(t);
            tasks.get(id).fields().put(field, new FieldResult(label < 0 ? null : name.apply(label),
                    label < 0 ? 0 : result.confidence()[t], perTask[t]));
        }
    }

    private static int[] count(Answers answers) {
        int[] perTask = new int[answers.tasks()];
        for (int n = 0; n < answers.size(); n++) {
            perTask[answers.task(n)]++;
        }
        return perTask;
    }
}
