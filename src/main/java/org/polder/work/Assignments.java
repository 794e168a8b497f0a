package org.polder.work;

import org.polder.common.Sql;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The only code that writes tasks and assignments, for every kind of work: it opens tasks, hands out and
 * gives back their slots, creates the assignment when work is taken and moves it from state to state,
 * each move checked against {@link AssignmentState}'s table. The kinds decide when; this decides how, so
 * the lifecycle is the same for all of them. Every method joins the caller's transaction, in which the
 * kind also writes its trail event.
 */
@Service
public class Assignments {

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    Assignments(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    // ---- tasks and their slots

    /** A task of a shift or an errand: {@code slots} places, all open. */
    @Transactional(propagation = Propagation.MANDATORY)
    public long openTask(WorkKind kind, int slots) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO task (kind, batch_id, row_no, data, slots, open_slots) VALUES (?, NULL, 0, '{}', ?, ?)")
                .params(kind.name(), slots, slots).update(key, "id");
        return key.getKey().longValue();
    }

    /** One row of a microtask batch: its data as JSON, its places, and for a gold question the known answer and hint. */
    public record BatchTask(int rowNo, String data, int slots, int openSlots, boolean gold, String goldAnswer, String goldHint) {
    }

    /** The tasks of a microtask batch, written in one round trip. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void openBatchTasks(long batchId, List<BatchTask> tasks) {
        if (tasks.isEmpty()) {
            return;
        }
        List<Object[]> rows = new ArrayList<>(tasks.size());
        for (BatchTask t : tasks) {
            rows.add(new Object[]{WorkKind.MICROTASK.name(), batchId, t.rowNo(), t.data(), t.slots(), t.openSlots(), t.gold(),
                    t.goldAnswer(), t.goldHint()});
        }
        batch.batchUpdate("""
                INSERT INTO task (kind, batch_id, row_no, data, slots, open_slots, is_gold, gold, gold_hint)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows);
    }

    /** Takes one open place of a task; false when none is left. */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean takeSlot(long taskId) {
        return jdbc.sql("UPDATE task SET open_slots = open_slots - 1 WHERE id = ? AND open_slots > 0").param(taskId).update() > 0;
    }

    /** Takes one open place of each of these tasks (in one statement); returns how many places were taken. */
    @Transactional(propagation = Propagation.MANDATORY)
    public int takeSlots(java.util.List<Long> taskIds) {
        if (taskIds.size() == 1) {
            return takeSlot(taskIds.get(0)) ? 1 : 0;
        }
        String places = String.join(", ", java.util.Collections.nCopies(taskIds.size(), "?"));
        return jdbc.sql("UPDATE task SET open_slots = open_slots - 1 WHERE id IN (" + places + ") AND open_slots > 0")
                .params(taskIds.toArray()).update();
    }

    /** Puts one place of a task back on offer (work given back, or one more answer wanted). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void openSlot(long taskId) {
        jdbc.sql("UPDATE task SET open_slots = open_slots + 1 WHERE id = ?").param(taskId).update();
    }

    /** {@code delta} more (or, when negative, fewer) places of a task on offer; false when fewer than none would be left. */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean changeSlots(long taskId, int delta) {
        return jdbc.sql("UPDATE task SET open_slots = open_slots + ? WHERE id = ? AND open_slots + ? >= 0").params(delta, taskId, delta).update() == 1;
    }

    /** No more places of this task go out (cancelled, ended, or taken by its only worker). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void closeTask(long taskId) {
        jdbc.sql("UPDATE task SET open_slots = 0 WHERE id = ?").param(taskId).update();
    }

    /** {@code more} more places on every regular (not gold) task of a batch still on offer; returns how many tasks got them. */
    @Transactional(propagation = Propagation.MANDATORY)
    public int addBatchSlots(long batchId, int more) {
        return jdbc.sql("UPDATE task SET slots = slots + ?, open_slots = open_slots + ? WHERE batch_id = ? AND is_gold = FALSE")
                .params(more, more, batchId).update();
    }

    /**
     * A raised reward reaches the batch's work already taken and not yet paid (never lowered: callers only raise);
     * returns how many assignments it reached.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public int raiseBatchPay(long batchId, long reward, long fee) {
        return jdbc.sql("UPDATE assignment SET reward = ?, fee = ? WHERE batch_id = ? AND state IN ('STARTED', 'SUBMITTED') AND reward < ?")
                .params(reward, fee, batchId, reward).update();
    }

    /** No more places of any task of this batch go out. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void closeBatchTasks(long batchId) {
        jdbc.sql("UPDATE task SET open_slots = 0 WHERE batch_id = ? AND open_slots > 0").param(batchId).update();
    }

    // ---- assignments

    /** Work being taken: who, which task, for what pay and until when. */
    public record Take(WorkKind kind, long taskId, Long batchId, long workerId, AssignmentState state,
                       long reward, long fee, String currency, Instant at, Instant deadline) {
        public Take {
            Objects.requireNonNull(kind, "kind");
            if (!state.isEntry()) {
                throw new IllegalArgumentException("Work is taken as ACCEPTED or STARTED, not " + state);
            }
        }

        /** The parameters of {@link #INSERT_ASSIGNMENT}. */
        private Object[] row() {
            return new Object[]{kind.name(), taskId, batchId, workerId, state.name(), reward, fee, currency, Sql.ts(at), Sql.ts(deadline)};
        }
    }

