package org.polder.voice;

import org.junit.jupiter.api.Test;
import org.polder.account.CurrentUser;
import org.polder.ledger.Fees;
import org.polder.ledger.Ledger;
import org.polder.ledger.LedgerAccount;
import org.polder.microtask.Batch;
import org.polder.microtask.Claiming;
import org.polder.microtask.Submissions;
import org.polder.testing.Api;
import org.polder.testing.Fixtures;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On a platform run as a cooperative, the working members decide rule changes by a binding vote: one member one vote,
 * secret, a quorum and a majority. A carried vote changes the fee when it closes, and the next batch's escrow follows.
 */
class CooperativeIT extends AtACooperativeIT {

    @Autowired
    Consultations consultations;
    @Autowired
    Fees fees;
    @Autowired
    Ledger ledger;
    @Autowired
    Claiming claiming;
    @Autowired
    Submissions submissions;

    @Test
    void aBindingVoteChangesTheFeeAndTheNextBatchsEscrowFollowsIt() {
        // Far from every other test's work, so that exactly the members made here are entitled to vote.
        clock.advance(Duration.ofDays(365L * 30));
        CurrentUser requester = fixtures.requester();
        fixtures.fund(requester, 100_000);
        Batch work = fixtures.published(requester, 4, 100, 1);
        List<CurrentUser> members = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            CurrentUser worker = fixtures.worker();
            long assignment = claiming.claim(worker, work.id()).orElseThrow();
            clock.advance(Duration.ofMinutes(2));
            submissions.submit(worker, assignment, Map.of("label", "cat"));
            members.add(worker);
        }
        CurrentUser idle = fixtures.worker();
        long before = fees.percent();
        long proposed = before == 10 ? 12 : 10;

        Api admin = api().login(fixtures.admin().username(), Fixtures.PASSWORD);
        Api.Response opened = admin.post("/api/v1/admin/consultations", Map.of("parameter", "fees.percent", "value", Long.toString(proposed),
                "explanation", "A lower fee now that the cooperative covers its costs"));
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        long id = opened.id();
        assertThat(opened.json().get("binding").asBoolean()).isTrue();
        assertThat(admin.get("/api/v1/governance").json().get("model").asString()).isEqualTo("COOPERATIVE");

        // Members vote once each; who did no work, a requester and the admin do not vote; the admin cannot apply it.
        List<Api> ballots = members.stream().map(m -> api().login(m.username(), Fixtures.PASSWORD)).toList();
        for (int i = 0; i < 3; i++) {
            assertThat(ballots.get(i).post("/api/v1/consultations/" + id + "/votes", Map.of("yes", true)).status()).isEqualTo(201);
        }
        assertThat(ballots.get(3).post("/api/v1/consultations/" + id + "/votes", Map.of("yes", false)).status()).isEqualTo(201);
        assertThat(ballots.get(0).post("/api/v1/consultations/" + id + "/votes", Map.of("yes", false)).status()).as("one vote").isEqualTo(409);
        assertThat(api().login(idle.username(), Fixtures.PASSWORD).post("/api/v1/consultations/" + id + "/votes", Map.of("yes", true)).status())
                .isEqualTo(403);
        assertThat(api().login(requester.username(), Fixtures.PASSWORD).post("/api/v1/consultations/" + id + "/votes", Map.of("yes", true)).status())
                .isEqualTo(403);
        assertThat(admin.post("/api/v1/admin/consultations/" + id + "/apply", Map.of()).status()).isEqualTo(409);
        assertThat(ballots.get(0).get("/api/v1/consultations/" + id).json().get("consultation").get("vote").isNull())
                .as("no counts while the vote runs").isTrue();
        assertThat(ballots.get(0).get("/api/v1/consultations/" + id).body()).doesNotContain(members.get(0).username());

        assertThat(consultations.closeVotes()).as("not before it closes").isZero();
        assertThat(fees.percent()).isEqualTo(before);
        clock.advance(Duration.ofDays(14));
        assertThat(consultations.closeVotes()).isEqualTo(1);
        assertThat(consultations.closeVotes()).as("closed once").isZero();
        Consultation decided = consultations.get(id);
        assertThat(decided.state()).isEqualTo(Consultation.State.APPLIED);
        assertThat(decided.vote()).isEqualTo(new Consultation.Vote(3, 1, 4, 50, 50));
        assertThat(decided.vote().turnoutPercent()).isEqualTo(100);
        assertThat(decided.decisionNote()).contains("3 for, 1 against").contains("turnout 100% of 4");
        assertThat(fees.percent()).isEqualTo(proposed);

        // The next batch's escrow holds the reward and the fee the members voted for.
        Batch next = fixtures.published(requester, 2, 100, 1);
        assertThat(ledger.balance(LedgerAccount.batchEscrow(next.id()))).isEqualTo(2 * (100 + Fees.feeFor(100, proposed)));

        // Below the quorum nothing changes, whatever the majority; then the members vote the fee back.
        long back = vote(admin, "fees.percent", before, ballots.subList(0, 1));
        assertThat(consultations.get(back).state()).isEqualTo(Consultation.State.REJECTED);
        assertThat(consultations.get(back).vote().turnoutPercent()).isEqualTo(25);
        assertThat(fees.percent()).isEqualTo(proposed);
        long restored = vote(admin, "fees.percent", before, ballots.subList(0, 2));
        assertThat(consultations.get(restored).state()).isEqualTo(Consultation.State.APPLIED);
        assertThat(fees.percent()).isEqualTo(before);
    }

    /** Opens a vote on a new value, has these members vote yes, and closes it. */
    private long vote(Api admin, String key, long value, List<Api> yes) {
        Api.Response opened = admin.post("/api/v1/admin/consultations", Map.of("parameter", key, "value", Long.toString(value),
                "explanation", "Back to the fee we had before this test"));
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        yes.forEach(b -> assertThat(b.post("/api/v1/consultations/" + opened.id() + "/votes", Map.of("yes", true)).status()).isEqualTo(201));
        clock.advance(Duration.ofDays(14));
        assertThat(consultations.closeVotes()).isEqualTo(1);
        return opened.id();
    }
}
