package org.polder.microtask;

import org.polder.common.Words;
import org.polder.work.WorkingTime;
import org.polder.work.TakingWork;
import org.polder.work.AssignmentState;
import org.polder.work.Assignments;
import org.polder.account.CurrentUser;
import org.polder.account.Role;
import org.polder.common.Automated;
import org.polder.common.DomainException;
import org.polder.common.NotFoundException;
import org.polder.common.Sql;
import org.polder.microtask.internal.AssignmentRecord;
import org.polder.microtask.internal.AssignmentStore;
import org.polder.microtask.internal.BatchRecord;
import org.polder.microtask.internal.BatchStore;
import org.polder.microtask.internal.GoldSchedule;
import org.polder.microtask.internal.Slots;
import org.polder.oversight.Decisions;
import org.polder.trail.Trail;
import org.polder.trail.TrailEntry;
import org.polder.work.WorkKind;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Handing out work: a worker claims the next task of a batch (or of any batch), never the same task
 * twice, never more assignments per task than asked; giving it back or letting it expire puts the
 * slot back on offer.
 *
 * <p>Claiming locks one task row with {@code FOR UPDATE SKIP LOCKED}, so concurrent claims spread
 * over different tasks instead of queueing, and decrements its open slots in the same transaction.
 * The unique (task, worker) constraint is the last line of defence against a double hand-out.
 */
@Service
public class Claiming {

    /** SQL: batch {@code b} requires nothing the worker (the parameter) lacks. */
    static final String MEETS_REQUIREMENTS = " NOT EXISTS (SELECT 1 FROM batch_requirement r WHERE r.batch_id = b.id AND NOT EXISTS ("
            + " SELECT 1 FROM worker_qualification wq WHERE wq.qualification_id = r.qualification_id AND wq.worker_id = ?"
            + " AND wq.score >= r.min_score)) ";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final BatchStore batches;
    private final AssignmentStore assignments;
    private final Slots slots;
    private final Trail trail;
    private final Decisions decisions;
    private final int maxActivePerWorker;
    private final DoubleSupplier goldCoin;
    private final Assignments work;
    private final TakingWork takingWork;

    Claiming(TakingWork takingWork, Assignments work, JdbcClient jdbc, Clock clock, BatchStore batches, AssignmentStore assignments, Slots slots, Trail trail, Decisions decisions,
             @Value("${polder.microtask.max-active-per-worker:10}") int maxActivePerWorker,
             @Value("${polder.microtask.gold-jitter:true}") boolean goldJitter) {
        this.takingWork = takingWork;
        this.work = work;
        this.jdbc = jdbc;
        this.clock = clock;
        this.batches = batches;
        this.assignments = assignments;
        this.slots = slots;
        this.trail = trail;
        this.decisions = decisions;
        this.maxActivePerWorker = maxActivePerWorker;
        this.goldCoin = goldJitter ? () -> ThreadLocalRandom.current().nextDouble() : () -> 0.0;
    }

