package org.polder.microtask;

import org.polder.common.Words;
import org.polder.work.WorkingTime;
import org.polder.account.WorkerProfile;
import org.polder.account.WorkerProfiles;
import org.polder.oversight.Blocks;
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
import org.polder.microtask.internal.MicrotaskTime;
import org.polder.microtask.internal.Slots;
import org.polder.microtask.internal.TaskRenderer;
import org.polder.ledger.Money;
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
import java.util.Set;
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
    private final Blocks blocks;
    private final WorkerProfiles profiles;
    private final org.polder.account.PlayAccounts play;
    private final MicrotaskTime time;

    Claiming(TakingWork takingWork, Assignments work, JdbcClient jdbc, Clock clock, BatchStore batches, AssignmentStore assignments, Slots slots, Trail trail, Decisions decisions,
             @Value("${polder.microtask.max-active-per-worker:10}") int maxActivePerWorker,
             @Value("${polder.microtask.gold-jitter:true}") boolean goldJitter, MicrotaskTime time, Blocks blocks, WorkerProfiles profiles,
            org.polder.account.PlayAccounts play) {
        this.time = time;
        this.profiles = profiles;
        this.play = play;
        this.blocks = blocks;
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
        return claimTasks(user, batchId, 1).stream().findFirst().map(WorkerAssignment::id);
    }

    /**
     * Claims up to {@code count} tasks of one batch (or of the first batch with work for this worker)
     * in one transaction: a task suite. Each is its own assignment, with its own deadline, pay, review
     * and trail event. Fewer come when fewer are left, or when the worker's active-task limit leaves
     * room for fewer; none when nothing is left for them. The answers are built here, inside the
     * transaction, from what it has just read and written.
     */
    @Transactional
    @Automated({"microtask.claim-order", "microtask.gold-schedule"})
    public List<WorkerAssignment> claimTasks(CurrentUser user, Long batchId, int count) {
        return claim(user, batchId, count, false);
    }

    /**
     * The task page's claim: the task to show and up to {@code ahead} more of the batch, held so that the next
     * one is there when this one is handed in. Only as many as the worker can do at the batch's expected pace
     * within half the time allotted to each, so that tasks held ahead do not run out while they wait.
     */
    @Transactional
    @Automated({"microtask.claim-order", "microtask.gold-schedule"})
    public List<WorkerAssignment> claimWithAhead(CurrentUser user, long batchId, int ahead) {
        return claim(user, batchId, Math.min(1 + ahead, maxActivePerWorker), true);
    }

    private List<WorkerAssignment> claim(CurrentUser user, Long batchId, int count, boolean paced) {
        long worker = user.require(Role.WORKER).id();
        if (count < 1 || count > maxActivePerWorker) {
            throw DomainException.invalid("count: between 1 and " + maxActivePerWorker + " tasks at once, not " + count)
                    .code("problem.claim.count", maxActivePerWorker, count);
        }
        Instant now = clock.instant();
        List<BatchRecord> candidates;
        long active;
        if (batchId != null) {
            // The batch and what this worker may do in it, in one statement: claims are the busiest path.
            record Checked(BatchRecord batch, long active, boolean blocked, boolean qualified) {
            }
            Checked s = jdbc.sql("""
                            SELECT b.*,
                                   (SELECT COUNT(*) FROM assignment WHERE worker_id = ? AND kind = 'MICROTASK' AND state = 'STARTED' AND deadline > ?) AS active_now,
                                   (SELECT COUNT(*) FROM batch_block x WHERE x.batch_id = b.id AND x.worker_id = ?) AS blocks,
                                   CASE WHEN""" + MEETS_REQUIREMENTS + """
                                   THEN 1 ELSE 0 END AS qualified
                            FROM batch b WHERE b.id = ?""")
                    .params(worker, Sql.ts(now), worker, worker, batchId)
                    .query((rs, n) -> new Checked(batches.map(rs, n), rs.getLong("active_now"), rs.getLong("blocks") > 0,
                            rs.getInt("qualified") == 1))
                    .optional().filter(c -> c.batch().state() != Batch.State.DRAFT)
                    .orElseThrow(() -> new NotFoundException("Batch", batchId));
            BatchRecord batch = s.batch();
            if (paced) {
                count = Math.max(1, Math.min(count, batch.allottedSeconds() / (2 * Math.max(1, batch.expectedSeconds()))));
            }
            active = s.active();
            checkActive(active);
            int seconds = batch.expectedSeconds() * room(active, count);
            takingWork.check(worker, new WorkingTime.Candidate(WorkKind.MICROTASK, now, now.plusSeconds(seconds), seconds)
                    .forOrganisation(batch.organisationId()).targeting(batch.languages(), batch.regions()));
            if (batch.state() != Batch.State.PUBLISHED || !batch.expiresAt().isAfter(now) || s.blocked()) {
                return List.of();
            }
            if (!s.qualified()) {
                throw DomainException.forbidden("Batch " + batchId + " asks for qualifications you do not hold (yet)")
                        .code("problem.claim.notQualified");
            }
            candidates = List.of(batch);
        } else {
            active = jdbc.sql("SELECT COUNT(*) FROM assignment WHERE worker_id = ? AND kind = 'MICROTASK' AND state = 'STARTED' AND deadline > ?")
                    .params(worker, Sql.ts(now)).query(Long.class).single();
            checkActive(active);
            takingWork.check(worker, WorkingTime.Candidate.startingAt(WorkKind.MICROTASK, now));
            candidates = jdbc.sql("""
                            SELECT b.* FROM batch b WHERE state = 'PUBLISHED' AND expires_at > ?
                              AND NOT EXISTS (SELECT 1 FROM batch_block x WHERE x.batch_id = b.id AND x.worker_id = ?)
                              AND """ + MEETS_REQUIREMENTS + " AND " + play.workFor(worker, "b.organisation_id") + " " + """
                            ORDER BY published_at, id""")
                    .params(Sql.ts(now), worker, worker).query(batches::map).list();
            Set<Long> blocking = blocks.organisationsBlocking(worker);
            WorkerProfile profile = profiles.of(worker);
            candidates = candidates.stream().filter(b -> !blocking.contains(b.organisationId()) && profile.meets(b.languages(), b.regions())).toList();
        }
        int wanted = room(active, count);
        for (BatchRecord batch : candidates) {
            List<OpenTask> tasks = lockTasks(batch, worker, wanted);
            if (!tasks.isEmpty()) {
                return assign(batch, tasks, worker, now);
            }
        }
        return List.of();
    }

    /** How many of the asked tasks fit under the active-task limit. */
    private int room(long active, int count) {
        return (int) Math.max(1, Math.min(count, maxActivePerWorker - active));
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

    /** A task locked for this claim, with its row (the CSV values the page shows). */
    private record OpenTask(long id, String data) {
    }

    /**
     * Locks up to {@code wanted} open tasks of the batch for this worker: control questions at the
     * batch's rate (see {@link #goldFor}) and regular tasks for the rest. Gold goes out only beside
     * regular work, so nobody is kept busy with control questions alone; a qualification test is all gold.
     */
    private List<OpenTask> lockTasks(BatchRecord batch, long worker, int wanted) {
        if (batch.isQualificationTest()) {
            return lockOpenTasks(batch.id(), worker, true, wanted);
        }
        int gold = batch.hasGold() ? goldFor(worker, batch, wanted) : 0;
        List<OpenTask> tasks = new java.util.ArrayList<>(lockOpenTasks(batch.id(), worker, false, wanted - gold));
        if (gold > 0 && (!tasks.isEmpty() || openTasks(batch.id(), worker, false, 1, false).size() > 0)) {
            tasks.addAll(0, lockOpenTasks(batch.id(), worker, true, gold));
        }
        if (tasks.size() < wanted && gold > 0) {
            // Fewer control questions were left than due: regular work fills the suite.
            tasks.addAll(lockOpenTasks(batch.id(), worker, false, wanted - tasks.size(), tasks));
        }
        return tasks;
    }

    private List<OpenTask> lockOpenTasks(long batchId, long worker, boolean gold, int wanted) {
        return lockOpenTasks(batchId, worker, gold, wanted, List.of());
    }

    /**
     * Locks open tasks for this worker. When every task left is locked by other claims at this instant
     * (or, on H2, when the first ones are: it applies the limit before skipping locked rows), tries again
     * for a moment rather than telling the worker that nothing is left while work remains.
     */
    private List<OpenTask> lockOpenTasks(long batchId, long worker, boolean gold, int wanted, List<OpenTask> already) {
        if (wanted <= 0) {
            return List.of();
        }
        for (int attempt = 0; attempt < LOCK_ATTEMPTS; attempt++) {
            List<OpenTask> tasks = openTasks(batchId, worker, gold, wanted + already.size(), true).stream()
                    .filter(t -> already.stream().noneMatch(a -> a.id() == t.id())).limit(wanted).toList();
            if (!tasks.isEmpty() || openTasks(batchId, worker, gold, already.size() + 1, false).size() <= already.size()) {
                return tasks;
            }
            Thread.onSpinWait();
            if (attempt > 10) {
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return List.of();
                }
            }
        }
        return List.of();
    }

    private static final int LOCK_ATTEMPTS = 500;

    /**
     * The first open tasks of the batch this worker has not had, gold or regular; with {@code lock}
     * they are locked ({@code FOR UPDATE SKIP LOCKED}) so that no other claim can take the same slot.
     *
     * <p>"Not had" is a scalar subquery on the (task, worker) key rather than {@code NOT EXISTS}: PostgreSQL
     * turns {@code NOT EXISTS} into an anti join that reads all of the worker's assignments and walks the
     * batch's taken tasks (35 ms for a worker with 2,400 tasks in a batch of 400,000), where the subquery
     * is probed for the few open tasks the index yields (0.5 ms).
     */
    private List<OpenTask> openTasks(long batchId, long worker, boolean gold, int limit, boolean lock) {
        return jdbc.sql("""
                        SELECT t.id, t.data FROM task t
                        WHERE t.batch_id = ? AND t.open_slots > 0 AND t.is_gold = ?
                          AND (SELECT a.id FROM assignment a WHERE a.task_id = t.id AND a.worker_id = ?) IS NULL
                        ORDER BY t.id LIMIT ?""" + (lock ? " FOR UPDATE SKIP LOCKED" : ""))
                .params(batchId, gold, worker, limit).query((rs, n) -> new OpenTask(rs.getLong(1), rs.getString(2))).list();
    }

    /**
     * How many of the next {@code wanted} tasks should be gold questions. They are mixed in at the
     * batch's rate, at places a worker cannot predict (see {@link GoldSchedule}); each place of a suite
     * is decided as if its tasks came one by one.
     */
    private int goldFor(long worker, BatchRecord batch, int wanted) {
        record Counts(long total, long gold) {
        }
        Counts c = jdbc.sql("""
                        SELECT COUNT(*) AS total, COUNT(*) FILTER (WHERE t.is_gold) AS gold
                        FROM assignment a JOIN task t ON t.id = a.task_id WHERE a.worker_id = ? AND a.batch_id = ?""")
                .params(worker, batch.id()).query((rs, n) -> new Counts(rs.getLong("total"), rs.getLong("gold"))).single();
        int gold = 0;
        for (int i = 0; i < wanted; i++) {
            if (GoldSchedule.due(c.gold() + gold, c.total() + i, batch.goldPercent(), goldCoin)) {
                gold++;
            }
        }
        return gold;
    }

    private List<WorkerAssignment> assign(BatchRecord batch, List<OpenTask> tasks, long worker, Instant now) {
        List<Long> taskIds = tasks.stream().map(OpenTask::id).toList();
        if (work.takeSlots(taskIds) != taskIds.size()) {
            throw new IllegalStateException("Tasks " + taskIds + " were locked with an open slot, yet not all have one");
        }
        Instant deadline = now.plusSeconds(batch.allottedSeconds());
        List<WorkerAssignment> claimed = new java.util.ArrayList<>();
        List<TrailEntry> events = new java.util.ArrayList<>();
        List<Long> ids = work.takeAll(tasks.stream().map(task -> new Assignments.Take(WorkKind.MICROTASK, task.id(), batch.id(), worker,
                AssignmentState.STARTED, batch.reward(), batch.fee(), batch.currency(), now, deadline)).toList());
        for (int i = 0; i < tasks.size(); i++) {
            OpenTask task = tasks.get(i);
            long id = ids.get(i);
            events.add(TrailEntry.of("ASSIGNMENT_CLAIMED").aboutWorker(worker).by(worker).organisation(batch.organisationId())
                    .work(WorkKind.MICROTASK, task.id(), id).with("batchId", batch.id()).with("reward", batch.reward())
                    .with("deadline", deadline.toString()));
            claimed.add(new WorkerAssignment(id, task.id(), batch.id(), batch.name(), worker, AssignmentState.STARTED,
                    Money.euros(batch.reward()), now, deadline, null, null, null, null, null,
                    TaskRenderer.render(batch.template(), batches.row(task.data())), null));
        }
        trail.recordAll(events);
        return claimed;
    }

    /** The worker gives a task back unfinished; the slot goes back on offer (to other workers). */
    @Transactional
    public void release(CurrentUser user, long assignmentId) {
        long worker = user.require(Role.WORKER).id();
        AssignmentRecord a = assignments.ofWorker(assignmentId, worker);
        BatchRecord batch = batches.find(a.batchId()).orElseThrow();
        Instant now = clock.instant();
        if (!work.move(assignmentId).from(AssignmentState.STARTED).to(AssignmentState.RELEASED, now).apply()) {
            throw DomainException.conflict("Assignment " + assignmentId + " is " + a.state() + "; only work in progress can be released")
                    .code("problem.assignment.notInProgress");
        }
        time.ended(worker, a.acceptedAt(), now, Math.max(0, now.getEpochSecond() - a.acceptedAt().getEpochSecond()));
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
        time.ended(a.workerId(), a.acceptedAt(), now, Math.max(0, now.getEpochSecond() - a.acceptedAt().getEpochSecond()));
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
