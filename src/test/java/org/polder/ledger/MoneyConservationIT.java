package org.polder.ledger;

import org.junit.jupiter.api.Test;
import org.polder.account.CurrentUser;
import org.polder.microtask.Batch;
import org.polder.microtask.Batches;
import org.polder.microtask.Claiming;
import org.polder.microtask.Reviews;
import org.polder.microtask.Submissions;
import org.polder.microtask.internal.MicrotaskJobs;
import org.polder.testing.PolderIT;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Money is never created or lost: across publish, approve, reject, expiry, cancel and payout, every cent is accounted for. */
class MoneyConservationIT extends PolderIT {

    @Autowired
    Ledger ledger;
    @Autowired
    Batches batches;
    @Autowired
    Claiming claiming;
    @Autowired
    Submissions submissions;
    @Autowired
    Reviews reviews;
    @Autowired
    Payouts payouts;
    @Autowired
    MicrotaskJobs jobs;
    @Autowired
    JdbcClient jdbc;

    @Test
    void everyCentIsAccountedForThroughTheWholeLifecycle() {
        CurrentUser requester = fixtures.requester();
        long org = requester.organisationId();
        fixtures.fund(requester, 10_000);
        CurrentUser ann = fixtures.worker();
        CurrentUser ben = fixtures.worker();
        CurrentUser cas = fixtures.worker();

        // 4 tasks x 2 assignments at 40 cents (+ 8 fee) = 384 cents into escrow.
        Batch batch = batches.publish(requester, fixtures.draft(requester, 4, 40, 2).id());
        assertThat(balance(LedgerAccount.organisation(org))).isEqualTo(10_000 - 384);
        assertThat(balance(LedgerAccount.batchEscrow(batch.id()))).isEqualTo(384);

        long a1 = doTask(ann, batch.id());
        long a2 = doTask(ann, batch.id());
        long b1 = doTask(ben, batch.id());
        long c1 = claiming.claim(cas, batch.id()).orElseThrow(); // will expire

        reviews.approve(requester, a1);                       // 40 to Ann, 8 fee
        reviews.reject(requester, a2, "Wrong label");         // 48 back to the organisation
        assertThat(balance(LedgerAccount.worker(ann.id()))).isEqualTo(40);
        assertThat(balance(LedgerAccount.organisation(org))).isEqualTo(10_000 - 384 + 48);

        clock.advance(Duration.ofSeconds(601));               // Cas's deadline passes: the slot goes back on offer
        jobs.runOnce();
        assertThat(claimed(c1)).isEqualTo("EXPIRED");
        assertThat(balance(LedgerAccount.batchEscrow(batch.id()))).isEqualTo(384 - 48 - 48);

        long c2 = claiming.claim(cas, batch.id()).orElseThrow(); // Cas works on; the requester cancels meanwhile
        batches.cancel(requester, batch.id());
        // Escrow keeps exactly what work under way or awaiting review may still cost: Ben's submission and Cas's task.
        assertThat(balance(LedgerAccount.batchEscrow(batch.id()))).isEqualTo(2 * 48);
        submissions.submit(cas, c2, Map.of("label", "dog"));

        clock.advance(Duration.ofHours(73));                  // nobody reviews: both are approved automatically
        jobs.runOnce();
        assertThat(claimed(b1)).isEqualTo("PAID");
        assertThat(claimed(c2)).isEqualTo("PAID");
        assertThat(balance(LedgerAccount.batchEscrow(batch.id()))).isZero();

        fixtures.payable(ann, 0);
        payouts.request(ann.id(), 40);
        assertThat(balance(LedgerAccount.worker(ann.id()))).isZero();
        long payoutId = payouts.ofWorker(ann.id()).get(0).id();
        payouts.markPaid(fixtures.admin().id(), payoutId, "SEPA");

        // Requester spent 3 approved slots (3 x 48); the rest came back.
        assertThat(balance(LedgerAccount.organisation(org))).isEqualTo(10_000 - 3 * 48);
        assertThat(balance(LedgerAccount.worker(ben.id())) + balance(LedgerAccount.worker(cas.id()))).isEqualTo(80);
        assertThat(ledger.audit()).isEmpty();
    }

    @Test
    void publishingWithoutEnoughFundsFailsAndChangesNothing() {
        CurrentUser requester = fixtures.requester();
        fixtures.fund(requester, 100);
        Batch draft = fixtures.draft(requester, 10, 40, 1); // costs 480
        assertThatThrownBy(() -> batches.publish(requester, draft.id()))
                .isInstanceOf(InsufficientFunds.class)
                .hasMessageContaining("needs €4.80").hasMessageContaining("has €1.00");
        assertThat(batches.get(requester, draft.id()).state()).isEqualTo(Batch.State.DRAFT);
        assertThat(balance(LedgerAccount.organisation(requester.organisationId()))).isEqualTo(100);
        assertThat(balance(LedgerAccount.batchEscrow(draft.id()))).isZero();
        assertThat(ledger.audit()).isEmpty();
    }

    @Test
    void aBatchThatExpiresReturnsItsUnspentEscrow() {
        CurrentUser requester = fixtures.requester();
        Batch batch = fixtures.published(requester, 5, 40, 1);
        CurrentUser worker = fixtures.worker();
        long a = doTask(worker, batch.id());
        clock.advance(Duration.ofDays(8));                    // past the default expiry of 7 days and the review window
        jobs.runOnce();
        assertThat(batches.get(requester, batch.id()).state()).isEqualTo(Batch.State.EXPIRED);
        assertThat(claimed(a)).isEqualTo("PAID");
        assertThat(balance(LedgerAccount.batchEscrow(batch.id()))).isZero();
        assertThat(balance(LedgerAccount.organisation(requester.organisationId()))).isEqualTo(4 * 48);
        assertThat(ledger.audit()).isEmpty();
    }

    @Test
    void aPayoutCannotExceedTheBalance() {
        CurrentUser worker = fixtures.worker();
        fixtures.payable(worker, 0);
        assertThatThrownBy(() -> payouts.request(worker.id(), 1)).isInstanceOf(InsufficientFunds.class);
        assertThat(payouts.ofWorker(worker.id())).isEmpty();
    }

    private long doTask(CurrentUser worker, long batchId) {
        long id = claiming.claim(worker, batchId).orElseThrow();
        submissions.submit(worker, id, Map.of("label", "cat"));
        return id;
    }

    private String claimed(long assignmentId) {
        return jdbc.sql("SELECT state FROM assignment WHERE id = ?").param(assignmentId).query(String.class).single();
    }

    private long balance(LedgerAccount account) {
        return ledger.balance(account);
    }
}
