package org.polder.microtask;

import org.junit.jupiter.api.Test;
import org.polder.account.CurrentUser;
import org.polder.common.DomainException;
import org.polder.common.NotFoundException;
import org.polder.ledger.InsufficientFunds;
import org.polder.ledger.Ledger;
import org.polder.ledger.LedgerAccount;
import org.polder.testing.Api;
import org.polder.testing.Fixtures;
import org.polder.testing.PolderIT;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Changing live work: more answers per task funded into escrow at once (all or nothing), a later expiry, and
 * every wrong request refused with nothing changed.
 */
class BatchExtensionIT extends PolderIT {

    @Autowired
    Batches batches;
    @Autowired
    Claiming claiming;
    @Autowired
    Submissions submissions;
    @Autowired
    Ledger ledger;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Reviews reviews;
    @Autowired
    org.polder.ledger.Fees fees;

    @Test
    void moreAnswersAreFundedAtOnceAndOfferedToOtherWorkers() {
        CurrentUser requester = fixtures.requester();
        Batch batch = fixtures.published(requester, 3, 40, 1);
        long slotCost = batch.cost().cents() / 3;
        CurrentUser ann = fixtures.worker();
        for (int i = 0; i < 3; i++) {
            submissions.submit(ann, claiming.claim(ann, batch.id()).orElseThrow(), Map.of("label", "cat"));
        }
        CurrentUser ben = fixtures.worker();
        assertThat(claiming.claim(ben, batch.id())).as("every task answered once").isEmpty();

        // Not enough money: refused whole, nothing changed.
        assertThatThrownBy(() -> batches.change(requester, batch.id(), new Batches.Change(null, 1, null))).isInstanceOf(InsufficientFunds.class);
        assertThat(openSlots(batch.id())).isZero();
        assertThat(batches.get(requester, batch.id()).assignmentsPerTask()).isEqualTo(1);

        fixtures.fund(requester, 3 * slotCost);
        long escrowBefore = ledger.balance(LedgerAccount.batchEscrow(batch.id()));
        Batch more = batches.change(requester, batch.id(), new Batches.Change(null, 1, null));
        assertThat(more.assignmentsPerTask()).isEqualTo(2);
        assertThat(ledger.balance(LedgerAccount.batchEscrow(batch.id())) - escrowBefore).isEqualTo(3 * slotCost);
        assertThat(ledger.balance(LedgerAccount.organisation(requester.organisationId()))).isZero();
        assertThat(claiming.claim(ann, batch.id())).as("never the same task twice").isEmpty();
        for (int i = 0; i < 3; i++) {
            assertThat(claiming.claim(ben, batch.id())).isPresent();
        }
        assertThat(claiming.claim(fixtures.worker(), batch.id())).isEmpty();
        assertThat(ledger.audit()).isEmpty();
    }

