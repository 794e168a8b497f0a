package org.polder.trail;

import org.junit.jupiter.api.Test;
import org.polder.testing.PolderIT;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A worker's hash chain stays whole however appends meet: each node starts from the head it wrote last,
 * which another node, or a transaction that rolled back, may have moved or left behind meanwhile.
 */
class TrailChainIT extends PolderIT {

    @Autowired
    Trail trail;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    JdbcTemplate jdbcTemplate;
    @Autowired
    JsonMapper json;
    @Autowired
    TransactionTemplate tx;

    /** A second node's trail: the same database, its own memory of the heads it wrote. */
    private Trail otherNode() {
        return new Trail(jdbc, jdbcTemplate, json, clock);
    }

    private void append(Trail on, long worker, String type) {
        tx.executeWithoutResult(s -> on.record(TrailEntry.of(type).aboutWorker(worker).by(worker)));
    }

    /** A new worker: their chain begins with their registration. */
    private long newWorker() {
        long worker = fixtures.worker().id();
        assertThat(trail.chainOf(worker)).hasSize(1);
        return worker;
    }

    /** The worker's chain holds their registration and {@code appended} more events, numbered without a gap, and verifies. */
    private void assertWhole(long worker, int appended) {
        int events = appended + 1;
        List<TrailEvent> chain = trail.chainOf(worker);
        assertThat(chain).hasSize(events);
        assertThat(chain.stream().map(TrailEvent::seq).toList()).containsExactlyElementsOf(LongStream.rangeClosed(1, events).boxed().toList());
        assertThat(HashChain.verify(chain)).as("the chain verifies").isEmpty();
        assertThat(jdbc.sql("SELECT seq FROM trail_head WHERE worker_id = ?").param(worker).query(Long.class).single()).isEqualTo(events);
    }

    @Test
    void appendsOnTwoNodesTakingTurnsKeepOneChain() {
        long worker = newWorker();
        Trail other = otherNode();
        for (int i = 0; i < 6; i++) {
            append(i % 3 == 0 ? other : trail, worker, "TEST_TURN_" + i);
        }
        assertWhole(worker, 6);
    }

    @Test
    void anAppendThatRolledBackLeavesNoGapAndNoStaleHead() {
        long worker = newWorker();
        append(trail, worker, "TEST_FIRST");
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> {
            trail.record(TrailEntry.of("TEST_UNDONE").aboutWorker(worker).by(worker));
            throw new IllegalStateException("the change this event recorded failed");
        })).hasMessageContaining("failed");
        append(trail, worker, "TEST_SECOND");
        assertWhole(worker, 2);
        assertThat(trail.chainOf(worker).stream().map(TrailEvent::type)).containsExactly("ACCOUNT_REGISTERED", "TEST_FIRST", "TEST_SECOND");
    }

    @Test
    void severalAppendsInOneTransactionGoOnFromEachOther() {
        long worker = newWorker();
        append(trail, worker, "TEST_BEFORE");
        tx.executeWithoutResult(s -> {
            trail.record(TrailEntry.of("TEST_ONE").aboutWorker(worker).by(worker));
            trail.recordAll(List.of(TrailEntry.of("TEST_TWO").aboutWorker(worker).by(worker),
                    TrailEntry.of("TEST_THREE").aboutWorker(worker).by(worker)));
        });
        append(otherNode(), worker, "TEST_AFTER");
        assertWhole(worker, 5);
    }

    @Test
    void concurrentAppendsOnTwoNodesNeverBreakTheChain() throws Exception {
        long worker = newWorker();
        Trail other = otherNode();
        int threads = 8;
        int each = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Trail on = t % 2 == 0 ? trail : other;
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        append(on, worker, "TEST_" + thread + "_" + i);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        assertWhole(worker, threads * each);
    }
}
