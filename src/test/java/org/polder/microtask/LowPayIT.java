package org.polder.microtask;

import org.junit.jupiter.api.Test;
import org.polder.account.CurrentUser;
import org.polder.ledger.Ledger;
import org.polder.ledger.LedgerAccount;
import org.polder.microtask.internal.MicrotaskJobs;
import org.polder.oversight.Decision;
import org.polder.oversight.Decisions;
import org.polder.testing.Api;
import org.polder.testing.Fixtures;
import org.polder.testing.PolderIT;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Measured pay per active hour below the floor (RIGHTS.md R7): after 20 submitted assignments the
 * batch's median is compared with the floor; every assignment is then topped up from escrow, with a
 * decision and a posting each, or the batch pauses when the requester's balance cannot fund it.
 */
class LowPayIT extends PolderIT {

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
    Decisions decisions;
    @Autowired
    Batches batches;
    @Autowired
    JdbcClient jdbc;

    /** 40 cents promised for 30 seconds (48 EUR per hour), but each task takes 3 minutes: 8 EUR per hour. */
    private List<Long> slowWork(Batch batch, List<CurrentUser> workers, int count) {
        List<Long> done = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            CurrentUser w = workers.get(i % workers.size());
            long a = claiming.claim(w, batch.id()).orElseThrow();
            clock.advance(Duration.ofMinutes(3));
            submissions.submit(w, a, Map.of("label", "cat"));
            done.add(a);
        }
        return done;
    }

    @Test
    void belowTheFloorEveryAssignmentIsToppedUpOnceWithADecisionAndAPosting() {
        CurrentUser requester = fixtures.requester();
        Batch batch = fixtures.published(requester, 30, 40, 1);
        fixtures.fund(requester, 5_000);
        List<CurrentUser> workers = List.of(fixtures.worker(), fixtures.worker(), fixtures.worker(), fixtures.worker());
        List<Long> first = slowWork(batch, workers, 19);
        reviews.review(requester, first.subList(0, 5), Reviews.Decision.APPROVE, null);
        jobs.runOnce();
        assertThat(batches.get(requester, batch.id()).lowPay()).as("no finding on 19 assignments").isNull();

        List<Long> all = new ArrayList<>(first);
        all.addAll(slowWork(batch, workers, 1));
        long balanceBefore = ledger.balance(LedgerAccount.organisation(requester.organisationId()));
        jobs.runOnce();
        jobs.runOnce();
        Batch found = batches.get(requester, batch.id());
        assertThat(found.state()).isEqualTo(Batch.State.PUBLISHED);
        assertThat(found.lowPay().medianPerHour().cents()).isEqualTo(800);
        assertThat(found.lowPay().floorPerHour().cents()).isEqualTo(1471);
        assertThat(found.lowPay().measured()).isEqualTo(20);
        assertThat(found.measuredPayPerHour().cents()).as("shown on every batch, not only below the floor").isEqualTo(800);
        assertThat(found.measuredAssignments()).isEqualTo(20);
        assertThat(batches.available(fixtures.worker()).stream().filter(b -> b.id() == batch.id()).findFirst().orElseThrow()
                .measuredPayPerHour().cents()).isEqualTo(800);
        assertThat(found.lowPay().action()).isEqualTo("TOP_UP");
        // 40 x 1471 / 800 = 73.55, rounded up to 74: 34 cents more per task.
        assertThat(found.lowPay().topUpPerAssignment().cents()).isEqualTo(34);
        // Funded for the 5 paid, the 15 awaiting review and the 10 still open.
        assertThat(balanceBefore - ledger.balance(LedgerAccount.organisation(requester.organisationId()))).isEqualTo(30 * 34);

        // The 5 paid before the finding got their top-up once, each with a decision that names the rule and the numbers.
        for (long a : first.subList(0, 5)) {
            assertThat(topUp(a)).isEqualTo(34);
        }
        CurrentUser firstWorker = workers.get(0);
        Decision topUp = decisions.forWorker(firstWorker.id(), 0, 50).items().stream().filter(d -> d.type().equals("PAY_TOPPED_UP"))
                .findFirst().orElseThrow();
        assertThat(topUp.rule()).isEqualTo("pay.low-pay-check");
        assertThat(topUp.inputs()).contains("\"medianPerHour\":800").contains("\"floorPerHour\":1471");
        assertThat(api().login(firstWorker.username(), Fixtures.PASSWORD).get("/api/v1/me/decisions").body()).contains("PAY_TOPPED_UP");

        // The rest is topped up when paid, by a person or automatically; nobody twice.
        reviews.review(requester, all.subList(5, 12), Reviews.Decision.APPROVE, null);
        clock.advance(Duration.ofHours(73));
        jobs.runOnce();
        jobs.runOnce();
        for (long a : all) {
            assertThat(topUp(a)).as("assignment %d", a).isEqualTo(34);
        }
        long topUpPostings = jdbc.sql("SELECT COUNT(*) FROM ledger_transaction WHERE kind = 'LOW_PAY_TOP_UP' AND reference LIKE ?")
                .param("top-up:assignment:%").query(Long.class).list().get(0);
        assertThat(topUpPostings).isGreaterThanOrEqualTo(20);
        for (long a : all) {
            assertThat(jdbc.sql("SELECT COUNT(*) FROM ledger_transaction WHERE reference = ?").param("top-up:assignment:" + a)
                    .query(Long.class).single()).isEqualTo(1);
        }

        // Stopping the batch returns what the open slots were funded with, top-ups included; no money made or lost.
        batches.cancel(requester, batch.id());
        assertThat(ledger.balance(LedgerAccount.batchEscrow(batch.id()))).isZero();
        assertThat(ledger.audit()).isEmpty();
    }

    @Test
    void withoutTheMoneyForATopUpTheBatchPausesUntilTheRequesterResumesIt() {
        CurrentUser requester = fixtures.requester();
        Batch batch = fixtures.published(requester, 25, 40, 1);
        List<CurrentUser> workers = List.of(fixtures.worker(), fixtures.worker(), fixtures.worker());
        slowWork(batch, workers, 20);
        jobs.runOnce();
        Batch paused = batches.get(requester, batch.id());
        assertThat(paused.state()).isEqualTo(Batch.State.PAUSED);
        assertThat(paused.lowPay().action()).isEqualTo("PAUSE");
        assertThat(claiming.claim(fixtures.worker(), batch.id())).as("no new tasks while paused").isEmpty();

        Api lab = api().login(requester.username(), Fixtures.PASSWORD);
        Api.Response refused = lab.post("/api/v1/batches/" + batch.id() + "/resume", Map.of());
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body()).contains("top-up");
        assertThat(batches.get(requester, batch.id()).state()).isEqualTo(Batch.State.PAUSED);

        fixtures.fund(requester, 25 * 34);
        Api.Response resumed = lab.post("/api/v1/batches/" + batch.id() + "/resume", Map.of());
        assertThat(resumed.status()).as(resumed.body()).isEqualTo(200);
        assertThat(resumed.json().get("state").asString()).isEqualTo("PUBLISHED");
        assertThat(claiming.claim(fixtures.worker(), batch.id())).isPresent();
        assertThat(api().login(fixtures.requester().username(), Fixtures.PASSWORD).post("/api/v1/batches/" + batch.id() + "/resume", Map.of())
                .status()).as("another organisation's batch").isEqualTo(404);
        assertThat(ledger.audit()).isEmpty();
    }

    private long topUp(long assignment) {
        return jdbc.sql("SELECT top_up FROM assignment WHERE id = ?").param(assignment).query(Long.class).single();
    }
}
