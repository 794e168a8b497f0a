package org.polder.microtask;

import org.polder.work.Assignments;
import org.polder.account.CurrentUser;
import org.polder.account.Role;
import org.polder.common.DomainException;
import org.polder.common.NotFoundException;
import org.polder.common.Sql;
import org.polder.ledger.Money;
import org.polder.microtask.internal.TaskRenderer;
import org.polder.microtask.internal.AnswerRules;
import org.polder.microtask.internal.AssignmentRecord;
import org.polder.microtask.internal.AssignmentStore;
import org.polder.microtask.internal.BatchRecord;
import org.polder.microtask.internal.BatchStore;
import org.polder.microtask.internal.DynamicOverlap;
import org.polder.microtask.internal.GoldColumns;
import org.polder.microtask.internal.MicrotaskTime;
import org.polder.microtask.internal.QualityRules;
import org.polder.trail.Trail;
import org.polder.trail.TrailEntry;
import org.polder.work.AssignmentState;
import org.polder.work.WorkKind;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A worker hands in answers: checked against the template, refused after the deadline. */
@Service
public class Submissions {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;
    private final AssignmentStore assignments;
    private final BatchStore batches;
    private final Trail trail;
    private final QualityRules qualityRules;
    private final DynamicOverlap overlap;
    private final Assignments work;

    private final org.polder.microtask.internal.BatchNotices notices;
    private final MicrotaskTime time;
    private final AnswerFiles files;

    Submissions(Assignments work, JdbcClient jdbc, JsonMapper json, Clock clock, AssignmentStore assignments, BatchStore batches, Trail trail,
                QualityRules qualityRules, DynamicOverlap overlap, org.polder.microtask.internal.BatchNotices notices, MicrotaskTime time,
                AnswerFiles files) {
        this.files = files;
        this.notices = notices;
        this.time = time;
        this.work = work;
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.assignments = assignments;
        this.batches = batches;
        this.trail = trail;
        this.qualityRules = qualityRules;
        this.overlap = overlap;
    }

    /**
     * Hands in a worker's answers before the deadline.
     *
     * @return whether the task was a control question (so that the page shows its answer), known only once answered
     */
    @Transactional
    public boolean submit(CurrentUser user, long assignmentId, Map<String, Object> answers) {
        return handIn(user, java.util.Collections.singletonMap(assignmentId, answers)).get(0).gold() != null;
    }

    /**
     * Hands in the answers to several tasks together (a task suite), all or none: when one is refused
     * nothing is stored, and the message names the assignment. Each is still its own assignment, with its
     * own review, pay and trail event. Returns them as the worker now sees them, in the order given.
     */
    @Transactional
    public List<WorkerAssignment> handIn(CurrentUser user, Map<Long, Map<String, Object>> answersById) {
        long worker = user.require(Role.WORKER).id();
        if (answersById.isEmpty()) {
            throw DomainException.invalid("answers: no assignment to hand in").code("problem.submit.none");
        }
        Instant now = clock.instant();
        Map<Long, Held> held = held(worker, answersById.keySet());
        Map<Long, BatchRecord> batchesById = new HashMap<>();
        // The time since the worker's last hand-in is shared among the tasks handed in now that it covers.
        Map<Instant, Integer> sharing = new HashMap<>();
        for (Held h : held.values()) {
            sharing.merge(h.activeFrom(), 1, Integer::sum);
        }
        Map<Instant, Integer> shared = new HashMap<>();
        List<WorkerAssignment> done = new ArrayList<>();
        List<TrailEntry> events = new ArrayList<>();
        Map<Instant, Long> secondsByClaim = new java.util.TreeMap<>();
        List<Runnable> after = new ArrayList<>();
        List<Assignments.Move> moves = new ArrayList<>();
        for (Map.Entry<Long, Map<String, Object>> given : answersById.entrySet()) {
            long assignmentId = given.getKey();
            Held h = held.get(assignmentId);
            if (h == null) {
                throw new NotFoundException("Assignment", assignmentId);
            }
            AssignmentRecord a = h.assignment();
            if (a.state() != AssignmentState.STARTED) {
                throw DomainException.conflict("Assignment " + assignmentId + " is " + a.state() + "; only work in progress can be submitted")
                        .code("problem.assignment.notInProgress");
            }
            if (now.isAfter(a.deadline())) {
                throw new DomainException(HttpStatus.CONFLICT, "Deadline passed",
                        "The deadline of assignment " + assignmentId + " was " + a.deadline() + "; late submissions are refused")
                        .code("problem.assignment.late");
            }
            BatchRecord batch = batchesById.computeIfAbsent(a.batchId(), id -> batches.find(id).orElseThrow());
            Map<String, Object> clean = checked(batch, assignmentId, files.resolve(assignmentId, batch.template().fields(), given.getValue()),
                    answersById.size() > 1);
            String answersJson = json.writeValueAsString(clean);
            Instant autoApproveAt = now.plusSeconds(batch.reviewWindowSeconds());
            Boolean goldCorrect = h.gold() == null ? null : GoldColumns.correct(h.gold().expected(), clean);
            long activeSeconds = share(Math.max(0, java.time.Duration.between(h.activeFrom(), now).toSeconds()),
                    sharing.get(h.activeFrom()), shared.merge(h.activeFrom(), 1, Integer::sum) - 1);
            moves.add(work.move(assignmentId).from(AssignmentState.STARTED).to(AssignmentState.SUBMITTED, now)
                    .answers(answersJson, autoApproveAt, goldCorrect).activeSeconds(activeSeconds).beforeDeadline(now));
            secondsByClaim.merge(a.acceptedAt(), activeSeconds, Long::sum);
            events.add(TrailEntry.of("ASSIGNMENT_SUBMITTED").aboutWorker(worker).by(worker).organisation(batch.organisationId())
                    .work(WorkKind.MICROTASK, a.taskId(), assignmentId).with("answers", clean)
                    .with("activeSeconds", activeSeconds)
                    .with("autoApproveAt", autoApproveAt.toString())
                    .with("goldCorrect", goldCorrect));
            if (goldCorrect != null) {
                after.add(() -> qualityRules.afterGoldAnswer(batch, worker, a.taskId(), assignmentId));
            } else {
                after.add(() -> overlap.afterSubmission(batch, a.taskId()));
            }
            done.add(new WorkerAssignment(assignmentId, a.taskId(), a.batchId(), batch.name(), worker, AssignmentState.SUBMITTED,
                    Money.euros(a.reward()), a.acceptedAt(), a.deadline(), now, autoApproveAt, null, null, clean,
                    TaskRenderer.render(batch.template(), batches.row(h.taskData())),
                    goldCorrect == null ? null : new WorkerAssignment.Gold(goldCorrect, h.gold().expected(), h.gold().hint())));
        }
        // Every move in one round trip; if one did not apply, nothing of this hand-in stays.
        boolean[] moved = work.applyAll(moves);
        for (int i = 0; i < moved.length; i++) {
            if (!moved[i]) {
                throw DomainException.conflict("Assignment " + done.get(i).id() + " changed while submitting; it is no longer in progress");
            }
        }
        trail.recordAll(events);
        // Working time: tasks claimed together (one claim time) are counted in one step.
        secondsByClaim.forEach((claimedAt, seconds) -> time.ended(worker, claimedAt, now, seconds));
        after.forEach(Runnable::run);
        batchesById.values().forEach(notices::afterSubmission);
        return done;
    }

