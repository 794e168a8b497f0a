package org.polder.microtask.internal;

import org.polder.common.Words;
import org.polder.microtask.MicrotaskDecision;
import org.polder.work.Assignments;
import org.polder.common.DomainException;
import org.polder.common.Sql;
import org.polder.ledger.Escrow;
import org.polder.ledger.Leg;
import org.polder.ledger.Ledger;
import org.polder.ledger.LedgerAccount;
import org.polder.ledger.Money;
import org.polder.microtask.Batch;
import org.polder.oversight.Decisions;
import org.polder.trail.Trail;
import org.polder.trail.TrailEntry;
import org.polder.work.Parameter;
import org.polder.work.PlatformParameters;
import org.polder.work.WorkKind;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pay per active hour as measured, not as promised (RIGHTS.md R7). Once a batch has enough submitted
 * assignments, the median of reward per active hour (claim to submit, measured by the server) is
 * compared with the floor. Below it, by the platform's policy, either every assignment of the batch
 * is topped up by the amount that lifts the median to the floor, paid from escrow that the requester's
 * balance funds, with a decision and a posting per top-up; or the batch is paused until the requester
 * resumes it with that top-up. The requester sees the finding on the batch either way.
 */
@Component
public class LowPayCheck {

    public static final String RULE = "pay.low-pay-check";
    public static final int RULE_VERSION = 1;

    private final JdbcClient jdbc;
    private final BatchStore batches;
    private final Ledger ledger;
    private final Escrow escrow;
    private final Decisions decisions;
    private final Trail trail;
    private final PlatformParameters parameters;
    private final Clock clock;
    private final Assignments work;

    LowPayCheck(Assignments work, JdbcClient jdbc, BatchStore batches, Ledger ledger, Escrow escrow, Decisions decisions, Trail trail, PlatformParameters parameters,
                Clock clock) {
        this.work = work;
        this.jdbc = jdbc;
        this.batches = batches;
        this.ledger = ledger;
        this.escrow = escrow;
        this.decisions = decisions;
        this.trail = trail;
        this.parameters = parameters;
        this.clock = clock;
    }

    /** Published batches not yet found below the floor that have enough submitted work to measure. */
    @Transactional(readOnly = true)
    public List<Long> due(int limit) {
        return jdbc.sql("""
                        SELECT b.id FROM batch b WHERE b.state = 'PUBLISHED' AND b.low_pay_at IS NULL
                        AND (SELECT COUNT(*) FROM assignment a WHERE a.batch_id = b.id AND a.submitted_at IS NOT NULL) >= ?
                        ORDER BY b.id LIMIT ?""")
                .params(parameters.number(Parameter.LOW_PAY_MIN_ASSIGNMENTS), limit).query(Long.class).list();
    }

    /**
     * Paid work of topped-up batches still without its top-up: approved while the batch was being topped
     * up, or paid after an upheld appeal. The job pays them.
     */
    @Transactional(readOnly = true)
    public List<Long> missedTopUps(int limit) {
        return jdbc.sql("""
                        SELECT a.id FROM assignment a JOIN batch b ON b.id = a.batch_id
                        WHERE b.top_up > 0 AND a.state = 'PAID' AND a.top_up = 0 ORDER BY a.id LIMIT ?""")
                .param(limit).query(Long.class).list();
    }

