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
    @Autowired
    Representatives representatives;
    @Autowired
    org.polder.work.PlatformParameters parameters;

    /** How many workers other tests left entitled to vote in this test's window. */
    int others;

    @Test
    void aBindingVoteChangesTheFeeAndTheNextBatchsEscrowFollowsIt() {
        // Decades past every other test of this database, so that no one else did work in the vote's window.
        clock.advance(Duration.ofDays(365L * 30));
        CurrentUser requester = fixtures.requester();
        fixtures.fund(requester, 100_000);
        // Whoever else is working in the vote's window (couriers other tests left on duty count) is entitled to vote too:
        // there are as many members here as those and four more, so that the quorum is in this test's hands.
        java.time.Instant from = clock.instant().minus(Duration.ofDays(90));
        others = representatives.activeWorkers(from, clock.instant().plus(Duration.ofDays(15))).size();
        int count = others + 4;
        Batch work = fixtures.published(requester, count, 100, 1);
        List<CurrentUser> members = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            CurrentUser worker = fixtures.worker();
            long assignment = claiming.claim(worker, work.id()).orElseThrow();
            clock.advance(Duration.ofMinutes(2));
            submissions.submit(worker, assignment, Map.of("label", "cat"));
            members.add(worker);
        }
        CurrentUser idle = fixtures.worker();
        long before = fees.percent();
        long proposed = before == 10 ? 12 : 10;
        try {
            decideTheFee(members, idle, requester, before, proposed);
        } finally {
            // Other tests share this database: the fee goes back to what it was even when an assertion failed.
            if (fees.percent() != before) {
                fixtures.transactions().executeWithoutResult(s -> parameters.change(org.polder.work.Parameter.FEE_PERCENT, Long.toString(before),
                        consultations.list().get(0).id()));
            }
        }
    }

    private void decideTheFee(List<CurrentUser> members, CurrentUser idle, CurrentUser requester, long before, long proposed) {
        int count = members.size();
        int others = this.others;

        Api admin = api().login(fixtures.admin().username(), Fixtures.PASSWORD);
        Api.Response opened = admin.post("/api/v1/admin/consultations", Map.of("parameter", "fees.percent", "value", Long.toString(proposed),
                "explanation", "A lower fee now that the cooperative covers its costs"));
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        long id = opened.id();
        assertThat(opened.json().get("binding").asBoolean()).isTrue();
        assertThat(admin.get("/api/v1/governance").json().get("model").asString()).isEqualTo("COOPERATIVE");

        // Members vote once each; who did no work, a requester and the admin do not vote; the admin cannot apply it.
        List<Api> ballots = members.stream().map(m -> api().login(m.username(), Fixtures.PASSWORD)).toList();
        for (int i = 0; i < count - 1; i++) {
            assertThat(ballots.get(i).post("/api/v1/consultations/" + id + "/votes", Map.of("yes", true)).status()).isEqualTo(201);
        }
        assertThat(ballots.get(count - 1).post("/api/v1/consultations/" + id + "/votes", Map.of("yes", false)).status()).isEqualTo(201);
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
        assertThat(decided.vote()).isEqualTo(new Consultation.VoteResult(count - 1, 1, others + count, 50, 50));
        assertThat(decided.decisionNote()).contains((count - 1) + " for, 1 against").contains("of " + (others + count) + " entitled");
        assertThat(fees.percent()).isEqualTo(proposed);

        // The next batch's escrow holds the reward and the fee the members voted for.
        Batch next = fixtures.published(requester, 2, 100, 1);
        assertThat(ledger.balance(LedgerAccount.batchEscrow(next.id()))).isEqualTo(2 * (100 + Fees.feeFor(100, proposed)));

        // Below the quorum nothing changes, whatever the majority; then the members vote the fee back.
        long back = vote(admin, "fees.percent", before, members.subList(0, 1));
        assertThat(consultations.get(back).state()).isEqualTo(Consultation.State.REJECTED);
        assertThat(consultations.get(back).vote().yes()).isEqualTo(1);
        assertThat(fees.percent()).isEqualTo(proposed);
        long restored = vote(admin, "fees.percent", before, members);
        assertThat(consultations.get(restored).state()).isEqualTo(Consultation.State.APPLIED);
        assertThat(fees.percent()).isEqualTo(before);
    }

    /** Opens a vote on a new value, has these members vote yes, and closes it. */
    private long vote(Api admin, String key, long value, List<CurrentUser> yes) {
        long opened = consultations.propose(fixtures.admin(), key, Long.toString(value), "Back to the fee we had before this test", null).id();
        yes.forEach(m -> consultations.vote(m, opened, true));
        clock.advance(Duration.ofDays(14));
        assertThat(consultations.closeVotes()).isEqualTo(1);
        return opened;
    }
}
