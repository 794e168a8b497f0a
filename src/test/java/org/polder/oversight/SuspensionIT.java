package org.polder.oversight;

import org.junit.jupiter.api.Test;
import org.polder.account.CurrentUser;
import org.polder.microtask.Batch;
import org.polder.testing.Api;
import org.polder.testing.Fixtures;
import org.polder.testing.PolderIT;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Only a moderator suspends, with a reason; the worker reads it, takes no new work, and can appeal to another moderator. */
class SuspensionIT extends PolderIT {

    @Autowired
    Decisions decisions;

    @Test
    void aModeratorSuspendsWithAReasonAndAnUpheldAppealLiftsIt() {
        CurrentUser requester = fixtures.requester();
        Batch batch = fixtures.published(requester, 3, 40, 1);
        CurrentUser worker = fixtures.worker();
        CurrentUser moderator = fixtures.moderator();
        Api mod = api().login(moderator.username(), Fixtures.PASSWORD);
        Api me = api().login(worker.username(), Fixtures.PASSWORD);
        String path = "/api/v1/moderation/accounts/" + worker.id() + "/suspension";

        // Nobody but a moderator suspends: not the worker, not a requester, not an admin without the role.
        assertThat(me.post(path, Map.of("reason", "I suspend myself for fun")).status()).isEqualTo(403);
        assertThat(api().login(requester.username(), Fixtures.PASSWORD).post(path, Map.of("reason", "We do not like this one")).status())
                .isEqualTo(403);
        assertThat(api().login(fixtures.admin().username(), Fixtures.PASSWORD).post(path, Map.of("reason", "Admins are not moderators")).status())
                .isEqualTo(403);
        // A reason is required, and an end in the past is refused; neither changes anything.
        Api.Response noReason = mod.post(path, Map.of("reason", "bad"));
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.body()).contains("reason");
        assertThat(mod.post(path, Map.of("reason", "Copied answers from a bot", "until", clock.instant().minusSeconds(60).toString())).status())
                .isEqualTo(400);
        assertThat(me.post("/api/v1/assignments", Map.of("batchId", batch.id())).status()).isIn(200, 201);

        Api.Response suspended = mod.post(path, Map.of("reason", "Answers copied from another worker in three batches"));
        assertThat(suspended.status()).as(suspended.body()).isEqualTo(201);
        assertThat(suspended.json().get("decidedBy").asLong()).isEqualTo(moderator.id());

        // The worker takes no new work but reads the decision, with the moderator's reason, the same day.
        Api.Response refused = me.post("/api/v1/assignments", Map.of("batchId", batch.id()));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).contains("suspended");
        JsonNode decision = me.get("/api/v1/me/decisions").json().get("items").get(0);
        assertThat(decision.get("type").asString()).isEqualTo("ACCOUNT_SUSPENDED");
        assertThat(decision.get("reason").asString()).isEqualTo("Answers copied from another worker in three batches");
        assertThat(me.get("/api/v1/me/export").status()).as("a suspended worker still gets their data").isEqualTo(200);
        assertThat(mod.get("/api/v1/moderation/suspensions").body()).contains("\"accountId\":" + worker.id());
        assertThat(me.get("/api/v1/moderation/suspensions").status()).isEqualTo(403);

        // The worker appeals; the moderator who suspended cannot answer it, another one upholds it.
        long appealId = me.post("/api/v1/me/decisions/" + decision.get("id").asLong() + "/appeal",
                Map.of("statement", "We worked side by side on the same sheet, with the requester's consent")).id();
        assertThat(mod.post("/api/v1/moderation/appeals/" + appealId + "/decision", Map.of("upheld", true, "answer", "ok")).status())
                .isEqualTo(403);
        Api other = api().login(fixtures.moderator().username(), Fixtures.PASSWORD);
        Api.Response upheld = other.post("/api/v1/moderation/appeals/" + appealId + "/decision",
                Map.of("upheld", true, "answer", "The requester confirms you worked together"));
        assertThat(upheld.status()).as(upheld.body()).isEqualTo(200);
        assertThat(me.post("/api/v1/assignments", Map.of("batchId", batch.id())).status()).isIn(200, 201);
        assertThat(me.get("/api/v1/me/decisions").json().get("items").get(0).get("effect").asString()).isEqualTo("The suspension is lifted");
    }

    @Test
    void aSuspensionWithAnEndRunsOutAndOneCanBeLiftedEarly() {
        CurrentUser worker = fixtures.worker();
        Api mod = api().login(fixtures.moderator().username(), Fixtures.PASSWORD);
        String path = "/api/v1/moderation/accounts/" + worker.id() + "/suspension";
        assertThat(mod.post(path, Map.of("reason", "Threatening messages to a requester", "until",
                clock.instant().plus(Duration.ofDays(2)).toString())).status()).isEqualTo(201);
        assertThat(standing().suspension(worker.id())).isPresent();
        clock.advance(Duration.ofDays(2).plusSeconds(1));
        assertThat(standing().suspension(worker.id())).as("over when its end has passed").isEmpty();

        assertThat(mod.post(path, Map.of("reason", "Threatening messages to a requester, again")).status()).isEqualTo(201);
        assertThat(mod.delete(path, Map.of("reason", " ")).status()).isEqualTo(400);
        Api.Response lifted = mod.delete(path, Map.of("reason", "Talked it through with the worker and the requester"));
        assertThat(lifted.status()).as(lifted.body()).isEqualTo(200);
        assertThat(lifted.json().get("type").asString()).isEqualTo("ACCOUNT_REINSTATED");
        assertThat(standing().suspension(worker.id())).isEmpty();
        assertThat(mod.delete(path, Map.of("reason", "once more")).status()).isEqualTo(409);
    }

    @Test
    void noAutomatedRuleCanRecordASuspension() {
        CurrentUser worker = fixtures.worker();
        assertThatThrownBy(() -> fixtures.transactions().executeWithoutResult(tx -> decisions.record(Decisions.Draft.about(worker.id(), OversightDecision.ACCOUNT_SUSPENDED)
                .rule("review.auto-approval", 1)
                .effect("No new work")
                .reason("automated")))).isInstanceOf(IllegalStateException.class).hasMessageContaining("moderator");
        assertThat(decisions.forWorker(worker.id(), 0, 10).total()).isZero();
    }

    @Autowired
    org.polder.account.AccountStanding standing;

    private org.polder.account.AccountStanding standing() {
        return standing;
    }
}