    /** The id of a new assignment for the worker, or empty when there is nothing left for them. */
    @Transactional
    @Automated({"microtask.claim-order", "microtask.gold-schedule"})
    public Optional<Long> claim(CurrentUser user, Long batchId) {
        long worker = user.require(Role.WORKER).id();
        Instant now = clock.instant();
        List<Long> candidates;
        BatchRecord asked = null;
        if (batchId != null) {
            BatchRecord batch = batches.find(batchId)
                    .filter(b -> b.state() != Batch.State.DRAFT)
                    .orElseThrow(() -> new NotFoundException("Batch", batchId));
            // What this worker may do in this batch, in one statement: claims are the busiest path.
            record Checks(long active, boolean blocked, boolean qualified) {
            }
            Checks s = jdbc.sql("""
                            SELECT (SELECT COUNT(*) FROM assignment WHERE worker_id = ? AND kind = 'MICROTASK' AND state = 'STARTED' AND deadline > ?) AS active,
                                   (SELECT COUNT(*) FROM batch_block x WHERE x.batch_id = b.id AND x.worker_id = ?) AS blocks,
                                   CASE WHEN""" + MEETS_REQUIREMENTS + """
                                   THEN 1 ELSE 0 END AS qualified
                            FROM batch b WHERE b.id = ?""")
                    .params(worker, Sql.ts(now), worker, worker, batchId)
                    .query((rs, n) -> new Checks(rs.getLong("active"), rs.getLong("blocks") > 0, rs.getInt("qualified") == 1)).single();
            checkActive(s.active());
            takingWork.check(worker, new WorkingTime.Candidate(WorkKind.MICROTASK, now, now.plusSeconds(batch.expectedSeconds()),
                    batch.expectedSeconds()));
            if (batch.state() != Batch.State.PUBLISHED || !batch.expiresAt().isAfter(now) || s.blocked()) {
                return Optional.empty();
            }
            if (!s.qualified()) {
                throw DomainException.forbidden("Batch " + batchId + " asks for qualifications you do not hold (yet)")
                        .code("problem.claim.notQualified");
            }
            candidates = List.of(batchId);
            asked = batch;
        } else {
            checkActive(jdbc.sql("SELECT COUNT(*) FROM assignment WHERE worker_id = ? AND kind = 'MICROTASK' AND state = 'STARTED' AND deadline > ?")
                    .params(worker, Sql.ts(now)).query(Long.class).single());
            takingWork.check(worker, WorkingTime.Candidate.startingAt(WorkKind.MICROTASK, now));
            candidates = jdbc.sql("""
                            SELECT id FROM batch b WHERE state = 'PUBLISHED' AND expires_at > ?
                              AND NOT EXISTS (SELECT 1 FROM batch_block x WHERE x.batch_id = b.id AND x.worker_id = ?)
                              AND """ + MEETS_REQUIREMENTS + """
                            ORDER BY published_at, id""")
                    .params(Sql.ts(now), worker, worker).query(Long.class).list();
        }
        for (long candidate : candidates) {
            BatchRecord batch = asked != null ? asked : batches.find(candidate).orElseThrow();
            Optional<Long> taskId = Optional.empty();
            if (batch.isQualificationTest()) {
                taskId = lockOpenTask(candidate, worker, true);
            } else if (batch.hasGold() && goldDue(worker, batch) && openTask(candidate, worker, false, false).isPresent()) {
                taskId = lockOpenTask(candidate, worker, true);
            }
            if (taskId.isEmpty()) {
                taskId = lockOpenTask(candidate, worker, false);
            }
            if (taskId.isPresent()) {
                return Optional.of(assign(batch, taskId.get(), worker, now));
            }
        }
        return Optional.empty();
    }

    private void checkActive(long active) {
        if (active >= maxActivePerWorker) {
            throw DomainException.conflict("You already have " + active + " tasks in progress; submit or release one first")
                    .code("problem.claim.tooMany", active);
        }
    }

    /** Whether a quality rule has stopped this worker getting tasks of the batch. */
    public boolean blocked(long worker, long batchId) {
        return jdbc.sql("SELECT COUNT(*) FROM batch_block WHERE batch_id = ? AND worker_id = ?").params(batchId, worker)
                .query(Long.class).single() > 0;
    }

