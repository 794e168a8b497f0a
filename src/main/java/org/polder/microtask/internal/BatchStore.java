package org.polder.microtask.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.polder.common.NotFoundException;
import org.polder.common.Sql;
import org.polder.microtask.Batch;
import org.polder.microtask.TemplateSpec;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads batches and task rows. A batch's template snapshot and columns never change once the batch
 * is created, so their parsed form is kept in memory (by batch id; correct on any number of nodes);
 * everything that can change is read from the row each time.
 */
@Component
public class BatchStore {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Cache<Long, Frozen> frozen = Caffeine.newBuilder().maximumSize(2_000).build();

    /** The parts of a batch that never change after it is created. */
    private record Frozen(TemplateSpec template, List<String> columns) {
    }

    BatchStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public Optional<BatchRecord> find(long id) {
        return jdbc.sql("SELECT * FROM batch WHERE id = ?").param(id).query(this::map).optional();
    }

    /** The batch if it belongs to the organisation; 404 otherwise, whether or not it exists. */
    public BatchRecord ofOrganisation(long id, long organisationId) {
        return find(id).filter(b -> b.organisationId() == organisationId)
                .orElseThrow(() -> new NotFoundException("Batch", id));
    }

    /** Locks the batch row until the transaction ends and returns its current state. */
    public Batch.State lockState(long id) {
        return Batch.State.valueOf(jdbc.sql("SELECT state FROM batch WHERE id = ? FOR UPDATE").param(id)
                .query(String.class).single());
    }

    public Map<String, String> taskRow(long taskId) {
        return json.readValue(jdbc.sql("SELECT data FROM task WHERE id = ?").param(taskId).query(String.class).single(),
                new TypeReference<Map<String, String>>() {
                });
    }

    /** The known answers and explanation of a gold task, or empty for a regular task. */
    public Optional<GoldAnswer> gold(long taskId) {
        return jdbc.sql("SELECT gold, gold_hint FROM task WHERE id = ? AND is_gold").param(taskId)
                .query((rs, n) -> gold(rs.getString("gold"), rs.getString("gold_hint"))).optional();
    }

    /** A gold task's answer from its columns {@code gold} and {@code gold_hint}. */
    public GoldAnswer gold(String goldJson, String hint) {
        return new GoldAnswer(json.readValue(goldJson, new TypeReference<Map<String, Object>>() {
        }), hint);
    }

    /** A gold question's known answers and the explanation shown after answering. */
    public record GoldAnswer(Map<String, Object> expected, String hint) {
    }

    public Map<String, String> row(String data) {
        return json.readValue(data, new TypeReference<Map<String, String>>() {
        });
    }

    /** The batch in a row that holds every column of {@code batch} (a {@code SELECT b.*} with more columns is fine). */
    public BatchRecord map(ResultSet rs, int n) throws SQLException {
        long id = rs.getLong("id");
        Frozen f = frozen.getIfPresent(id);
        if (f == null) {
            f = new Frozen(json.readValue(rs.getString("template_snapshot"), TemplateSpec.class),
                    json.readValue(rs.getString("columns_json"), new TypeReference<List<String>>() {
                    }));
            frozen.put(id, f);
        }
        return new BatchRecord(id, rs.getLong("organisation_id"), rs.getLong("template_id"), rs.getString("name"),
                Batch.State.valueOf(rs.getString("state")), f.template(), f.columns(), rs.getInt("task_count"), rs.getLong("reward"), rs.getLong("fee"), rs.getString("currency"),
                rs.getInt("assignments_per_task"), rs.getInt("allotted_seconds"), rs.getInt("expected_seconds"),
                rs.getLong("review_window_seconds"), Sql.instant(rs, "expires_at"), rs.getLong("created_by"),
                Sql.instant(rs, "created_at"), Sql.instant(rs, "published_at"), Sql.instant(rs, "closed_at"),
                rs.getInt("gold_count"), rs.getInt("gold_percent"), rs.getInt("gold_assignments_per_task"),
                (Integer) rs.getObject("rule_min_gold_accuracy", Integer.class), (Integer) rs.getObject("rule_min_gold_answers", Integer.class),
                Sql.longOrNull(rs, "grants_qualification_id"), (Integer) rs.getObject("grants_pass_percent", Integer.class),
                (Integer) rs.getObject("overlap_max", Integer.class), (Integer) rs.getObject("overlap_confidence", Integer.class),
                rs.getLong("top_up"), rs.getObject("low_pay_at") == null ? null
                : new BatchRecord.LowPay(Sql.instant(rs, "low_pay_at"), rs.getLong("low_pay_median"), rs.getLong("low_pay_floor"),
                        rs.getInt("low_pay_measured"), rs.getString("low_pay_action")),
                org.polder.account.WorkerProfiles.split(rs.getString("languages")), org.polder.account.WorkerProfiles.split(rs.getString("regions")));
    }
}
