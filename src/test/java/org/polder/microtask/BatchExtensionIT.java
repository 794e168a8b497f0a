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
        assertThatThrownBy(() -> batches.extend(requester, batch.id(), null, 1)).isInstanceOf(InsufficientFunds.class);
        assertThat(openSlots(batch.id())).isZero();
        assertThat(batches.get(requester, batch.id()).assignmentsPerTask()).isEqualTo(1);

        fixtures.fund(requester, 3 * slotCost);
        long escrowBefore = ledger.balance(LedgerAccount.batchEscrow(batch.id()));
        Batch more = batches.extend(requester, batch.id(), null, 1);
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
        assertThatThrownBy(() -> batches.extend(requester, batch.id(), batch.expiresAt().minus(Duration.ofHours(1)), null))
                .isInstanceOf(DomainException.class).hasMessageContaining("expiresAt");
        assertThatThrownBy(() -> batches.extend(requester, batch.id(), clock.instant().plus(Duration.ofDays(91)), null))
                .hasMessageContaining("expiresAt");
        assertThatThrownBy(() -> batches.extend(requester, batch.id(), null, null)).hasMessageContaining("say what to change");
        assertThatThrownBy(() -> batches.extend(requester, batch.id(), null, 0)).hasMessageContaining("moreAnswersPerTask");
        assertThatThrownBy(() -> batches.extend(fixtures.requester(), batch.id(), later, null)).isInstanceOf(NotFoundException.class);
        assertThat(batches.get(requester, batch.id()).expiresAt()).isEqualTo(batch.expiresAt());

        assertThat(batches.extend(requester, batch.id(), later, null).expiresAt()).isEqualTo(later);
        clock.advance(Duration.between(clock.instant(), batch.expiresAt()).plusHours(1));
        assertThat(claiming.claim(fixtures.worker(), batch.id())).as("still on offer after the old expiry").isPresent();

        Batch draft = fixtures.draft(requester, 2, 40, 1);
        assertThatThrownBy(() -> batches.extend(requester, draft.id(), null, 1)).hasMessageContaining("only work on offer");

        // Through the API, and as a page form, the same rules.
        Api lena = api().login(requester.username(), Fixtures.PASSWORD);
        Api.Response wrong = lena.post("/api/v1/batches/" + batch.id() + "/extend", Map.of("moreAnswersPerTask", 500));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.body()).contains("moreAnswersPerTask");
        assertThat(api().login(fixtures.worker().username(), Fixtures.PASSWORD)
                .post("/api/v1/batches/" + batch.id() + "/extend", Map.of("moreAnswersPerTask", 1)).status()).isIn(403, 404);
    }

    private long openSlots(long batchId) {
        return jdbc.sql("SELECT COALESCE(SUM(open_slots), 0) FROM task WHERE batch_id = ?").param(batchId).query(Long.class).single();
    }
}
