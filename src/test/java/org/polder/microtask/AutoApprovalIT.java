package org.polder.microtask;

import org.junit.jupiter.api.Test;
import org.polder.account.CurrentUser;
import org.polder.ledger.Ledger;
import org.polder.ledger.LedgerAccount;
import org.polder.microtask.internal.MicrotaskJobs;
import org.polder.testing.PolderIT;
import org.polder.trail.Trail;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Submissions nobody reviews are approved after the window, exactly once, even with two nodes running the job. */
class AutoApprovalIT extends PolderIT {

    @Autowired
    Claiming claiming;
    @Autowired
    Submissions submissions;
    @Autowired
    Reviews reviews;
    @Autowired
    MicrotaskJobs jobs;
    @Autowired
    Ledger ledger;
    @Autowired
    Trail trail;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    org.polder.oversight.Decisions decisions;

    @Test
    void twoNodesRunningTheJobPayEachSubmissionExactlyOnce() throws Exception {
        CurrentUser requester = fixtures.requester();
        Batch batch = fixtures.published(requester, 60, 30, 1);
        List<CurrentUser> workers = List.of(fixtures.worker(), fixtures.worker(), fixtures.worker());
        for (int i = 0; i < 60; i++) {
            CurrentUser worker = workers.get(i % 3);
            long id = claiming.claim(worker, batch.id()).orElseThrow();
            submissions.submit(worker, id, Map.of("label", "cat"));
        }
        clock.advance(Duration.ofHours(72).plusSeconds(1));

        // Two "nodes" (and a requester approving by hand at the same time) race over the same due work.
        ExecutorService pool = Executors.newFixedThreadPool(3);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> runs = new ArrayList<>();
        for (int node = 0; node < 2; node++) {
            runs.add(pool.submit(() -> {
                start.await();
                return jobs.runOnce();
            }));
        }
        List<Long> submitted = jdbc.sql("SELECT id FROM assignment WHERE batch_id = ? ORDER BY id").param(batch.id()).query(Long.class).list();
        runs.add(pool.submit(() -> {
            start.await();
            int approved = 0;
            for (long id : submitted.subList(0, 10)) {
                try {
                    reviews.approve(requester, id);
                    approved++;
                } catch (RuntimeException alreadyApproved) {
                    // the job got there first
                }
            }
            return approved;
        }));
        start.countDown();
        for (Future<?> run : runs) {
            run.get(2, TimeUnit.MINUTES);
        }
        pool.shutdown();

        assertThat(jdbc.sql("SELECT COUNT(*) FROM assignment WHERE batch_id = ? AND state = 'PAID'").param(batch.id())
                .query(Long.class).single()).isEqualTo(60);
        for (CurrentUser worker : workers) {
            assertThat(ledger.balance(LedgerAccount.worker(worker.id()))).isEqualTo(20 * 30);
        }
        assertThat(ledger.balance(LedgerAccount.batchEscrow(batch.id()))).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM ledger_transaction WHERE kind = 'ASSIGNMENT_PAID' AND reference IN ("
                + String.join(",", submitted.stream().map(id -> "'assignment:" + id + "'").toList()) + ")").query(Long.class).single())
                .isEqualTo(60);
        assertThat(ledger.audit()).isEmpty();
    }

    @Test
    void workIsNotApprovedBeforeTheWindowEndsAndTheWorkerReadsWhy() {
        CurrentUser requester = fixtures.requester();
        Batch batch = fixtures.published(requester, 1, 30, 1);
        CurrentUser worker = fixtures.worker();
        long id = claiming.claim(worker, batch.id()).orElseThrow();
        submissions.submit(worker, id, Map.of("label", "dog"));

        clock.advance(Duration.ofHours(71));
        jobs.runOnce();
        assertThat(jdbc.sql("SELECT state FROM assignment WHERE id = ?").param(id).query(String.class).single()).isEqualTo("SUBMITTED");

        clock.advance(Duration.ofHours(2));
        jobs.runOnce();
        assertThat(jdbc.sql("SELECT state FROM assignment WHERE id = ?").param(id).query(String.class).single()).isEqualTo("PAID");
        assertThat(trail.forWorker(worker.id(), 0, 10).items()).anySatisfy(e -> {
            assertThat(e.type()).isEqualTo("ASSIGNMENT_APPROVED");
            assertThat(e.actorId()).isNull();
            assertThat(e.payload()).contains("\"automatic\":true").contains("review window of 72 hours");
        });
        var decision = decisions.forWorker(worker.id(), 0, 10).items().get(0);
        assertThat(decision.type()).isEqualTo("WORK_APPROVED_AUTOMATICALLY");
        assertThat(decision.rule()).isEqualTo("review.auto-approval");
        assertThat(decision.reason()).contains("72 hours");
    }

    @Test
    void lateSubmissionsAreRefused() {
        CurrentUser requester = fixtures.requester();
        Batch batch = fixtures.published(requester, 1, 30, 1);
        CurrentUser worker = fixtures.worker();
        long id = claiming.claim(worker, batch.id()).orElseThrow();
        clock.advance(Duration.ofSeconds(601));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> submissions.submit(worker, id, Map.of("label", "dog")))
                .hasMessageContaining("late submissions are refused");
        assertThat(jdbc.sql("SELECT state FROM assignment WHERE id = ?").param(id).query(String.class).single()).isEqualTo("STARTED");
        jobs.runOnce();
        var expired = decisions.forWorker(worker.id(), 0, 10).items().get(0);
        assertThat(expired.type()).isEqualTo("ASSIGNMENT_EXPIRED");
        assertThat(expired.reason()).contains("not held against you");
    }
}
