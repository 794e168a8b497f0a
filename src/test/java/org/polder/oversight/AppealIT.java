package org.polder.oversight;

import org.junit.jupiter.api.Test;
import org.polder.account.CurrentUser;
import org.polder.ledger.Ledger;
import org.polder.ledger.LedgerAccount;
import org.polder.microtask.Batch;
import org.polder.microtask.Claiming;
import org.polder.microtask.Reviews;
import org.polder.microtask.Submissions;
import org.polder.testing.Api;
import org.polder.testing.Fixtures;
import org.polder.testing.PolderIT;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** An upheld appeal turns a rejection into a paid approval, exactly once, and writes its own decision. */
class AppealIT extends PolderIT {

    /** A decision type no module takes, for this test only. */
    enum TestDecision implements org.polder.oversight.DecisionType { ACCOUNT_WARNING }

    @Autowired
    Claiming claiming;
    @Autowired
    Submissions submissions;
    @Autowired
    Reviews reviews;
    @Autowired
    Ledger ledger;
    @Autowired
    Decisions decisions;

    @Test
    void anUpheldAppealAgainstARejectionPaysTheWorkerExactlyOnce() throws Exception {
        CurrentUser requester = fixtures.requester();
        Batch batch = fixtures.published(requester, 2, 40, 1);
        CurrentUser worker = fixtures.worker();
        long assignment = claiming.claim(worker, batch.id()).orElseThrow();
        submissions.submit(worker, assignment, Map.of("label", "cat"));
        reviews.reject(requester, assignment, "Looks like a dog to me");

        Api me = api().login(worker.username(), Fixtures.PASSWORD);
        JsonNode rejection = me.get("/api/v1/me/decisions").json().get("items").get(0);
        assertThat(rejection.get("type").asString()).isEqualTo("WORK_REJECTED");
        assertThat(rejection.get("decidedBy").asLong()).isEqualTo(requester.id());
        long decisionId = rejection.get("id").asLong();

        assertThat(api().login(fixtures.worker().username(), Fixtures.PASSWORD)
                .post("/api/v1/me/decisions/" + decisionId + "/appeal", Map.of("statement", "mine now")).status())
                .as("nobody appeals someone else's decision").isEqualTo(404);
        assertThat(me.post("/api/v1/me/decisions/" + decisionId + "/appeal", Map.of("statement", " ")).status()).isEqualTo(400);
        Api.Response appealed = me.post("/api/v1/me/decisions/" + decisionId + "/appeal",
                Map.of("statement", "The picture shows a cat: look at the ears"));
        assertThat(appealed.status()).as(appealed.body()).isEqualTo(201);
        long appealId = appealed.id();
        assertThat(appealed.json().get("state").asString()).isEqualTo("OPEN");
        assertThat(me.post("/api/v1/me/decisions/" + decisionId + "/appeal", Map.of("statement", "again")).status())
                .as("one open appeal per decision").isEqualTo(409);
        assertThat(me.get("/api/v1/moderation/appeals").status()).isEqualTo(403);

        // The requester sees the appeal about their work and comments; nobody else's organisation sees it.
        Api lab = api().login(requester.username(), Fixtures.PASSWORD);
        assertThat(lab.get("/api/v1/organisation/appeals").body()).contains("\"id\":" + appealId + ",");
        assertThat(lab.post("/api/v1/organisation/appeals/" + appealId + "/comments", Map.of("body", "The guidelines say dogs")).status())
                .isEqualTo(201);
        Api stranger = api().login(fixtures.requester().username(), Fixtures.PASSWORD);
        assertThat(stranger.get("/api/v1/organisation/appeals").body()).doesNotContain("\"id\":" + appealId + ",");
        assertThat(stranger.post("/api/v1/organisation/appeals/" + appealId + "/comments", Map.of("body", "x")).status()).isEqualTo(404);
        assertThat(stranger.get("/api/v1/appeals/" + appealId + "/comments").status()).isEqualTo(404);
        assertThat(me.get("/api/v1/appeals/" + appealId + "/comments").body()).contains("The guidelines say dogs");

        // Two moderators uphold it at the same moment: the worker is paid once.
        List<Api> moderators = List.of(api().login(fixtures.moderator().username(), Fixtures.PASSWORD),
                api().login(fixtures.moderator().username(), Fixtures.PASSWORD));
        assertThat(moderators.get(0).get("/api/v1/moderation/appeals").body()).contains("\"id\":" + appealId + ",");
        assertThat(moderators.get(0).get("/api/v1/appeals/" + appealId + "/comments").body()).contains("The guidelines say dogs");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Api.Response>> answers = new ArrayList<>();
        for (Api moderator : moderators) {
            answers.add(pool.submit(() -> {
                start.await();
                return moderator.post("/api/v1/moderation/appeals/" + appealId + "/decision",
                        Map.of("upheld", true, "answer", "Agreed: it is a cat"));
            }));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Api.Response> answer : answers) {
            statuses.add(answer.get(1, TimeUnit.MINUTES).status());
        }
        pool.shutdown();
        assertThat(statuses).containsExactlyInAnyOrder(200, 409);

        assertThat(ledger.balance(LedgerAccount.worker(worker.id()))).isEqualTo(40);
        assertThat(me.get("/api/v1/assignments/" + assignment).json().get("state").asString()).isEqualTo("PAID");
        JsonNode mine = me.get("/api/v1/me/appeals").json().get(0);
        assertThat(mine.get("state").asString()).isEqualTo("UPHELD");
        assertThat(mine.get("answer").asString()).isEqualTo("Agreed: it is a cat");
        JsonNode outcome = me.get("/api/v1/me/decisions").json().get("items").get(0);
        assertThat(outcome.get("type").asString()).isEqualTo("APPEAL_UPHELD");
        assertThat(outcome.get("effect").asString()).contains("paid");
        assertThat(ledger.audit()).isEmpty();
    }

    @Test
    void aModeratorDoesNotAnswerAnAppealAboutTheirOwnDecision() {
        CurrentUser worker = fixtures.worker();
        CurrentUser moderator = fixtures.moderator();
        long decision = fixtures.transactions().execute(s -> decisions.record(Decisions.Draft.about(worker.id(), TestDecision.ACCOUNT_WARNING)
                .by(moderator.id())
                .effect("A warning")
                .reason("Rude messages")));
        long appeal = api().login(worker.username(), Fixtures.PASSWORD).post("/api/v1/me/decisions/" + decision + "/appeal",
                Map.of("statement", "It was not me")).id();
        Api own = api().login(moderator.username(), Fixtures.PASSWORD);
        assertThat(own.get("/api/v1/moderation/appeals").body()).doesNotContain("\"id\":" + appeal + ",");
        assertThat(own.post("/api/v1/moderation/appeals/" + appeal + "/decision", Map.of("upheld", false, "answer", "No")).status())
                .isEqualTo(403);
        Api other = api().login(fixtures.moderator().username(), Fixtures.PASSWORD);
        Api.Response dismissed = other.post("/api/v1/moderation/appeals/" + appeal + "/decision", Map.of("upheld", false, "answer", "The logs show it was"));
        assertThat(dismissed.json().get("state").asString()).isEqualTo("DISMISSED");
    }
}
