package org.polder.microtask;

import org.junit.jupiter.api.Test;
import org.polder.account.CurrentUser;
import org.polder.ledger.Ledger;
import org.polder.testing.Api;
import org.polder.testing.Fixtures;
import org.polder.testing.PolderIT;
import org.polder.testing.StatementCounter;
import org.polder.trail.HashChain;
import org.polder.trail.Trail;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Task suites: several tasks of a batch claimed in one request and handed in together, each still its own
 * assignment with its own deadline, pay, review and trail event.
 */
class TaskSuitesIT extends PolderIT {

    @Autowired
    Claiming claiming;
    @Autowired
    Submissions submissions;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Trail trail;
    @Autowired
    Ledger ledger;
    @Autowired
    StatementCounter counter;
    @Autowired
    Batches batches;

    private static List<Map<String, Object>> answersTo(JsonNode assignments, String label) {
        List<Map<String, Object>> submissions = new ArrayList<>();
        assignments.forEach(a -> submissions.add(Map.of("assignmentId", a.get("id").asLong(), "answers", Map.of("label", label))));
        return submissions;
    }

    @Test
    void aSuiteIsClaimedAndHandedInTogetherEachTaskItsOwnAssignment() {
        CurrentUser requester = fixtures.requester();
        Batch batch = fixtures.published(requester, 30, 40, 1);
        CurrentUser worker = fixtures.worker();
        Api api = api().login(worker.username(), Fixtures.PASSWORD);

        Api.Response suite = api.post("/api/v1/assignments/suite", Map.of("batchId", batch.id(), "size", 5));
        assertThat(suite.status()).as(suite.body()).isEqualTo(201);
        JsonNode claimed = suite.json().get("assignments");
        assertThat(claimed.size()).isEqualTo(5);
        List<Long> tasks = new ArrayList<>();
        claimed.forEach(a -> {
            assertThat(a.get("state").asString()).isEqualTo("STARTED");
            assertThat(a.get("task").get("title").asString()).startsWith("Label item");
            // each id is the assignment of the task shown with it (the suite's rows are written together)
            assertThat(jdbc.sql("SELECT task_id FROM assignment WHERE id = ? AND worker_id = ?").params(a.get("id").asLong(), worker.id())
                    .query(Long.class).single()).isEqualTo(a.get("taskId").asLong());
            tasks.add(a.get("taskId").asLong());
        });
        assertThat(tasks).doesNotHaveDuplicates();
        assertThat(jdbc.sql("SELECT SUM(open_slots) FROM task WHERE batch_id = ?").param(batch.id()).query(Long.class).single())
                .isEqualTo(25);

        clock.advance(Duration.ofSeconds(102));
        Api.Response handedIn = api.post("/api/v1/assignments/submit", Map.of("submissions", answersTo(claimed, "cat")));
        assertThat(handedIn.status()).as(handedIn.body()).isEqualTo(200);
        handedIn.json().get("assignments").forEach(a -> {
            assertThat(a.get("state").asString()).isEqualTo("SUBMITTED");
            assertThat(a.get("answers").get("label").asString()).isEqualTo("cat");
        });
        // 102 seconds for five tasks held together: a fifth each (the shares add up), so pay per active hour is not divided by five.
        assertThat(jdbc.sql("SELECT active_seconds FROM assignment WHERE worker_id = ? ORDER BY id").param(worker.id()).query(Long.class).list())
                .containsExactly(21L, 21L, 20L, 20L, 20L);

        var events = trail.chainOf(worker.id());
        assertThat(events.stream().filter(e -> e.type().equals("ASSIGNMENT_CLAIMED")).count()).isEqualTo(5);
        assertThat(events.stream().filter(e -> e.type().equals("ASSIGNMENT_SUBMITTED")).count()).isEqualTo(5);
        assertThat(HashChain.verify(events)).as("the chain holds across events written together").isEmpty();
    }

    @Test
    void tasksHeldTogetherButHandedInOneByOneCountTheTimeSinceTheLastHandIn() {
        CurrentUser requester = fixtures.requester();
        Batch batch = fixtures.published(requester, 10, 40, 1);
        CurrentUser worker = fixtures.worker();
        List<WorkerAssignment> held = claiming.claimTasks(worker, batch.id(), 3);
        for (WorkerAssignment a : held) {
            clock.advance(Duration.ofSeconds(30));
            submissions.submit(worker, a.id(), Map.of("label", "dog"));
        }
        assertThat(jdbc.sql("SELECT active_seconds FROM assignment WHERE worker_id = ? ORDER BY id").param(worker.id()).query(Long.class).list())
                .as("90 seconds of work in all, not 30 + 60 + 90").containsExactly(30L, 30L, 30L);
    }