    /** Measures one batch and acts when its median is below the floor; true when it acted. */
    @Transactional
    public boolean check(long batchId) {
        if (batches.lockState(batchId) != Batch.State.PUBLISHED) {
            return false;
        }
        BatchRecord batch = batches.find(batchId).orElseThrow();
        if (batch.lowPay() != null) {
            return false;
        }
        List<Long> perHour = perHour(batchId);
        if (perHour.size() < parameters.number(Parameter.LOW_PAY_MIN_ASSIGNMENTS)) {
            return false;
        }
        long median = median(perHour);
        long floor = parameters.number(Parameter.HOURLY_FLOOR_CENTS);
        if (median >= floor) {
            return false;
        }
        long topUp = topUp(batch.reward(), median, floor);
        String policy = parameters.get(Parameter.LOW_PAY_POLICY);
        // The finding first: the top-up decisions written while funding quote it.
        jdbc.sql("""
                        UPDATE batch SET low_pay_at = ?, low_pay_median = ?, low_pay_floor = ?, low_pay_measured = ?, low_pay_action = 'PAUSE'
                        WHERE id = ?""")
                .params(Sql.ts(clock.instant()), median, floor, perHour.size(), batchId).update();
        boolean funded = policy.equals("TOP_UP") && fund(batch, topUp, null);
        String action = funded ? "TOP_UP" : "PAUSE";
        jdbc.sql("UPDATE batch SET state = ?, low_pay_action = ? WHERE id = ?").params(funded ? "PUBLISHED" : "PAUSED", action, batchId)
                .update();
        trail.record(TrailEntry.of("BATCH_BELOW_PAY_FLOOR").organisation(batch.organisationId()).with("batchId", batchId)
                .with("medianPerHour", median).with("floorPerHour", floor).with("measured", perHour.size()).with("policy", policy)
                .with("action", action).with("topUpPerAssignment", funded ? topUp : 0));
        return true;
    }

    /**
     * The requester resumes a paused batch by paying the top-up: from then on it works like a topped-up
     * batch. Refused, with nothing changed, when the organisation's balance cannot fund it.
     */
    @Transactional
    public void resume(long batchId, long requesterId) {
        if (batches.lockState(batchId) != Batch.State.PAUSED) {
            throw DomainException.conflict("Batch " + batchId + " is not paused").code("problem.batch.notPaused");
        }
        BatchRecord batch = batches.find(batchId).orElseThrow();
        long topUp = topUp(batch.reward(), batch.lowPay().median(), batch.lowPay().floor());
        if (!fund(batch, topUp, requesterId)) {
            long needed = Math.multiplyExact(topUp, toFund(batchId));
            throw DomainException.conflict("The top-up needs " + Money.euros(needed) + " on your organisation's balance")
                    .code("problem.batch.topUpFunds", Money.euros(needed).decimal());
        }
        jdbc.sql("UPDATE batch SET state = 'PUBLISHED', low_pay_action = 'TOP_UP' WHERE id = ?").param(batchId).update();
        trail.record(TrailEntry.of("BATCH_RESUMED_WITH_TOP_UP").by(requesterId).organisation(batch.organisationId())
                .with("batchId", batchId).with("topUpPerAssignment", topUp));
    }

