package org.polder.microtask;

import org.polder.account.CurrentUser;
import org.polder.microtask.internal.BatchRecord;
import org.polder.microtask.internal.BatchStore;
import org.polder.microtask.internal.Placeholders;
import org.polder.quality.Aggregate;
import org.polder.quality.BoxAggregation;
import org.polder.quality.BradleyTerry;
import org.polder.quality.ScaleAggregation;
import org.polder.quality.TextAgreement;
import org.polder.quality.Answers;
import org.polder.quality.Method;
import org.polder.quality.ModelChoice;
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
 * fields are aggregated by the chosen model; a multiple-choice field option by option (chosen or not).
 * Other questions each have their own way: free text by agreement, numbers and ratings by the median,
 * comparisons by a Bradley-Terry fit over the whole batch (also giving a ranking of the items), boxes
 * by overlap. Rejected work is left out: the requester has said it is wrong.
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

    /**
     * The tasks' results; for each comparison question the ranking of every item compared in the batch; and, when
     * asked for, for each one-choice question how well each model explains answers held out from it (best first).
     */
    public record BatchAggregate(long batchId, Method method, List<TaskResult> tasks, Map<String, BradleyTerry.Ranking> rankings,
                                 Map<String, List<ModelChoice.Fit>> modelSupport) {
    }

    @Transactional(readOnly = true)
    public BatchAggregate aggregate(CurrentUser user, long batchId, Method method) {
        return aggregate(batches.ofOrganisation(batchId, user.organisation()), method);
    }

    /** The aggregate, and with {@code compareModels} which model the answers of each one-choice question support best. */
    @Transactional(readOnly = true)
    public BatchAggregate aggregate(CurrentUser user, long batchId, Method method, boolean compareModels) {
        return aggregate(batches.ofOrganisation(batchId, user.organisation()), method, compareModels);
    }

    /** The aggregate of a batch whose access was already checked. */
    @Transactional(readOnly = true)
    public BatchAggregate aggregate(BatchRecord batch, Method method) {
        return aggregate(batch, method, false);
    }

    private BatchAggregate aggregate(BatchRecord batch, Method method, boolean compareModels) {
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
        Map<String, BradleyTerry.Ranking> rankings = new LinkedHashMap<>();
        Map<String, List<ModelChoice.Fit>> support = new LinkedHashMap<>();
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
                if (compareModels && answers.size() >= 4 * ModelChoice.FOLDS) {
                    support.put(field.name(), ModelChoice.compare(answers, batchId));
                }
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
            } else if (field.type() == AnswerField.Type.FILE) {
                continue;   // a photo or document is each worker's own; there is nothing to merge
            } else if (field.type() == AnswerField.Type.PAIRWISE) {
                rankings.put(field.name(), pairwise(field, batch, rows.stream().map(Row::taskId).toList(), parsed, tasks));
            } else {
                // Per task, from the answers given to it.
                Map<Long, List<Object>> given = new LinkedHashMap<>();
                for (int i = 0; i < rows.size(); i++) {
                    List<Object> list = given.computeIfAbsent(rows.get(i).taskId(), k -> new ArrayList<>());
                    Object v = parsed.get(i).get(field.name());
                    if (v != null) {
                        list.add(v);
                    }
                }
                given.forEach((id, values) -> tasks.get(id).fields().put(field.name(), perTask(field, values)));
            }
        }
        return new BatchAggregate(batchId, method, List.copyOf(tasks.values()), rankings, support);
    }

    private static FieldResult perTask(AnswerField field, List<Object> values) {
        switch (field.type()) {
            case FREE_TEXT -> {
                TextAgreement.Result r = TextAgreement.aggregate(values.stream().map(String::valueOf).toList());
                return new FieldResult(r.value(), r.confidence(), r.answers());
            }
            case NUMBER, RATING -> {
                ScaleAggregation.Result r = ScaleAggregation.aggregate(values.stream().map(v -> Double.valueOf(String.valueOf(v))).toList(),
                        field.type() == AnswerField.Type.RATING ? 1 : 0);
                Object median = r.median() == null ? null : r.median() == Math.rint(r.median()) ? (Object) r.median().longValue() : r.median();
                return new FieldResult(median, r.confidence(), r.answers());
            }
            case BOUNDING_BOXES -> {
                List<List<BoxAggregation.Box>> answers = values.stream().map(Aggregation::boxes).toList();
                BoxAggregation.Result r = BoxAggregation.aggregate(answers, BoxAggregation.DEFAULT_IOU);
                List<Map<String, Object>> merged = r.boxes().stream().map(m -> {
                    Map<String, Object> b = new LinkedHashMap<>();
                    b.put("x", m.box().x());
                    b.put("y", m.box().y());
                    b.put("w", m.box().w());
                    b.put("h", m.box().h());
                    if (m.box().label() != null) {
                        b.put("label", m.box().label());
                    }
                    b.put("workers", m.support());
                    return b;
                }).toList();
                return new FieldResult(r.answers() == 0 ? null : merged, r.confidence(), r.answers());
            }
            default -> throw new IllegalStateException("no aggregation for " + field.type());
        }
    }

    private static List<BoxAggregation.Box> boxes(Object answer) {
        List<BoxAggregation.Box> boxes = new ArrayList<>();
        if (answer instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof Map<?, ?> m) {
                    boxes.add(new BoxAggregation.Box(number(m.get("x")), number(m.get("y")), number(m.get("w")), number(m.get("h")),
                            m.get("label") == null ? null : m.get("label").toString()));
                }
            }
        }
        return boxes;
    }

    private static double number(Object o) {
        return o instanceof Number n ? n.doubleValue() : Double.parseDouble(String.valueOf(o));
    }

    /**
     * Every answer to a comparison is a win for one item over the other, the items being the question's two
     * options filled from the task's row; one Bradley-Terry fit over the batch scores every item, and each task's
     * result is the item with the higher score, with the model's probability that it is the better one.
     */
    private BradleyTerry.Ranking pairwise(AnswerField field, BatchRecord batch, List<Long> answerTasks, List<Map<String, Object>> parsed,
                                          Map<Long, TaskResult> tasks) {
        Map<Long, List<String>> items = new LinkedHashMap<>();
        tasks.forEach((id, t) -> items.put(id, field.options().stream().map(o -> Placeholders.fill(o, t.input())).toList()));
        List<BradleyTerry.Comparison> comparisons = new ArrayList<>();
        Map<Long, Integer> counts = new LinkedHashMap<>();
        for (int i = 0; i < answerTasks.size(); i++) {
            Object v = parsed.get(i).get(field.name());
            List<String> pair = items.get(answerTasks.get(i));
            if (v == null || pair.get(0).equals(pair.get(1))) {
                continue;
            }
            boolean first = "A".equals(v);
            comparisons.add(new BradleyTerry.Comparison(pair.get(first ? 0 : 1), pair.get(first ? 1 : 0)));
            counts.merge(answerTasks.get(i), 1, Integer::sum);
        }
        BradleyTerry.Ranking ranking = BradleyTerry.fit(comparisons, BradleyTerry.DEFAULT_PRIOR);
        tasks.forEach((id, t) -> {
            int answers = counts.getOrDefault(id, 0);
            if (answers == 0) {
                t.fields().put(field.name(), new FieldResult(null, 0, 0));
                return;
            }
            double pFirst = ranking.probability(items.get(id).get(0), items.get(id).get(1));
            t.fields().put(field.name(), pFirst >= 0.5 ? new FieldResult("A", pFirst, answers) : new FieldResult("B", 1 - pFirst, answers));
        });
        return ranking;
    }

    /**
     * One task on the results page: its result, the picture its boxes were drawn on, the two items of each comparison,
     * and each box question's merged boxes as JSON for the page's script.
     */
    public record ShownTask(TaskResult result, String image, Map<String, List<String>> pairs, Map<String, String> boxes) {
    }

    /** The results page: the batch's questions, the rankings of compared items, and the first tasks' results. */
    public record ResultsPage(long batchId, String batchName, List<AnswerField> fields, Method method, Map<String, BradleyTerry.Ranking> rankings,
                              List<ShownTask> tasks, int taskCount, Map<String, List<ModelChoice.Fit>> modelSupport) {

        /** A question's label, by its name. */
        public String label(String field) {
            return fields.stream().filter(f -> f.name().equals(field)).map(AnswerField::label).findFirst().orElse(field);
        }

        /** Whether an item of a comparison is a picture (shown as one) rather than text. */
        public boolean isImage(String item) {
            return RenderedTask.picture(item);
        }
    }

    /** The results page of a batch of the user's organisation, at most {@code limit} tasks, first rows first. */
    @Transactional(readOnly = true)
    public ResultsPage page(CurrentUser user, long batchId, Method method, boolean compareModels, int limit) {
        BatchRecord batch = batches.ofOrganisation(batchId, user.organisation());
        BatchAggregate aggregate = aggregate(batch, method, compareModels);
        List<ShownTask> shown = new ArrayList<>();
        for (TaskResult t : aggregate.tasks().subList(0, Math.min(limit, aggregate.tasks().size()))) {
            RenderedTask rendered = org.polder.microtask.internal.TaskRenderer.render(batch.template(), t.input());
            Map<String, List<String>> pairs = new LinkedHashMap<>();
            rendered.fields().stream().filter(f -> f.type() == AnswerField.Type.PAIRWISE).forEach(f -> pairs.put(f.name(), f.options()));
            Map<String, String> boxes = new LinkedHashMap<>();
            t.fields().forEach((name, r) -> {
                if (r.value() instanceof List<?> list && list.stream().allMatch(Map.class::isInstance)) {
                    boxes.put(name, CELLS.writeValueAsString(list));
                }
            });
            shown.add(new ShownTask(t, rendered.boxImage() == null ? null : rendered.boxImage().value(), pairs, boxes));
        }
        return new ResultsPage(batchId, batch.name(), batch.template().fields(), method, aggregate.rankings(), shown, aggregate.tasks().size(),
                aggregate.modelSupport());
    }

    /** The aggregate as CSV: the task's row, then per field the answer, its confidence and how many answered. */
    public void writeCsv(BatchAggregate aggregate, java.io.Writer out) throws java.io.IOException {
        BatchRecord batch = batches.find(aggregate.batchId()).orElseThrow();
        List<String> fields = batch.template().fields().stream().filter(f -> f.type() != AnswerField.Type.FILE).map(AnswerField::name).toList();
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
                line.add(cell(value));
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

    private static final JsonMapper CELLS = JsonMapper.builder().build();

    /** An answer in a CSV cell: choices joined with '|', boxes as JSON, the rest as text. */
    public static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Map<?, ?> file && file.get("url") != null) {
            return String.valueOf(file.get("url"));   // a photo or document: where to download it
        }
        if (value instanceof List<?> list) {
            return list.stream().anyMatch(Map.class::isInstance) ? CELLS.writeValueAsString(list)
                    : String.join("|", list.stream().map(String::valueOf).toList());
        }
        return value.toString();
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