    @Test
    void oneBadAnswerRefusesTheWholeSuiteNamingTheAssignmentAndChangesNothing() {
        CurrentUser requester = fixtures.requester();
        Batch batch = fixtures.published(requester, 10, 40, 1);
        CurrentUser worker = fixtures.worker();
        Api api = api().login(worker.username(), Fixtures.PASSWORD);
        JsonNode claimed = api.post("/api/v1/assignments/suite", Map.of("batchId", batch.id(), "size", 3)).json().get("assignments");
        List<Map<String, Object>> answers = new ArrayList<>(answersTo(claimed, "cat"));
        long bad = claimed.get(1).get("id").asLong();
        answers.set(1, Map.of("assignmentId", bad, "answers", Map.of("label", "horse")));
        long eventsBefore = trail.chainOf(worker.id()).size();

        Api.Response refused = api.post("/api/v1/assignments/submit", Map.of("submissions", answers));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("detail").asString()).contains("assignment " + bad).contains("answers.label");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM assignment WHERE worker_id = ? AND state = 'STARTED'").param(worker.id())
                .query(Long.class).single()).as("nothing handed in").isEqualTo(3);
        assertThat(trail.chainOf(worker.id())).hasSize((int) eventsBefore);

        Api.Response twice = api.post("/api/v1/assignments/submit", Map.of("submissions",
                List.of(answers.get(0), answers.get(0))));
        assertThat(twice.status()).isEqualTo(400);
        assertThat(twice.json().get("detail").asString()).contains("twice");
    }

    @Test
    void nobodyHandsInOrSeesAnotherWorkersSuite() {
        CurrentUser requester = fixtures.requester();
        Batch batch = fixtures.published(requester, 10, 40, 1);
        Api owner = api().login(fixtures.worker().username(), Fixtures.PASSWORD);
        JsonNode claimed = owner.post("/api/v1/assignments/suite", Map.of("batchId", batch.id(), "size", 2)).json().get("assignments");
        Api other = api().login(fixtures.worker().username(), Fixtures.PASSWORD);

        Api.Response stolen = other.post("/api/v1/assignments/submit", Map.of("submissions", answersTo(claimed, "dog")));
        assertThat(stolen.status()).isEqualTo(404);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM assignment WHERE batch_id = ? AND state = 'STARTED'").param(batch.id())
                .query(Long.class).single()).isEqualTo(2);
        Api requesterApi = api().login(requester.username(), Fixtures.PASSWORD);
        assertThat(requesterApi.post("/api/v1/assignments/suite", Map.of("batchId", batch.id())).status())
                .as("only workers claim").isEqualTo(403);
        assertThat(api().post("/api/v1/assignments/suite", Map.of("batchId", batch.id())).status()).isEqualTo(401);
    }

    @Test
    void aSuiteStaysWithinTheActiveTaskLimitAndTheBatch() {
        CurrentUser requester = fixtures.requester();
        Batch batch = fixtures.published(requester, 30, 40, 1);
        CurrentUser worker = fixtures.worker();
        Api api = api().login(worker.username(), Fixtures.PASSWORD);
        assertThat(api.post("/api/v1/assignments/suite", Map.of("batchId", batch.id(), "size", 11)).status()).isEqualTo(400);
        assertThat(api.post("/api/v1/assignments/suite", Map.of("batchId", batch.id(), "size", 0)).status()).isEqualTo(400);
        assertThat(api.post("/api/v1/assignments/suite", Map.of("batchId", batch.id(), "size", 7)).json().get("assignments").size()).isEqualTo(7);
        assertThat(api.post("/api/v1/assignments/suite", Map.of("batchId", batch.id(), "size", 7)).json().get("assignments").size())
                .as("room for three more under the limit of ten").isEqualTo(3);
        assertThat(api.post("/api/v1/assignments/suite", Map.of("batchId", batch.id(), "size", 1)).status()).isEqualTo(409);

        Batch small = fixtures.published(requester, 2, 40, 1);
        Api another = api().login(fixtures.worker().username(), Fixtures.PASSWORD);
        assertThat(another.post("/api/v1/assignments/suite", Map.of("batchId", small.id(), "size", 5)).json().get("assignments").size())
                .as("fewer when fewer are left").isEqualTo(2);
        assertThat(another.post("/api/v1/assignments/suite", Map.of("batchId", small.id(), "size", 5)).status()).isEqualTo(204);
    }

    @Test
    void thePageHoldsTasksAheadOnlyAsFarAsTheBatchsPaceAllows() {
        CurrentUser requester = fixtures.requester();
        Batch roomy = fixtures.published(requester, 10, 40, 1);   // 600 s allotted, 30 s expected
        assertThat(claiming.claimWithAhead(fixtures.worker(), roomy.id(), 2)).hasSize(3);
        Template template = fixtures.template(requester);
        Batch tight = batches.create(requester, new BatchSpec(Fixtures.unique("Tight"), template.id(), 40L, 1, 120, 45, null, 72),
                Fixtures.csv(10));
        fixtures.fund(requester, tight.cost().cents());
        batches.publish(requester, tight.id());
        assertThat(claiming.claimWithAhead(fixtures.worker(), tight.id(), 2))
                .as("45 s a task and 120 s to do each: none held ahead, or they would run out while waiting").hasSize(1);
    }

    @Test
    void suitesBringControlQuestionsAtTheBatchsRate() {
        CurrentUser requester = fixtures.requester();
        fixtures.fund(requester, 100_000);
        Api lab = api().login(requester.username(), Fixtures.PASSWORD);
        StringBuilder csv = new StringBuilder("image,item,GOLDEN:label\n");
        for (int i = 1; i <= 40; i++) {
            csv.append("img-").append(i).append(".svg,item ").append(i).append(",\n");
        }
        for (int i = 1; i <= 10; i++) {
            csv.append("gold-").append(i).append(".svg,gold ").append(i).append(",cat\n");
        }
        long templateId = fixtures.template(requester).id();
        Api.Response created = lab.multipart("/api/v1/batches", "spec", Api.json(Map.of("name", "Gold suites", "templateId", templateId,
                "reward", 20, "assignmentsPerTask", 1, "allottedSeconds", 600, "expectedSeconds", 30, "goldPercent", 20,
                "goldAssignmentsPerTask", 5)), "file", csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        lab.post("/api/v1/batches/" + created.id() + "/publish", null);
        Api me = api().login(fixtures.worker().username(), Fixtures.PASSWORD);
        JsonNode suite = me.post("/api/v1/assignments/suite", Map.of("batchId", created.id(), "size", 10)).json().get("assignments");
        int gold = 0;
        for (JsonNode a : suite) {
            gold += a.get("task").get("title").asString().startsWith("Label gold") ? 1 : 0;
        }
        assertThat(suite.size()).isEqualTo(10);
        assertThat(gold).as("20% of ten").isEqualTo(2);
    }

    @Test
    void manyWorkersClaimingSuitesNeverGetTheSameSlotAndTheBooksBalance() throws Exception {
        int tasks = 400;
        int perTask = 2;
        CurrentUser requester = fixtures.requester();
        Batch batch = fixtures.published(requester, tasks, 20, perTask);
        List<CurrentUser> workers = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            workers.add(fixtures.worker());
        }
        ExecutorService pool = Executors.newFixedThreadPool(workers.size());
        List<Future<Integer>> results = new ArrayList<>();
        for (CurrentUser worker : workers) {
            results.add(pool.submit((Callable<Integer>) () -> {
                int done = 0;
                while (true) {
                    List<WorkerAssignment> suite = claiming.claimTasks(worker, batch.id(), 1 + done % 7);
                    if (suite.isEmpty()) {
                        return done;
                    }
                    Map<Long, Map<String, Object>> answers = new LinkedHashMap<>();
                    suite.forEach(a -> answers.put(a.id(), Map.of("label", "cat")));
                    submissions.handIn(worker, answers);
                    done += suite.size();
                }
            }));
        }
        int total = 0;
        for (Future<Integer> r : results) {
            total += r.get(5, TimeUnit.MINUTES);
        }
        pool.shutdown();
        assertThat(total).isEqualTo(tasks * perTask);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM (SELECT task_id, worker_id FROM assignment WHERE batch_id = ? GROUP BY task_id, worker_id HAVING COUNT(*) > 1) d")
                .param(batch.id()).query(Long.class).single()).as("no task twice to one worker").isZero();
        assertThat(jdbc.sql("SELECT MAX(c) FROM (SELECT COUNT(*) AS c FROM assignment WHERE batch_id = ? GROUP BY task_id) d")
                .param(batch.id()).query(Long.class).single()).isEqualTo(perTask);
        assertThat(jdbc.sql("SELECT COALESCE(SUM(open_slots), 0) FROM task WHERE batch_id = ?").param(batch.id()).query(Long.class).single()).isZero();
        for (CurrentUser w : workers) {
            assertThat(HashChain.verify(trail.chainOf(w.id()))).isEmpty();
        }
        assertThat(ledger.audit()).isEmpty();
    }

    @Test
    void aSuiteOfTenCostsFewStatementsPerTask() {
        CurrentUser requester = fixtures.requester();
        Batch batch = fixtures.published(requester, 40, 40, 1);
        CurrentUser worker = fixtures.worker();
        Api api = api().login(worker.username(), Fixtures.PASSWORD);
        JsonNode warm = api.post("/api/v1/assignments/suite", Map.of("batchId", batch.id(), "size", 10)).json().get("assignments");
        api.post("/api/v1/assignments/submit", Map.of("submissions", answersTo(warm, "cat")));

        counter.reset();
        JsonNode suite = api.post("/api/v1/assignments/suite", Map.of("batchId", batch.id(), "size", 10)).json().get("assignments");
        StatementCounter.Counts claim = counter.counts();
        counter.reset();
        assertThat(api.post("/api/v1/assignments/submit", Map.of("submissions", answersTo(suite, "dog"))).status()).isEqualTo(200);
        StatementCounter.Counts submit = counter.counts();
        System.out.println("suite of 10: claim " + claim + "\nsubmit " + submit);
        assertThat(suite.size()).isEqualTo(10);
        assertThat((claim.total() + submit.total()) / 10.0).as("statements per task in a suite of ten").isLessThanOrEqualTo(7.0);
        assertThat(claim.checkouts()).isEqualTo(1);
        assertThat(submit.checkouts()).isEqualTo(1);
    }
}