    /** The {@code index}-th of {@code ways} equal shares of {@code seconds}, the remainder going to the first: the shares add up. */
    static long share(long seconds, int ways, int index) {
        return seconds / ways + (index < seconds % ways ? 1 : 0);
    }

    /** The answers checked against the template; in a suite, a refusal names the assignment too. */
    private static Map<String, Object> checked(BatchRecord batch, long assignmentId, Map<String, Object> answers, boolean suite) {
        try {
            return AnswerRules.check(batch.template().fields(), answers);
        } catch (DomainException e) {
            if (!suite) {
                throw e;
            }
            Map<String, Object> where = new HashMap<>(e.properties());
            where.put("assignmentId", assignmentId);
            throw new DomainException(e.status(), e.title(), "assignment " + assignmentId + ", " + e.getMessage(), where)
                    .code(e.code(), e.args());
        }
    }

    /**
     * An assignment of the worker with its task's row and, for a control question, the known answer; and
     * from when its time counts: its claim, or the worker's last hand-in after it.
     */
    private record Held(AssignmentRecord assignment, String taskData, BatchStore.GoldAnswer gold, Instant activeFrom) {
    }

    /** The worker's own assignments among these ids, each with its task, in one statement; others' are left out. */
    private Map<Long, Held> held(long worker, java.util.Set<Long> ids) {
        String places = String.join(", ", java.util.Collections.nCopies(ids.size(), "?"));
        List<Object> params = new ArrayList<>();
        params.add(worker);
        params.addAll(ids);
        params.add(worker);
        Map<Long, Held> held = new HashMap<>();
        jdbc.sql("""
                        SELECT a.*, t.data AS task_data, t.is_gold AS task_is_gold, t.gold AS task_gold, t.gold_hint AS task_gold_hint,
                               (SELECT MAX(p.submitted_at) FROM assignment p WHERE p.worker_id = ? AND p.kind = 'MICROTASK') AS last_hand_in
                        FROM assignment a JOIN task t ON t.id = a.task_id
                        WHERE a.id IN (""" + places + ") AND a.worker_id = ? AND a.kind = 'MICROTASK'")
                .params(params)
                .query((rs, n) -> {
                    AssignmentRecord a = AssignmentStore.map(rs, n);
                    BatchStore.GoldAnswer gold = rs.getBoolean("task_is_gold")
                            ? batches.gold(rs.getString("task_gold"), rs.getString("task_gold_hint")) : null;
                    Instant lastHandIn = Sql.instant(rs, "last_hand_in");
                    Instant from = lastHandIn != null && lastHandIn.isAfter(a.acceptedAt()) ? lastHandIn : a.acceptedAt();
                    return new Held(a, rs.getString("task_data"), gold, from);
                })
                .list().forEach(h -> held.put(h.assignment().id(), h));
        return held;
    }
}
