package org.polder.trail;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.polder.common.Hashing;
import org.polder.common.Page;
import org.polder.common.Sql;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Appends events to the trail and reads them back. Appending must happen inside the transaction
 * of the state change it records, so that no change exists without its event.
 */
@Service
public class Trail {

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final JsonMapper json;
    private final Clock clock;
    /** The heads a node wrote last, per worker; a hint only (an append checks it against the database). */
    private final Cache<Long, Head> lastWritten = Caffeine.newBuilder().maximumSize(100_000).build();
    /** The key of the transaction's pending heads: one per Trail (a test context may hold several). */
    private final Object pendingKey = new Object();

    Trail(JdbcClient jdbc, JdbcTemplate batch, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.json = json;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void record(TrailEntry entry) {
        recordAll(List.of(entry));
    }

    /**
     * Appends several events, in this order. Each worker's chain head is moved once for all of that
     * worker's events, and the events go to the database in one batch.
     *
     * <p>The head a node wrote last for a worker is kept in memory ({@link #lastWritten}): the next append
     * starts from it and moves the head only if it is still there (one statement that also locks it), so a
     * worker's append usually costs the head's update and the events' insert. When another node (or a
     * transaction that rolled back) moved it meanwhile, the append locks the head as read and starts again.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void recordAll(List<TrailEntry> entries) {
        // Stored with microsecond precision on every database: hash exactly what is stored.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Map<Long, Head> pending = pendingHeads();
        Map<Long, Head> from = new LinkedHashMap<>();
        Set<Long> held = new HashSet<>();
        for (TrailEntry entry : entries) {
            Long worker = entry.workerId();
            if (worker == null || from.containsKey(worker)) {
                continue;
            }
            Head mine = pending.get(worker);
            Head cached = lastWritten.getIfPresent(worker);
            if (mine != null) {
                from.put(worker, mine);
                held.add(worker);
            } else if (cached != null) {
                from.put(worker, cached);    // checked when the head moves
            } else {
                from.put(worker, lockOrStartHead(worker));
                held.add(worker);
            }
        }
        Appended appended = append(entries, from, now);
        boolean restarted = false;
        for (Map.Entry<Long, Head> e : from.entrySet()) {
            long worker = e.getKey();
            Head to = appended.heads().get(worker);
            if (held.contains(worker)) {
                moveHead(worker, to);
            } else if (jdbc.sql("UPDATE trail_head SET seq = ?, hash = ? WHERE worker_id = ? AND seq = ? AND hash = ?")
                    .params(to.seq(), to.hash(), worker, e.getValue().seq(), e.getValue().hash()).update() == 0) {
                lastWritten.invalidate(worker);
                e.setValue(lockOrStartHead(worker));
                held.add(worker);
                restarted = true;
            }
        }
        if (restarted) {
            appended = append(entries, from, now);
            for (Map.Entry<Long, Head> e : appended.heads().entrySet()) {
                moveHead(e.getKey(), e.getValue());
            }
        }
        pending.putAll(appended.heads());
        String insert = """
                INSERT INTO trail_event (worker_id, seq, actor_id, organisation_id, work_kind, task_id, assignment_id,
                                         type, payload, occurred_at, prev_hash, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
        if (appended.rows().size() == 1) {
            jdbc.sql(insert).params(appended.rows().get(0)).update();
        } else {
            batch.batchUpdate(insert, appended.rows());
        }
    }

    /** The rows of these events chained on from the given heads, and the heads after them. */
    private record Appended(List<Object[]> rows, Map<Long, Head> heads) {
    }

    private Appended append(List<TrailEntry> entries, Map<Long, Head> from, Instant now) {
        Map<Long, Head> heads = new LinkedHashMap<>(from);
        List<Object[]> rows = new ArrayList<>(entries.size());
        for (TrailEntry entry : entries) {
            String payload = json.writeValueAsString(entry.payload());
            String kind = entry.kind() == null ? null : entry.kind().name();
            Long seq = null;
            String prevHash = null;
            String hash;
            if (entry.workerId() != null) {
                long workerId = entry.workerId();
                Head head = heads.get(workerId);
                seq = head.seq() + 1;
                prevHash = head.hash();
                hash = HashChain.hash(prevHash, seq, workerId, entry.actorId(), entry.organisationId(), kind,
                        entry.taskId(), entry.assignmentId(), entry.type(), payload, now);
                heads.put(workerId, new Head(seq, hash));
            } else {
                hash = Hashing.sha256(entry.type() + "|" + payload + "|" + now);
            }
            rows.add(new Object[]{entry.workerId(), seq, entry.actorId(), entry.organisationId(), kind, entry.taskId(),
                    entry.assignmentId(), entry.type(), payload, Sql.ts(now), prevHash, hash});
        }
        return new Appended(rows, heads);
    }

    /** Moves a head this transaction holds. */
    private void moveHead(long workerId, Head to) {
        jdbc.sql("UPDATE trail_head SET seq = ?, hash = ? WHERE worker_id = ?").params(to.seq(), to.hash(), workerId).update();
    }

    /**
     * The heads this transaction has moved: later appends in it go on from them (it holds their locks),
     * and once it commits they are what this node wrote last; if it rolls back, they are forgotten.
     */
    private Map<Long, Head> pendingHeads() {
        @SuppressWarnings("unchecked")
        Map<Long, Head> pending = (Map<Long, Head>) TransactionSynchronizationManager.getResource(pendingKey);
        if (pending != null) {
            return pending;
        }
        Map<Long, Head> fresh = new HashMap<>();
        TransactionSynchronizationManager.bindResource(pendingKey, fresh);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(pendingKey);
                if (status == STATUS_COMMITTED) {
                    lastWritten.putAll(fresh);
                } else {
                    lastWritten.invalidateAll(fresh.keySet());
                }
            }
        });
        return fresh;
    }

    /** Locks the worker's chain head, starting the chain at their first event (another transaction may be starting it too). */
    private Head lockOrStartHead(long workerId) {
        return lockHead(workerId).orElseGet(() -> {
            jdbc.sql("INSERT INTO trail_head (worker_id, seq, hash) VALUES (?, 0, ?) ON CONFLICT DO NOTHING")
                    .params(workerId, HashChain.GENESIS).update();
            return lockHead(workerId).orElseThrow();
        });
    }

    private record Head(long seq, String hash) {
    }

    private java.util.Optional<Head> lockHead(long workerId) {
        return jdbc.sql("SELECT seq, hash FROM trail_head WHERE worker_id = ? FOR UPDATE")
                .param(workerId).query((rs, n) -> new Head(rs.getLong(1), rs.getString(2))).optional();
    }

    /** A worker's own events, newest first. */
    @Transactional(readOnly = true)
    public Page<TrailEvent> forWorker(long workerId, int page, int size) {
        Page.check(page, size);
        List<TrailEvent> items = jdbc.sql("SELECT * FROM trail_event WHERE worker_id = ? ORDER BY seq DESC LIMIT ? OFFSET ?")
                .params(workerId, size, (long) page * size).query(Trail::map).list();
        long total = jdbc.sql("SELECT COUNT(*) FROM trail_event WHERE worker_id = ?").param(workerId).query(Long.class).single();
        return new Page<>(items, page, size, total);
    }

    /** A worker's whole chain, oldest first, for export and verification. */
    @Transactional(readOnly = true)
    public List<TrailEvent> chainOf(long workerId) {
        return jdbc.sql("SELECT * FROM trail_event WHERE worker_id = ? ORDER BY seq").param(workerId).query(Trail::map).list();
    }

    /** Events about one task (any worker), oldest first. */
    @Transactional(readOnly = true)
    public List<TrailEvent> forTask(long taskId) {
        return jdbc.sql("SELECT * FROM trail_event WHERE task_id = ? ORDER BY id").param(taskId).query(Trail::map).list();
    }

    private static TrailEvent map(ResultSet rs, int row) throws SQLException {
        return new TrailEvent(rs.getLong("id"), Sql.longOrNull(rs, "worker_id"), Sql.longOrNull(rs, "seq"),
                Sql.longOrNull(rs, "actor_id"), Sql.longOrNull(rs, "organisation_id"), rs.getString("work_kind"),
                Sql.longOrNull(rs, "task_id"), Sql.longOrNull(rs, "assignment_id"), rs.getString("type"),
                rs.getString("payload"), Sql.instant(rs, "occurred_at"), rs.getString("prev_hash"), rs.getString("hash"));
    }
}