    private static final String INSERT_ASSIGNMENT = """
            INSERT INTO assignment (kind, task_id, batch_id, worker_id, state, reward, fee, currency, accepted_at, deadline)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    /** Creates the assignment for work just taken; the caller has taken the slot. */
    @Transactional(propagation = Propagation.MANDATORY)
    public long take(Take t) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql(INSERT_ASSIGNMENT).params(t.row()).update(key, "id");
        return key.getKey().longValue();
    }

    /**
     * Creates the assignments of one worker's work just taken together (a task suite), in the order given, and
     * returns their ids in that order: the rows go in one batch (one statement on PostgreSQL) and their ids are
     * read back by task, which identifies them (a worker holds a task at most once).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<Long> takeAll(List<Take> takes) {
        if (takes.size() == 1) {
            return List.of(take(takes.get(0)));
        }
        long worker = takes.get(0).workerId();
        List<Object[]> rows = new ArrayList<>(takes.size());
        for (Take t : takes) {
            if (t.workerId() != worker) {
                throw new IllegalArgumentException("Work taken together is one worker's");
            }
            rows.add(t.row());
        }
        batch.batchUpdate(INSERT_ASSIGNMENT, rows);
        List<Object> params = new ArrayList<>();
        params.add(worker);
        takes.forEach(t -> params.add(t.taskId()));
        Map<Long, Long> idByTask = new HashMap<>();
        jdbc.sql("SELECT task_id, id FROM assignment WHERE worker_id = ? AND task_id IN ("
                        + String.join(", ", java.util.Collections.nCopies(takes.size(), "?")) + ")")
                .params(params).query((rs, n) -> idByTask.put(rs.getLong(1), rs.getLong(2))).list();
        return takes.stream().map(t -> idByTask.get(t.taskId())).toList();
    }

    /** Who holds an assignment and of which kind it is; empty when there is no such assignment. */
    public record Holder(long workerId, WorkKind kind) {
    }

    @Transactional(readOnly = true)
    public java.util.Optional<Holder> holder(long assignmentId) {
        return jdbc.sql("SELECT worker_id, kind FROM assignment WHERE id = ?").param(assignmentId)
                .query((rs, n) -> new Holder(rs.getLong(1), WorkKind.valueOf(rs.getString(2)))).optional();
    }

    /** An UPDATE of one move, with its parameters. */
    private record Statement(String sql, List<Object> params) {
    }

    /**
     * Applies several moves in the caller's transaction, those with the same statement in one batch (a
     * task suite's hand-in goes to the database in one round trip); for each move, in order, whether it moved.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean[] applyAll(List<Move> moves) {
        boolean[] moved = new boolean[moves.size()];
        int i = 0;
        while (i < moves.size()) {
            Statement first = moves.get(i).statement();
            List<Object[]> rows = new ArrayList<>();
            rows.add(first.params().toArray());
            int j = i + 1;
            while (j < moves.size()) {
                Statement next = moves.get(j).statement();
                if (!next.sql().equals(first.sql())) {
                    break;
                }
                rows.add(next.params().toArray());
                j++;
            }
            int[] counts = rows.size() == 1 ? new int[]{jdbc.sql(first.sql()).params(first.params()).update()}
                    : batch.batchUpdate(first.sql(), rows);
            for (int k = 0; k < counts.length; k++) {
                if (counts[k] == java.sql.Statement.SUCCESS_NO_INFO) {
                    throw new IllegalStateException("The database did not say whether assignment moves were applied");
                }
                moved[i + k] = counts[k] > 0;
            }
            i = j;
        }
        return moved;
    }

    /** A move of one assignment; nothing happens until {@link Move#apply()}. */
    public Move move(long assignmentId) {
        return new Move(assignmentId);
    }

    /** A top-up to the pay floor on paid work, recorded once; false when it was recorded already. */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean recordTopUp(long assignmentId, long topUp) {
        return topUp > 0 && jdbc.sql("UPDATE assignment SET top_up = ? WHERE id = ? AND state = 'PAID' AND top_up = 0")
                .params(topUp, assignmentId).update() > 0;
    }

    /** Paid work paid again after an appeal: its new total reward, and the fee added with it. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void repay(long assignmentId, long totalReward, long addedFee) {
        jdbc.sql("UPDATE assignment SET reward = ?, fee = fee + ? WHERE id = ? AND state = 'PAID'")
                .params(totalReward, addedFee, assignmentId).update();
    }

    /**
     * One move from some states to another, with what the move records. Applied as one conditional
     * update, so of two racing moves exactly one wins; {@link #apply()} says whether this one did.
     */
    public final class Move {
        private final long id;
        private final Set<AssignmentState> from = EnumSet.noneOf(AssignmentState.class);
        private AssignmentState to;
        private Instant at;
        private Long reviewer;
        private String rejectReason;
        private String answers;
        private Instant autoApproveAt;
        private Boolean goldCorrect;
        private Long activeSeconds;
        private Long reward;
        private Long fee;
        private Instant deadlineNotPassed;
        private Instant deadlinePassed;

        private Move(long id) {
            this.id = id;
        }

        public Move from(AssignmentState... states) {
            from.addAll(List.of(states));
            return this;
        }

        public Move to(AssignmentState state, Instant when) {
            this.to = state;
            this.at = when;
            return this;
        }

        /** The person who reviewed the work (a requester or moderator); null for a rule. */
        public Move by(Long reviewerId) {
            this.reviewer = reviewerId;
            return this;
        }

        public Move rejectReason(String reason) {
            this.rejectReason = reason;
            return this;
        }

        /** A microtask's answers, when it is approved automatically, and whether its gold question was right. */
        public Move answers(String json, Instant autoApproveAt, Boolean goldCorrect) {
            this.answers = json;
            this.autoApproveAt = autoApproveAt;
            this.goldCorrect = goldCorrect;
            return this;
        }

        /**
         * The time the worker spent on this task: for tasks held together, only the time since their last
         * hand-in, shared among the tasks handed in together, so that no second counts twice.
         */
        public Move activeSeconds(long seconds) {
            this.activeSeconds = seconds;
            return this;
        }

        /** The pay as settled (shift hours): reward and fee replace what was planned. */
        public Move pay(long reward, long fee) {
            this.reward = reward;
            this.fee = fee;
            return this;
        }

        /** Only while the deadline has not passed at {@code now}. */
        public Move beforeDeadline(Instant now) {
            this.deadlineNotPassed = now;
            return this;
        }

        /** Only once the deadline has passed at {@code now}. */
        public Move afterDeadline(Instant now) {
            this.deadlinePassed = now;
            return this;
        }

        /** Moves the assignment if it is in one of the {@code from} states, in the caller's transaction; whether it moved. */
        public boolean apply() {
            Statement s = statement();
            return jdbc.sql(s.sql()).params(s.params()).update() > 0;
        }

        /** The move's UPDATE and its parameters. */
        private Statement statement() {
            if (to == null || at == null || from.isEmpty()) {
                throw new IllegalStateException("A move needs its from states, its target and its time");
            }
            for (AssignmentState f : from) {
                if (!f.canMoveTo(to)) {
                    throw new IllegalStateException("An assignment cannot move from " + f + " to " + to);
                }
            }
            StringBuilder sql = new StringBuilder("UPDATE assignment SET state = ?");
            List<Object> params = new ArrayList<>();
            params.add(to.name());
            switch (to) {
                case SUBMITTED -> set(sql, params, "submitted_at", Sql.ts(at));
                case PAID, REJECTED -> {
                    set(sql, params, "reviewed_at", Sql.ts(at));
                    set(sql, params, "reviewed_by", reviewer);
                }
                case RELEASED, EXPIRED -> set(sql, params, "ended_at", Sql.ts(at));
                default -> {
                }
            }
            if (to == AssignmentState.REJECTED) {
                set(sql, params, "reject_reason", rejectReason);
            } else if (to == AssignmentState.PAID && from.contains(AssignmentState.REJECTED)) {
                sql.append(", reject_reason = NULL");
            }
            if (answers != null) {
                set(sql, params, "answers", answers);
                set(sql, params, "auto_approve_at", Sql.ts(autoApproveAt));
                set(sql, params, "gold_correct", goldCorrect);
            }
            if (activeSeconds != null) {
                set(sql, params, "active_seconds", activeSeconds);
            }
            if (reward != null) {
                set(sql, params, "reward", reward);
                set(sql, params, "fee", fee);
            }
            sql.append(" WHERE id = ? AND state IN (");
            params.add(id);
            String sep = "";
            for (AssignmentState f : from) {
                sql.append(sep).append('?');
                params.add(f.name());
                sep = ", ";
            }
            sql.append(')');
            if (deadlineNotPassed != null) {
                sql.append(" AND deadline >= ?");
                params.add(Sql.ts(deadlineNotPassed));
            }
            if (deadlinePassed != null) {
                sql.append(" AND deadline <= ?");
                params.add(Sql.ts(deadlinePassed));
            }
            return new Statement(sql.toString(), params);
        }

        private static void set(StringBuilder sql, List<Object> params, String column, Object value) {
            sql.append(", ").append(column).append(" = ?");
            params.add(value);
        }
    }
}
