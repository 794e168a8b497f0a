package org.polder.microtask.internal;

import org.polder.common.Words;
import org.polder.microtask.MicrotaskDecision;
import org.polder.common.Automated;
import org.polder.common.Sql;
import org.polder.oversight.Decisions;
import org.polder.quality.Qualifications;
import org.polder.work.WorkKind;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The batch quality rule "gold accuracy below X% after at least N gold answers: no more tasks of this
 * batch for this worker". Checked after every scored gold answer. When it fires it records a decision
 * with the numbers, which the worker reads. It only stops new tasks: work already submitted is
 * reviewed and paid as usual, and the worker's account is untouched (suspension is for people, not rules).
 */
@Component
@Automated(QualityRules.GOLD_ACCURACY)
public class QualityRules {

    public static final String GOLD_ACCURACY = "quality.gold-accuracy";
    public static final int GOLD_ACCURACY_VERSION = 1;
    /** No rule acts on fewer scored answers than this, whatever a batch asks. */
    public static final int MINIMUM_EVIDENCE = 5;

    private final JdbcClient jdbc;
    private final Decisions decisions;
    private final Clock clock;
    private final Qualifications qualifications;

    QualityRules(JdbcClient jdbc, Decisions decisions, Clock clock, Qualifications qualifications) {
        this.jdbc = jdbc;
        this.decisions = decisions;
        this.clock = clock;
        this.qualifications = qualifications;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void afterGoldAnswer(BatchRecord batch, long worker, long taskId, long assignmentId) {
        if (batch.ruleMinGoldAccuracy() == null && batch.grantsQualificationId() == null) {
            return;
        }
        GoldScore s = GoldScore.of(jdbc, worker, batch.id());
        if (batch.grantsQualificationId() != null) {
            qualifications.afterGoldAnswer(batch.grantsQualificationId(), batch.grantsPassPercent(), worker, batch.id(), batch.name(),
                    s.answered(), s.correct(), batch.isQualificationTest(), batch.goldCount());
        }
        if (batch.ruleMinGoldAccuracy() == null) {
            return;
        }
        int minAnswers = Math.max(batch.ruleMinGoldAnswers(), MINIMUM_EVIDENCE);
        if (s.answered() < minAnswers || s.correct() * 100 >= (long) batch.ruleMinGoldAccuracy() * s.answered()) {
            return;
        }
        boolean already = jdbc.sql("SELECT COUNT(*) FROM batch_block WHERE batch_id = ? AND worker_id = ?")
                .params(batch.id(), worker).query(Long.class).single() > 0;
        if (already) {
            return;
        }
        long accuracy = Math.round(100.0 * s.correct() / s.answered());
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("goldAnswered", s.answered());
        inputs.put("goldCorrect", s.correct());
        inputs.put("goldAccuracyPercent", accuracy);
        inputs.put("minGoldAccuracyPercent", batch.ruleMinGoldAccuracy());
        inputs.put("minGoldAnswers", minAnswers);
        long decision = decisions.record(Decisions.Draft.about(worker, MicrotaskDecision.BATCH_ACCESS_STOPPED)
                .rule(GOLD_ACCURACY, GOLD_ACCURACY_VERSION)
                .work(WorkKind.MICROTASK, batch.id(), taskId, assignmentId)
                .inputs(inputs)
                .effect(Words.of("decision.effect.batchStopped", batch.name()))
                .reason("You answered " + s.correct() + " of " + s.answered() + " control questions in batch '" + batch.name() + "' right ("
                        + accuracy + "%). The requester asks for at least " + batch.ruleMinGoldAccuracy()
                        + "%, so this batch no longer gives you tasks. Your other work and your account are not affected.")
                .reasonCode("decision.goldAccuracy", List.of(s.correct(), s.answered(), batch.name(), accuracy, batch.ruleMinGoldAccuracy())));
        jdbc.sql("INSERT INTO batch_block (batch_id, worker_id, decision_id, created_at) VALUES (?, ?, ?, ?)")
                .params(batch.id(), worker, decision, Sql.ts(clock.instant())).update();
    }
}
