package org.polder.microtask;

import org.polder.account.CurrentUser;
import org.polder.account.Role;
import org.polder.common.Page;
import org.polder.common.Sql;
import org.polder.ledger.Money;
import org.polder.microtask.internal.AssignmentRecord;
import org.polder.microtask.internal.AssignmentStore;
import org.polder.microtask.internal.BatchRecord;
import org.polder.microtask.internal.BatchStore;
import org.polder.microtask.internal.TaskRenderer;
import org.polder.work.AssignmentState;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/** Assignments as workers and requesters read them, each seeing only what is theirs. */
@Service
public class AssignmentViews {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final AssignmentStore assignments;
    private final BatchStore batches;
    private final Clock clock;

    AssignmentViews(JdbcClient jdbc, JsonMapper json, AssignmentStore assignments, BatchStore batches, Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.json = json;
        this.assignments = assignments;
        this.batches = batches;
    }

    @Transactional(readOnly = true)
    public WorkerAssignment forWorker(CurrentUser user, long id) {
        return view(assignments.ofWorker(id, user.require(Role.WORKER).id()));
    }

    @Transactional(readOnly = true)
    public WorkerAssignment forRequester(CurrentUser user, long id) {
        return view(assignments.ofOrganisation(id, user.organisation()));
    }

    /** A worker's own assignment, or one on a requester's organisation's batches; 404 for anything else. */
    @Transactional(readOnly = true)
    public WorkerAssignment forAnyone(CurrentUser user, long id) {
        if (user.has(Role.WORKER)) {
            var own = assignments.find(id).filter(a -> a.workerId() == user.id());
            if (own.isPresent()) {
                return view(own.get());
            }
        }
        if (user.has(Role.REQUESTER)) {
            return forRequester(user, id);
        }
        throw new org.polder.common.NotFoundException("Assignment", id);
    }

    /** The worker's tasks of a batch still in progress (deadline not passed), oldest first: the ones claimed ahead. */
    @Transactional(readOnly = true)
    public List<Long> heldIn(CurrentUser user, long batchId) {
        return jdbc.sql("SELECT id FROM assignment WHERE worker_id = ? AND batch_id = ? AND state = 'STARTED' AND deadline > ? ORDER BY id")
                .params(user.require(Role.WORKER).id(), batchId, Sql.ts(clock.instant())).query(Long.class).list();
    }

    /** The worker's own assignments, newest first, optionally of one state. */
    @Transactional(readOnly = true)
    public Page<WorkerAssignment> mine(CurrentUser user, AssignmentState state, int page, int size) {
        Page.check(page, size);
        long worker = user.require(Role.WORKER).id();
        String filter = state == null ? "" : " AND state = ?";
        Object[] params = state == null ? new Object[]{worker} : new Object[]{worker, state.name()};
        List<AssignmentRecord> rows = jdbc.sql("SELECT * FROM assignment WHERE worker_id = ? AND kind = 'MICROTASK'" + filter + " ORDER BY id DESC LIMIT "
                        + size + " OFFSET " + (long) page * size)
                .params(params).query(AssignmentStore::map).list();
        long total = jdbc.sql("SELECT COUNT(*) FROM assignment WHERE worker_id = ? AND kind = 'MICROTASK'" + filter).params(params).query(Long.class).single();
        return new Page<>(rows.stream().map(this::view).toList(), page, size, total);
    }

    /** A batch's assignments for its requester, oldest first (the review queue with state SUBMITTED). */
    @Transactional(readOnly = true)
    public Page<WorkerAssignment> ofBatch(CurrentUser user, long batchId, AssignmentState state, int page, int size) {
        Page.check(page, size);
        batches.ofOrganisation(batchId, user.organisation());
        String filter = state == null ? "" : " AND state = ?";
        Object[] params = state == null ? new Object[]{batchId} : new Object[]{batchId, state.name()};
        List<AssignmentRecord> rows = jdbc.sql("SELECT * FROM assignment WHERE batch_id = ?" + filter + " ORDER BY id LIMIT "
                        + size + " OFFSET " + (long) page * size)
                .params(params).query(AssignmentStore::map).list();
        long total = jdbc.sql("SELECT COUNT(*) FROM assignment WHERE batch_id = ?" + filter).params(params).query(Long.class).single();
        return new Page<>(rows.stream().map(this::view).toList(), page, size, total);
    }

    private WorkerAssignment view(AssignmentRecord a) {
        BatchRecord batch = batches.find(a.batchId()).orElseThrow();
        RenderedTask task = TaskRenderer.render(batch.template(), batches.taskRow(a.taskId()));
        Map<String, Object> answers = a.answers() == null ? null
                : json.readValue(a.answers(), new TypeReference<Map<String, Object>>() {
        });
        WorkerAssignment.Gold gold = a.goldCorrect() == null ? null : batches.gold(a.taskId())
                .map(g -> new WorkerAssignment.Gold(a.goldCorrect(), g.expected(), g.hint())).orElse(null);
        return new WorkerAssignment(a.id(), a.taskId(), a.batchId(), batch.name(), a.workerId(), a.state(), Money.euros(a.reward()),
                a.acceptedAt(), a.deadline(), a.submittedAt(), a.autoApproveAt(), a.reviewedAt(), a.rejectReason(), answers, task, gold);
    }
}
