package org.polder.microtask;

import org.polder.account.Accounts;
import org.polder.account.CurrentUser;
import org.polder.account.Role;
import org.polder.microtask.internal.BatchRecord;
import org.polder.microtask.internal.BatchStore;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A worker's own quality figures, per batch: how many gold questions they answered and got right, and
 * how often their choices agree with the majority of the other workers on the same task. Shown only
 * to the worker themselves; Polder never ranks workers publicly.
 */
@Service
public class WorkerQuality {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final BatchStore batches;
    private final Accounts accounts;

    WorkerQuality(JdbcClient jdbc, JsonMapper json, BatchStore batches, Accounts accounts) {
        this.jdbc = jdbc;
        this.json = json;
        this.batches = batches;
        this.accounts = accounts;
    }

    /** Figures of one batch; rates are null where there is nothing to measure yet. */
    public record BatchQuality(long batchId, String batchName, String requester, long goldAnswered, long goldCorrect,
                               Double goldAccuracy, long compared, long agreed, Double agreementRate) {
    }

    @Transactional(readOnly = true)
    public List<BatchQuality> of(CurrentUser user) {
        long worker = user.require(Role.WORKER).id();
        record Row(long taskId, long batchId, long workerId, String answers, Boolean goldCorrect) {
        }
        List<Row> rows = jdbc.sql("""
                        SELECT a.task_id, a.batch_id, a.worker_id, a.answers, a.gold_correct FROM assignment a
                        WHERE a.answers IS NOT NULL
                          AND a.task_id IN (SELECT m.task_id FROM assignment m WHERE m.worker_id = ? AND m.answers IS NOT NULL)
                        ORDER BY a.batch_id, a.task_id""")
                .param(worker)
                .query((rs, n) -> new Row(rs.getLong("task_id"), rs.getLong("batch_id"), rs.getLong("worker_id"), rs.getString("answers"),
                        rs.getObject("gold_correct") == null ? null : rs.getBoolean("gold_correct")))
                .list();
        Map<Long, List<Row>> byBatch = new LinkedHashMap<>();
        rows.forEach(r -> byBatch.computeIfAbsent(r.batchId(), b -> new ArrayList<>()).add(r));
        List<BatchQuality> result = new ArrayList<>();
        byBatch.forEach((batchId, batchRows) -> {
            BatchRecord batch = batches.find(batchId).orElseThrow();
            List<String> choiceFields = batch.template().fields().stream()
                    .filter(f -> f.type() == AnswerField.Type.SINGLE_CHOICE).map(AnswerField::name).toList();
            long goldAnswered = 0;
            long goldCorrect = 0;
            long compared = 0;
            long agreed = 0;
            Map<Long, List<Row>> byTask = new LinkedHashMap<>();
            batchRows.forEach(r -> byTask.computeIfAbsent(r.taskId(), t -> new ArrayList<>()).add(r));
            for (List<Row> taskRows : byTask.values()) {
                Row mine = taskRows.stream().filter(r -> r.workerId() == worker).findFirst().orElseThrow();
                if (mine.goldCorrect() != null) {
                    goldAnswered++;
                    goldCorrect += mine.goldCorrect() ? 1 : 0;
                }
                Map<String, Object> myAnswers = parse(mine.answers());
                for (String field : choiceFields) {
                    Map<Object, Integer> votes = new HashMap<>();
                    int others = 0;
                    for (Row r : taskRows) {
                        if (r.workerId() != worker) {
                            Object v = parse(r.answers()).get(field);
                            if (v != null) {
                                votes.merge(v, 1, Integer::sum);
                                others++;
                            }
                        }
                    }
                    Object my = myAnswers.get(field);
                    if (others >= 2 && my != null) {
                        int top = votes.values().stream().max(Integer::compare).orElse(0);
                        compared++;
                        agreed += votes.getOrDefault(my, 0) == top ? 1 : 0;
                    }
                }
            }
            result.add(new BatchQuality(batchId, batch.name(), accounts.organisation(batch.organisationId()).name(), goldAnswered,
                    goldCorrect, goldAnswered == 0 ? null : (double) goldCorrect / goldAnswered, compared, agreed,
                    compared == 0 ? null : (double) agreed / compared));
        });
        return result;
    }

    private Map<String, Object> parse(String answers) {
        return json.readValue(answers, new TypeReference<Map<String, Object>>() {
        });
    }
}