    @Test
    void aLaterExpiryKeepsTheBatchOnOfferAndWrongChangesAreRefused() {
        CurrentUser requester = fixtures.requester();
        Batch batch = fixtures.published(requester, 2, 40, 1);
        Instant later = batch.expiresAt().plus(Duration.ofDays(3));
        assertThatThrownBy(() -> batches.change(requester, batch.id(), new Batches.Change(batch.expiresAt().minus(Duration.ofHours(1)), null, null)))
                .isInstanceOf(DomainException.class).hasMessageContaining("expiresAt");
        assertThatThrownBy(() -> batches.change(requester, batch.id(), new Batches.Change(clock.instant().plus(Duration.ofDays(91)), null, null)))
                .hasMessageContaining("expiresAt");
        assertThatThrownBy(() -> batches.change(requester, batch.id(), new Batches.Change(null, null, null))).hasMessageContaining("say what to change");
        assertThatThrownBy(() -> batches.change(requester, batch.id(), new Batches.Change(null, 0, null))).hasMessageContaining("moreAnswersPerTask");
        assertThatThrownBy(() -> batches.change(fixtures.requester(), batch.id(), new Batches.Change(later, null, null))).isInstanceOf(NotFoundException.class);
        assertThat(batches.get(requester, batch.id()).expiresAt()).isEqualTo(batch.expiresAt());

        assertThat(batches.change(requester, batch.id(), new Batches.Change(later, null, null)).expiresAt()).isEqualTo(later);
        clock.advance(Duration.between(clock.instant(), batch.expiresAt()).plusHours(1));
        assertThat(claiming.claim(fixtures.worker(), batch.id())).as("still on offer after the old expiry").isPresent();

        Batch draft = fixtures.draft(requester, 2, 40, 1);
        assertThatThrownBy(() -> batches.change(requester, draft.id(), new Batches.Change(null, 1, null))).hasMessageContaining("only work on offer");

        // Through the API, and as a page form, the same rules.
        Api lena = api().login(requester.username(), Fixtures.PASSWORD);
        Api.Response wrong = lena.post("/api/v1/batches/" + batch.id() + "/change", Map.of("moreAnswersPerTask", 500));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.body()).contains("moreAnswersPerTask");
        assertThat(api().login(fixtures.worker().username(), Fixtures.PASSWORD)
                .post("/api/v1/batches/" + batch.id() + "/change", Map.of("moreAnswersPerTask", 1)).status()).isIn(403, 404);
    }

    @Test
    void aHigherRewardReachesWorkAlreadyTakenIsFundedAtOnceAndIsNeverLowered() {
        CurrentUser requester = fixtures.requester();
        Batch batch = fixtures.published(requester, 4, 40, 1);
        CurrentUser ann = fixtures.worker();
        CurrentUser ben = fixtures.worker();
        long started = claiming.claim(ann, batch.id()).orElseThrow();
        long submitted = claiming.claim(ben, batch.id()).orElseThrow();
        submissions.submit(ben, submitted, Map.of("label", "cat"));
        long fee40 = batch.fee().cents();
        long fee60 = fees.feeFor(60);

        assertThatThrownBy(() -> batches.change(requester, batch.id(), new Batches.Change(null, null, 30L))).hasMessageContaining("never lowered");
        fixtures.fund(requester, 4 * (60 + fee60 - 40 - fee40));
        long escrowBefore = ledger.balance(LedgerAccount.batchEscrow(batch.id()));
        Batch raised = batches.change(requester, batch.id(), new Batches.Change(null, null, 60L));
        assertThat(raised.reward().cents()).isEqualTo(60);
        // Two places open, two taken and not yet paid: four places at the difference.
        assertThat(ledger.balance(LedgerAccount.batchEscrow(batch.id())) - escrowBefore).isEqualTo(4 * (60 + fee60 - 40 - fee40));

        submissions.submit(ann, started, Map.of("label", "dog"));
        reviews.approve(requester, started);
        reviews.approve(requester, submitted);
        assertThat(ledger.balance(LedgerAccount.worker(ann.id()))).isEqualTo(60);
        assertThat(ledger.balance(LedgerAccount.worker(ben.id()))).isEqualTo(60);
        batches.cancel(requester, batch.id());
        assertThat(ledger.balance(LedgerAccount.batchEscrow(batch.id()))).isZero();
        assertThat(ledger.audit()).isEmpty();
    }

    /** Claims on many threads while the reward is raised: every cent of escrow is paid out or returned, none made up. */
    @Test
    void raisingWhileWorkersClaimNeitherMakesNorLosesMoney() throws Exception {
        CurrentUser requester = fixtures.requester();
        Batch batch = fixtures.published(requester, 40, 40, 1);
        fixtures.fund(requester, 1_000_000);
        java.util.List<CurrentUser> workers = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            workers.add(fixtures.worker());
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(9);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        java.util.List<java.util.concurrent.Future<java.util.List<Long>>> claimed = new java.util.ArrayList<>();
        for (CurrentUser w : workers) {
            claimed.add(pool.submit(() -> {
                go.await();
                java.util.List<Long> mine = new java.util.ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    claiming.claim(w, batch.id()).ifPresent(a -> {
                        submissions.submit(w, a, Map.of("label", "cat"));
                        mine.add(a);
                    });
                }
                return mine;
            }));
        }
        java.util.concurrent.Future<?> raise = pool.submit(() -> {
            go.await();
            for (long reward = 45; reward <= 60; reward += 5) {
                batches.change(requester, batch.id(), new Batches.Change(null, null, reward));
            }
            return null;
        });
        go.countDown();
        raise.get();
        long done = 0;
        for (var f : claimed) {
            for (long a : f.get()) {
                reviews.approve(requester, a);
                done++;
            }
        }
        pool.shutdown();
        assertThat(done).isEqualTo(40);
        batches.cancel(requester, batch.id());
        assertThat(ledger.balance(LedgerAccount.batchEscrow(batch.id()))).isZero();
        assertThat(ledger.audit()).isEmpty();
    }

    private long openSlots(long batchId) {
        return jdbc.sql("SELECT COALESCE(SUM(open_slots), 0) FROM task WHERE batch_id = ?").param(batchId).query(Long.class).single();
    }
}
