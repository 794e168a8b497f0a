package org.polder.microtask;

import org.junit.jupiter.api.Test;
import org.polder.account.CurrentUser;
import org.polder.ledger.Ledger;
import org.polder.ledger.LedgerAccount;
import org.polder.testing.Api;
import org.polder.testing.Fixtures;
import org.polder.testing.PolderIT;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A request repeated with the same Idempotency-Key has one effect and returns the first answer. */
class IdempotencyIT extends PolderIT {

    @Autowired
    Ledger ledger;

    @Test
    void concurrentRepeatsOfAFundingHaveOneEffect() throws Exception {
        CurrentUser requester = fixtures.requester();
        Api admin = api().login(fixtures.admin().username(), Fixtures.PASSWORD).header("Idempotency-Key", "transfer-77");
        String path = "/api/v1/admin/organisations/" + requester.organisationId() + "/funds";

        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Api.Response>> answers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            answers.add(pool.submit(() -> {
                start.await();
                return admin.post(path, Map.of("amount", 5000, "reference", "transfer 77"));
            }));
        }
        start.countDown();
        List<Api.Response> responses = new ArrayList<>();
        for (Future<Api.Response> answer : answers) {
            responses.add(answer.get(1, TimeUnit.MINUTES));
        }
        pool.shutdown();

        assertThat(responses).allSatisfy(r -> {
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(r.json().get("balance").get("cents").asLong()).isEqualTo(5000);
        });
        assertThat(responses.stream().filter(r -> "true".equals(r.header("Idempotent-Replayed"))).count()).isEqualTo(7);
        assertThat(ledger.balance(LedgerAccount.organisation(requester.organisationId()))).isEqualTo(5000);
    }

    @Test
    void aKeyReusedForADifferentRequestIsRefused() {
        CurrentUser requester = fixtures.requester();
        Api admin = api().login(fixtures.admin().username(), Fixtures.PASSWORD).header("Idempotency-Key", "k-1");
        String path = "/api/v1/admin/organisations/" + requester.organisationId() + "/funds";
        assertThat(admin.post(path, Map.of("amount", 100)).status()).isEqualTo(200);
        Api.Response different = admin.post(path, Map.of("amount", 999));
        assertThat(different.status()).isEqualTo(422);
        assertThat(different.json().get("detail").asString()).contains("already used for a different request");
        assertThat(ledger.balance(LedgerAccount.organisation(requester.organisationId()))).isEqualTo(100);
    }

    @Test
    void aFailedRequestCanBeRetriedWithTheSameKey() {
        CurrentUser requester = fixtures.requester();
        Batch draft = fixtures.draft(requester, 2, 40, 1);
        Api client = api().login(requester.username(), Fixtures.PASSWORD).header("Idempotency-Key", "publish-once");
        assertThat(client.post("/api/v1/batches/" + draft.id() + "/publish", null).status()).isEqualTo(422); // no funds yet
        fixtures.fund(requester, draft.cost().cents());
        assertThat(client.post("/api/v1/batches/" + draft.id() + "/publish", null).status()).isEqualTo(200);
        Api.Response again = client.post("/api/v1/batches/" + draft.id() + "/publish", null);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(ledger.balance(LedgerAccount.batchEscrow(draft.id()))).isEqualTo(draft.cost().cents());
    }
}
