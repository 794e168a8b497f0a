package org.polder.microtask;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.polder.account.CurrentUser;
import org.polder.ledger.Ledger;
import org.polder.microtask.internal.MicrotaskJobs;
import org.polder.testing.Api;
import org.polder.testing.Fixtures;
import org.polder.testing.PolderIT;
import org.polder.testing.SecondNode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
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

/**
 * Two application nodes on one database, with the load split between them: no slot is handed out
 * twice, the auto-approval job running on both pays each submission exactly once, the books balance,
 * and failed logins count the same on both.
 */
class TwoNodesIT extends PolderIT {

    @Autowired
    Environment environment;
    @Autowired
    MicrotaskJobs jobs;
    @Autowired
    Ledger ledger;
    @Autowired
    JdbcClient jdbc;

    private SecondNode second;

    @AfterEach
    void stopSecondNode() {
        if (second != null) {
            second.close();
        }
    }

    @Test
    void twoNodesHandOutEachSlotOnceAndPayEachSubmissionOnce() throws Exception {
        second = SecondNode.start(environment, clock);
        int secondPort = second.port();
        MicrotaskJobs secondJobs = second.bean(MicrotaskJobs.class);

        CurrentUser requester = fixtures.requester();
        Batch batch = fixtures.published(requester, 150, 20, 2);
        int workers = 12;
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> done = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            CurrentUser worker = fixtures.worker();
            int firstNode = w % 2;
            done.add(pool.submit(() -> {
                // Each worker logs in on one node and alternates nodes for every request.
                Api[] nodes = {new Api(port).login(worker.username(), Fixtures.PASSWORD),
                        new Api(secondPort).login(worker.username(), Fixtures.PASSWORD)};
                start.await();
                int submitted = 0;
                for (int i = firstNode; ; i++) {
                    Api.Response claimed = nodes[i % 2].post("/api/v1/assignments", Map.of("batchId", batch.id()));
                    if (claimed.status() == 204) {
                        return submitted;
                    }
                    assertThat(claimed.status()).as(claimed.body()).isEqualTo(201);
                    Api.Response sent = nodes[(i + 1) % 2].post("/api/v1/assignments/" + claimed.id() + "/submit",
                            Map.of("answers", Map.of("label", "cat")));
                    assertThat(sent.status()).as(sent.body()).isEqualTo(200);
                    submitted++;
                }
            }));
        }
        start.countDown();
        int total = 0;
        for (Future<Integer> f : done) {
            total += f.get(5, TimeUnit.MINUTES);
        }
        pool.shutdown();
        assertThat(total).as("every slot filled").isEqualTo(300);
        assertThat(jdbc.sql("""
                        SELECT COUNT(*) FROM (SELECT task_id FROM assignment WHERE batch_id = ? AND state = 'SUBMITTED'
                        GROUP BY task_id HAVING COUNT(*) <> 2) wrong""").param(batch.id()).query(Long.class).single())
                .as("every task handed out exactly twice").isZero();
        assertThat(jdbc.sql("""
                        SELECT COUNT(*) FROM (SELECT task_id, worker_id FROM assignment WHERE batch_id = ?
                        GROUP BY task_id, worker_id HAVING COUNT(*) > 1) twice""").param(batch.id()).query(Long.class).single())
                .as("nobody got a task twice").isZero();

        // The review window passes; both nodes run the auto-approval job at the same moment.
        clock.advance(Duration.ofHours(73));
        ExecutorService runners = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> approved = List.of(
                runners.submit(() -> { go.await(); return jobs.runOnce(); }),
                runners.submit(() -> { go.await(); return secondJobs.runOnce(); }));
        go.countDown();
        for (Future<Integer> f : approved) {
            f.get(5, TimeUnit.MINUTES);
        }
        runners.shutdown();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM assignment WHERE batch_id = ? AND state = 'PAID'").param(batch.id())
                .query(Long.class).single()).isEqualTo(300);
        assertThat(jdbc.sql("""
                        SELECT COUNT(*) FROM ledger_transaction t JOIN assignment a ON t.reference = CONCAT('assignment:', CAST(a.id AS VARCHAR(20)))
                        WHERE a.batch_id = ?""").param(batch.id()).query(Long.class).single())
                .as("one payment per submission").isEqualTo(300);
        assertThat(ledger.audit()).isEmpty();

        // A suite claimed on one node is handed in on the other; a batch cancelled on one node gives nothing more
        // on the other at once (a node keeps only what never changes about a batch).
        Batch later = fixtures.published(requester, 30, 20, 1);
        CurrentUser suiteWorker = fixtures.worker();
        Api onFirst = new Api(port).login(suiteWorker.username(), Fixtures.PASSWORD);
        Api onSecond = new Api(secondPort).login(suiteWorker.username(), Fixtures.PASSWORD);
        Api.Response suite = onFirst.post("/api/v1/assignments/suite", Map.of("batchId", later.id(), "size", 5));
        assertThat(suite.status()).as(suite.body()).isEqualTo(201);
        List<Map<String, Object>> answers = new ArrayList<>();
        suite.json().get("assignments").forEach(a -> answers.add(Map.of("assignmentId", a.get("id").asLong(), "answers", Map.of("label", "dog"))));
        assertThat(onSecond.post("/api/v1/assignments/submit", Map.of("submissions", answers)).status()).isEqualTo(200);
        assertThat(onSecond.post("/api/v1/assignments/suite", Map.of("batchId", later.id(), "size", 2)).status()).isEqualTo(201);
        Api lab = new Api(port).login(requester.username(), Fixtures.PASSWORD);
        assertThat(lab.post("/api/v1/batches/" + later.id() + "/cancel", null).status()).isEqualTo(200);
        assertThat(onSecond.post("/api/v1/assignments/suite", Map.of("batchId", later.id(), "size", 2)).status())
                .as("the other node sees the cancellation at once").isEqualTo(204);

        // A token revoked on one node is refused by the other at its next request.
        Api revoking = new Api(port).login(suiteWorker.username(), Fixtures.PASSWORD);
        String token = revoking.post("/api/v1/auth/token", Map.of("username", suiteWorker.username(), "password", Fixtures.PASSWORD))
                .json().get("token").asString();
        assertThat(new Api(secondPort).as(token).get("/api/v1/me").status()).isEqualTo(200);
        assertThat(new Api(port).as(token).delete("/api/v1/auth/token", Map.of()).status()).isEqualTo(204);
        assertThat(new Api(secondPort).as(token).get("/api/v1/me").status()).isEqualTo(401);

        // Password guessing spread over both nodes is counted once: ten failures lock the username on both.
        CurrentUser target = fixtures.worker();
        for (int i = 0; i < 10; i++) {
            int node = i % 2 == 0 ? port : secondPort;
            assertThat(new Api(node).post("/api/v1/auth/token", Map.of("username", target.username(), "password", "guess-" + i)).status())
                    .isEqualTo(401);
        }
        assertThat(new Api(port).post("/api/v1/auth/token", Map.of("username", target.username(), "password", Fixtures.PASSWORD)).status())
                .isEqualTo(429);
        assertThat(new Api(secondPort).post("/api/v1/auth/token", Map.of("username", target.username(), "password", Fixtures.PASSWORD))
                .status()).isEqualTo(429);
    }
}