    /**
     * Locks an open task for this worker. When every task left is locked by other claims at this instant
     * (or, on H2, when the first one is: it applies the limit before skipping locked rows), tries again
     * for a moment rather than telling the worker that nothing is left while work remains.
     */
    private Optional<Long> lockOpenTask(long batchId, long worker, boolean gold) {
        for (int attempt = 0; attempt < LOCK_ATTEMPTS; attempt++) {
            Optional<Long> task = openTask(batchId, worker, gold, true);
            if (task.isPresent() || openTask(batchId, worker, gold, false).isEmpty()) {
                return task;
            }
            Thread.onSpinWait();
            if (attempt > 10) {
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private static final int LOCK_ATTEMPTS = 500;

    /**
     * The first open task of the batch this worker has not had, gold or regular; with {@code lock}
     * it is locked ({@code FOR UPDATE SKIP LOCKED}) so that no other claim can take the same slot.
     */
    private Optional<Long> openTask(long batchId, long worker, boolean gold, boolean lock) {
        return jdbc.sql("""
                        SELECT t.id FROM task t
                        WHERE t.batch_id = ? AND t.open_slots > 0 AND t.is_gold = ?
                          AND NOT EXISTS (SELECT 1 FROM assignment a WHERE a.task_id = t.id AND a.worker_id = ?)
                        ORDER BY t.id LIMIT 1""" + (lock ? " FOR UPDATE SKIP LOCKED" : ""))
                .params(batchId, gold, worker).query(Long.class).optional();
    }

    /**
     * Gold questions are mixed in at the batch's rate, at places a worker cannot predict (see
     * {@link GoldSchedule}). Gold is only handed out while regular work remains, so nobody is kept
     * busy with control questions alone.
     */
    private boolean goldDue(long worker, BatchRecord batch) {
        record Counts(long total, long gold) {
        }
        Counts c = jdbc.sql("""
                        SELECT COUNT(*) AS total, COUNT(*) FILTER (WHERE t.is_gold) AS gold
                        FROM assignment a JOIN task t ON t.id = a.task_id WHERE a.worker_id = ? AND a.batch_id = ?""")
                .params(worker, batch.id()).query((rs, n) -> new Counts(rs.getLong("total"), rs.getLong("gold"))).single();
        return GoldSchedule.due(c.gold(), c.total(), batch.goldPercent(), goldCoin);
    }

    private long assign(BatchRecord batch, long taskId, long worker, Instant now) {
        if (!work.takeSlot(taskId)) {
            throw new IllegalStateException("Task " + taskId + " was locked with an open slot, yet has none");
        }
        Instant deadline = now.plusSeconds(batch.allottedSeconds());
        long id = work.take(new Assignments.Take(WorkKind.MICROTASK, taskId, batch.id(), worker, AssignmentState.STARTED,
                batch.reward(), batch.fee(), batch.currency(), now, deadline));
        trail.record(TrailEntry.of("ASSIGNMENT_CLAIMED").aboutWorker(worker).by(worker).organisation(batch.organisationId())
                .work(WorkKind.MICROTASK, taskId, id).with("batchId", batch.id()).with("reward", batch.reward())
                .with("deadline", deadline.toString()));
        return id;
    }

    /** The worker gives a task back unfinished; the slot goes back on offer (to other workers). */
    @Transactional
    public void release(CurrentUser user, long assignmentId) {
        long worker = user.require(Role.WORKER).id();
        AssignmentRecord a = assignments.ofWorker(assignmentId, worker);
        BatchRecord batch = batches.find(a.batchId()).orElseThrow();
        if (!work.move(assignmentId).from(AssignmentState.STARTED).to(AssignmentState.RELEASED, clock.instant()).apply()) {
            throw DomainException.conflict("Assignment " + assignmentId + " is " + a.state() + "; only work in progress can be released")
                    .code("problem.assignment.notInProgress");
        }
        slots.giveBack(batch, a.taskId(), worker);
        trail.record(TrailEntry.of("ASSIGNMENT_RELEASED").aboutWorker(worker).by(worker).organisation(batch.organisationId())
                .work(WorkKind.MICROTASK, a.taskId(), assignmentId));
    }

    /**
     * Ends one assignment whose deadline has passed. Safe with several application nodes: only the
     * node whose conditional update wins gives the slot back.
     *
     * @return whether this call expired it
     */
    @Transactional
    public boolean expire(long assignmentId) {
        Instant now = clock.instant();
        AssignmentRecord a = assignments.find(assignmentId).orElseThrow();
        BatchRecord batch = batches.find(a.batchId()).orElseThrow();
        if (!work.move(assignmentId).from(AssignmentState.STARTED).to(AssignmentState.EXPIRED, now).afterDeadline(now).apply()) {
            return false;
        }
        slots.giveBack(batch, a.taskId(), null);
        decisions.record(Decisions.Draft.about(a.workerId(), MicrotaskDecision.ASSIGNMENT_EXPIRED)
                .rule("microtask.assignment-expiry", 1)
                .work(WorkKind.MICROTASK, batch.id(), a.taskId(), assignmentId)
                .inputs(java.util.Map.of("claimedAt", a.acceptedAt().toString(), "deadline", a.deadline().toString()))
                .effect(Words.of("decision.effect.expired"))
                .reason("The allotted time ran out before you submitted, so the task went back on offer. "
                + "This is not held against you.")
                .reasonCode("decision.expired", List.of()));
        trail.record(TrailEntry.of("ASSIGNMENT_EXPIRED").aboutWorker(a.workerId()).organisation(batch.organisationId())
                .work(WorkKind.MICROTASK, a.taskId(), assignmentId).with("deadline", a.deadline().toString())
                .with("reason", "The allotted time ran out before the work was submitted"));
        return true;
    }

    /** Assignments past their deadline, oldest first, for the expiry job. */
    @Transactional(readOnly = true)
    public List<Long> overdue(int limit) {
        return jdbc.sql("SELECT id FROM assignment WHERE kind = 'MICROTASK' AND state = 'STARTED' AND deadline <= ? ORDER BY deadline LIMIT ?")
                .params(Sql.ts(clock.instant()), limit).query(Long.class).list();
    }
}
