package org.polder.microtask.internal;

import org.polder.work.Assignments;
import org.polder.common.Automated;
import org.polder.microtask.AnswerField;
import org.polder.quality.Confidence;
import org.polder.trail.Trail;
import org.polder.trail.TrailEntry;
import org.polder.work.WorkKind;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Dynamic overlap: once every answer a task was waiting for is in, and its answer is still below the
 * batch's confidence bar, one more assignment is put on offer, up to the batch's maximum. Confidence
 * comes from the answers and each worker's accuracy (their gold accuracy in the batch once they have
 * answered 5 gold questions, 0.7 until then).
 */
@Component
@Automated("microtask.dynamic-overlap")
public class DynamicOverlap {

    static final double DEFAULT_ACCURACY = 0.7;

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Trail trail;
    private final Assignments work;

    DynamicOverlap(Assignments work, JdbcClient jdbc, JsonMapper json, Trail trail) {
        this.work = work;
        this.jdbc = jdbc;
        this.json = json;
        this.trail = trail;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void afterSubmission(BatchRecord batch, long taskId) {
        if (batch.overlapMax() == null) {
            return;
        }
        // The task's row lock makes concurrent submissions of one task take turns here.
        int open = jdbc.sql("SELECT open_slots FROM task WHERE id = ? AND is_gold = FALSE FOR UPDATE").param(taskId)
                .query(Integer.class).optional().orElse(-1);
        record Answer(long workerId, String state, String answers) {
        }
        List<Answer> answers = jdbc.sql("SELECT worker_id, state, answers FROM assignment WHERE task_id = ?").param(taskId)
                .query((rs, n) -> new Answer(rs.getLong(1), rs.getString(2), rs.getString(3))).list();
        long waiting = answers.stream().filter(a -> a.state().equals("STARTED")).count();
        long used = answers.stream().filter(a -> !a.state().equals("RELEASED") && !a.state().equals("EXPIRED")).count();
        if (open != 0 || waiting > 0 || used >= batch.overlapMax()) {
            return;
        }
        List<Answer> given = answers.stream().filter(a -> a.answers() != null && !a.state().equals("REJECTED")).toList();
        double[] accuracy = new double[given.size()];
        for (int i = 0; i < given.size(); i++) {
            accuracy[i] = accuracy(given.get(i).workerId(), batch.id());
        }
        double confidence = 1;
        for (AnswerField field : batch.template().fields()) {
            if (field.type() != AnswerField.Type.SINGLE_CHOICE) {
                continue;
            }
            List<Integer> labels = new ArrayList<>();
            List<Double> acc = new ArrayList<>();
            for (int i = 0; i < given.size(); i++) {
                Object v = json.readValue(given.get(i).answers(), new TypeReference<Map<String, Object>>() {
                }).get(field.name());
                int label = v == null ? -1 : field.options().indexOf(v.toString());
                if (label >= 0) {
                    labels.add(label);
                    acc.add(accuracy[i]);
                }
            }
            confidence = Math.min(confidence, Confidence.of(field.options().size(),
                    labels.stream().mapToInt(Integer::intValue).toArray(), acc.stream().mapToDouble(Double::doubleValue).toArray()));
        }
        if (confidence * 100 < batch.overlapConfidence()) {
            work.openSlot(taskId);
            trail.record(TrailEntry.of("TASK_OVERLAP_EXTENDED").organisation(batch.organisationId())
                    .work(WorkKind.MICROTASK, taskId, null).with("batchId", batch.id())
                    .with("confidence", Math.round(confidence * 1000) / 1000.0).with("answers", given.size()));
        }
    }

    private double accuracy(long worker, long batchId) {
        GoldScore s = GoldScore.of(jdbc, worker, batchId);
        return s.answered() < QualityRules.MINIMUM_EVIDENCE ? DEFAULT_ACCURACY : (s.correct() + 1.0) / (s.answered() + 2.0);
    }
}
