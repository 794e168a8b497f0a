package org.polder.microtask;

import org.junit.jupiter.api.Test;
import org.polder.account.CurrentUser;
import org.polder.common.DomainException;
import org.polder.microtask.internal.MicrotaskJobs;
import org.polder.testing.PolderIT;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Many workers claiming at once: no slot is ever handed out twice, and no task gets more than it asked for. */
class ClaimingConcurrencyIT extends PolderIT {

    static final int THREADS = 16;
    static final int TASKS = 1000;
    static final int PER_TASK = 3;

    @Autowired
    Claiming claiming;

    @Autowired
    Submissions submissions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MicrotaskJobs jobs;

    @Test
    void aWorkerHoldsAtMostTenTasksAtOnceAndTheEleventhClaimChangesNothing() {
        CurrentUser requester = fixtures.requester();
        Batch batch = fixtures.published(requester, 20, 40, 1);
        CurrentUser worker = fixtures.worker();
        for (int i = 0; i < 10; i++) {
            assertThat(claiming.claim(worker, batch.id())).isPresent();
        }
        for (Long asked : new Long[]{batch.id(), null}) {
            assertThatThrownBy(() -> claiming.claim(worker, asked)).isInstanceOfSatisfying(DomainException.class, e -> {
                assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT);
                assertThat(e.code()).isEqualTo("problem.claim.tooMany");
            });
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM assignment WHERE worker_id = ?").param(worker.id()).query(Long.class).single()).isEqualTo(10);
        assertThat(jdbc.sql("SELECT SUM(open_slots) FROM task WHERE batch_id = ?").param(batch.id()).query(Long.class).single()).isEqualTo(10);
    }

    @Test
    void sixteenWorkersFillAThousandTasksThreeTimesWithoutADoubleHandOut() throws Exception {
        CurrentUser requester = fixtures.requester();
        Batch batch = fixtures.published(requester, TASKS, 20, PER_TASK);
        List<CurrentUser> workers = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            workers.add(fixtures.worker());
        }

        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<Integer>> results = new ArrayList<>();
        for (CurrentUser worker : workers) {
            results.add(pool.submit(workUntilNothingIsLeft(worker, batch.id())));
        }
        int total = 0;
        for (Future<Integer> result : results) {
            total += result.get(5, TimeUnit.MINUTES);
        }
        pool.shutdown();

        assertThat(total).isEqualTo(TASKS * PER_TASK);
        assertEveryTaskHasExactlyThreeDifferentWorkers(batch.id());
        assertThat(jdbc.sql("SELECT COALESCE(SUM(open_slots), 0) FROM task WHERE batch_id = ?").param(batch.id())
                .query(Long.class).single()).isZero();
    }

    @Test
    void releasedAndExpiredSlotsGoBackOnOfferButNeverToTheSameWorker() {
        CurrentUser requester = fixtures.requester();
        Batch batch = fixtures.published(requester, 1, 20, 2);
        CurrentUser first = fixtures.worker();
        CurrentUser second = fixtures.worker();
        CurrentUser third = fixtures.worker();

        long a = claiming.claim(first, batch.id()).orElseThrow();
        claiming.release(first, a);
        assertThat(claiming.claim(first, batch.id())).as("never the same task twice").isEmpty();

        long b = claiming.claim(second, batch.id()).orElseThrow();
        long c = claiming.claim(third, batch.id()).orElseThrow();
        assertThat(claiming.claim(fixtures.worker(), batch.id())).as("no more than two per task").isEmpty();

        clock.advance(Duration.ofSeconds(601));
        jobs.runOnce();
        assertThat(state(b)).isEqualTo("EXPIRED");
        assertThat(state(c)).isEqualTo("EXPIRED");
        assertThat(claiming.claim(fixtures.worker(), batch.id())).as("expired slots are on offer again").isPresent();
    }

    private String state(long assignmentId) {
        return jdbc.sql("SELECT state FROM assignment WHERE id = ?").param(assignmentId).query(String.class).single();
    }

    private Callable<Integer> workUntilNothingIsLeft(CurrentUser worker, long batchId) {
        return () -> {
            int done = 0;
            while (true) {
                Optional<Long> claimed = claiming.claim(worker, batchId);
                if (claimed.isEmpty()) {
                    // "Nothing left" must be true: tasks locked by another claim this instant are waited for, not skipped.
                    assertThat(openTaskLeftFor(worker, batchId)).as("told nothing is left while work remains").isFalse();
                    return done;
                }
                submissions.submit(worker, claimed.get(), Map.of("label", "cat"));
                done++;
            }
        };
    }

    private boolean openTaskLeftFor(CurrentUser worker, long batchId) {
        return jdbc.sql("""
                        SELECT COUNT(*) FROM task t WHERE t.batch_id = ? AND t.open_slots > 0
                          AND NOT EXISTS (SELECT 1 FROM assignment a WHERE a.task_id = t.id AND a.worker_id = ?)""")
                .params(batchId, worker.id()).query(Long.class).single() > 0;
    }

    private void assertEveryTaskHasExactlyThreeDifferentWorkers(long batchId) {
        List<long[]> perTask = jdbc.sql("""
                        SELECT t.id, COUNT(a.id), COUNT(DISTINCT a.worker_id) FROM task t
                        LEFT JOIN assignment a ON a.task_id = t.id AND a.state = 'SUBMITTED'
                        WHERE t.batch_id = ? GROUP BY t.id""")
                .param(batchId).query((rs, n) -> new long[]{rs.getLong(1), rs.getLong(2), rs.getLong(3)}).list();
        assertThat(perTask).hasSize(TASKS);
        assertThat(perTask).allSatisfy(row -> {
            assertThat(row[1]).as("assignments of task %d", row[0]).isEqualTo(PER_TASK);
            assertThat(row[2]).as("different workers on task %d", row[0]).isEqualTo(PER_TASK);
        });
    }
}