    /**
     * Pays one assignment's top-up from the batch's escrow, once, with a posting and a decision the worker
     * reads. Called when an assignment of a topped-up batch is paid, and for those paid before the finding.
     */
    @Transactional
    public void payTopUp(long assignmentId) {
        record Row(long worker, long batch, long task, long reward, long topUp, long median, long floor, int measured) {
        }
        Row a = jdbc.sql("""
                        SELECT a.worker_id, a.batch_id, a.task_id, a.reward, b.top_up, b.low_pay_median, b.low_pay_floor, b.low_pay_measured
                        FROM assignment a JOIN batch b ON b.id = a.batch_id WHERE a.id = ?""")
                .param(assignmentId)
                .query((rs, n) -> new Row(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6),
                        rs.getLong(7), rs.getInt(8)))
                .single();
        if (!work.recordTopUp(assignmentId, a.topUp())) {
            return;
        }
        Money amount = Money.euros(a.topUp());
        // Escrow holds every top-up it was funded for; work paid later through an appeal was not, and is
        // topped up from the guarantee fund instead, like its pay.
        Escrow.Of batch = new Escrow.Of(WorkKind.MICROTASK, a.batch(), jdbc.sql("SELECT organisation_id FROM batch WHERE id = ?")
                .param(a.batch()).query(Long.class).single());
        Escrow.Entry entry = new Escrow.Entry("LOW_PAY_TOP_UP", "Top-up to the pay floor for assignment " + assignmentId, null,
                "top-up:assignment:" + assignmentId);
        if (escrow.held(batch) >= a.topUp()) {
            escrow.pay(batch, a.worker(), a.topUp(), 0, entry);
        } else {
            ledger.post(entry.kind(), entry.description(), null, entry.reference(), List.of(
                    Leg.debit(LedgerAccount.platform(LedgerAccount.Type.GUARANTEE_FUND), amount), Leg.credit(LedgerAccount.worker(a.worker()), amount)));
        }
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("medianPerHour", a.median());
        inputs.put("floorPerHour", a.floor());
        inputs.put("assignmentsMeasured", a.measured());
        inputs.put("reward", a.reward());
        inputs.put("topUp", a.topUp());
        decisions.record(Decisions.Draft.about(a.worker(), MicrotaskDecision.PAY_TOPPED_UP)
                .rule(RULE, RULE_VERSION)
                .work(WorkKind.MICROTASK, a.batch(), a.task(), assignmentId)
                .inputs(inputs)
                .effect(Words.of("decision.effect.toppedUp", Words.money(amount.cents())))
                .reason("Work in this batch took longer than promised: the median pay per active hour was " + Money.euros(a.median())
                        + ", below the floor of " + Money.euros(a.floor()) + ". Your pay for this task is topped up by " + amount + ".")
                .reasonCode("decision.topUp", List.of(Words.money(a.median()), Words.money(a.floor()), Words.money(amount.cents()))));
        trail.record(TrailEntry.of("PAY_TOPPED_UP").aboutWorker(a.worker()).work(WorkKind.MICROTASK, a.task(), assignmentId)
                .with("amount", a.topUp()).with("currency", Money.EUR));
    }

    /** The extra per assignment that lifts the median to the floor: reward x floor / median, rounded up, minus the reward. */
    static long topUp(long reward, long median, long floor) {
        long lifted = Math.floorDiv(Math.multiplyExact(reward, floor) + median - 1, median);
        return Math.max(lifted - reward, 1);
    }

    /** What a batch paid per active hour so far: the median over its submitted assignments (null before any). */
    public record Measured(int assignments, Long medianPerHour) {
    }

    @Transactional(readOnly = true)
    public Measured measured(long batchId) {
        List<Long> perHour = perHour(batchId);
        return new Measured(perHour.size(), perHour.isEmpty() ? null : median(perHour));
    }

    /** Reward per active hour (as the server measured it: see AssignmentStore.activeSeconds) of each submitted assignment, sorted. */
    private List<Long> perHour(long batchId) {
        return jdbc.sql("SELECT reward, accepted_at, submitted_at, active_seconds FROM assignment WHERE batch_id = ? AND submitted_at IS NOT NULL")
                .param(batchId)
                .query((rs, n) -> {
                    long seconds = Math.max(1, AssignmentStore.activeSeconds(rs));
                    return rs.getLong("reward") * 3600 / seconds;
                }).list().stream().sorted().toList();
    }

    static long median(List<Long> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** Moves the top-up for every slot still to pay, and for work already paid, into escrow; pays the latter. */
    private boolean fund(BatchRecord batch, long topUp, Long actorId) {
        long needed = Math.multiplyExact(topUp, toFund(batch.id()));
        LedgerAccount organisation = LedgerAccount.organisation(batch.organisationId());
        if (ledger.lockBalance(organisation) < needed) {
            return false;
        }
        if (needed > 0) {
            escrow.fund(new Escrow.Of(WorkKind.MICROTASK, batch.id(), batch.organisationId()), needed,
                    new Escrow.Entry("LOW_PAY_TOP_UP_FUNDED", "Top-up to the pay floor for batch " + batch.id(), actorId, "top-up:batch:" + batch.id()));
        }
        jdbc.sql("UPDATE batch SET top_up = ? WHERE id = ?").params(topUp, batch.id()).update();
        jdbc.sql("SELECT id FROM assignment WHERE batch_id = ? AND state = 'PAID' AND top_up = 0 ORDER BY id").param(batch.id())
                .query(Long.class).list().forEach(this::payTopUp);
        return true;
    }

    /** Slots a top-up must cover: open ones, work under way or awaiting review, and work paid without one. */
    private long toFund(long batchId) {
        long open = jdbc.sql("SELECT COALESCE(SUM(open_slots), 0) FROM task WHERE batch_id = ?").param(batchId).query(Long.class).single();
        long assignments = jdbc.sql("""
                        SELECT COUNT(*) FROM assignment WHERE batch_id = ?
                        AND (state IN ('STARTED', 'SUBMITTED', 'APPROVED') OR (state = 'PAID' AND top_up = 0))""")
                .param(batchId).query(Long.class).single();
        return open + assignments;
    }
}
