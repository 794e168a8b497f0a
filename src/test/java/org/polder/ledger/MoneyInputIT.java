package org.polder.ledger;

import org.junit.jupiter.api.Test;
import org.polder.account.CurrentUser;
import org.polder.microtask.Batch;
import org.polder.microtask.Claiming;
import org.polder.microtask.Submissions;
import org.polder.testing.Api;
import org.polder.testing.Fixtures;
import org.polder.testing.PolderIT;
import org.polder.testing.WebSession;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Money that people type or send: fractions of a cent and amounts out of range are refused with a 400
 * that names the field, and change nothing; JSON errors say what was wrong, never an internal class.
 */
class MoneyInputIT extends PolderIT {

    @Autowired Ledger ledger;
    @Autowired Claiming claiming;
    @Autowired Submissions submissions;

    static final String HUGE = "123456789012345678901";
    static final String MAX_LONG = "9223372036854775807";

    static void refused(Api.Response r, String field) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().get("detail").asString()).as(r.body()).startsWith(field + ":");
        assertThat(r.body()).doesNotContain("org.polder").doesNotContain("java.").doesNotContain("$");
    }

    @Test
    void fundsPayoutsAndBonusesRefuseFractionsAndAmountsOutOfRange() {
        CurrentUser requester = fixtures.requester();
        fixtures.fund(requester, 10_000);
        Api admin = api().login(fixtures.admin().username(), Fixtures.PASSWORD);
        String funds = "/api/v1/admin/organisations/" + requester.organisationId() + "/funds";
        for (String amount : new String[]{"1.5", MAX_LONG, HUGE, "-5", "0", "\"ten\""}) {
            refused(admin.postRaw(funds, "application/json", ("{\"amount\":" + amount + "}").getBytes()), "amount");
        }
        assertThat(admin.postRaw(funds, "application/json", "{\"amount\":1.5}".getBytes()).json().get("detail").asString())
                .isEqualTo("amount: a whole number of cents, was 1.5");
        assertThat(ledger.balance(LedgerAccount.organisation(requester.organisationId()))).isEqualTo(10_000);

        Batch batch = fixtures.published(requester, 2, 40, 1);
        CurrentUser worker = fixtures.worker();
        long a = claiming.claim(worker, batch.id()).orElseThrow();
        submissions.submit(worker, a, Map.of("label", "cat"));
        Api lena = api().login(requester.username(), Fixtures.PASSWORD);
        for (String amount : new String[]{"1.5", MAX_LONG, HUGE}) {
            refused(lena.postRaw("/api/v1/assignments/" + a + "/bonus", "application/json",
                    ("{\"amount\":" + amount + ",\"message\":\"thanks\"}").getBytes()), "amount");
        }
        Api me = api().login(worker.username(), Fixtures.PASSWORD);
        for (String amount : new String[]{"1.5", MAX_LONG, HUGE}) {
            refused(me.postRaw("/api/v1/me/payouts", "application/json", ("{\"amount\":" + amount + "}").getBytes()), "amount");
        }
        assertThat(ledger.balance(LedgerAccount.worker(worker.id()))).isZero();
        assertThat(ledger.audit()).isEmpty();
    }

    @Test
    void aBodyThatIsNotWhatTheEndpointTakesIsNamedInTheClientsTerms() {
        Api me = api().login(fixtures.worker().username(), Fixtures.PASSWORD);
        Api.Response wrongType = me.postRaw("/api/v1/assignments", "application/json", "{\"batchId\":\"abc\"}".getBytes());
        refused(wrongType, "batchId");
        assertThat(wrongType.json().get("detail").asString()).isEqualTo("batchId: a whole number, was \"abc\"");
        Api.Response broken = me.postRaw("/api/v1/assignments", "application/json", "{\"batchId\":".getBytes());
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.json().get("detail").asString()).startsWith("The request body is not valid JSON");
        assertThat(broken.body()).doesNotContain("ClaimRequest").doesNotContain("org.polder");
        Api.Response list = me.postRaw("/api/v1/assignments", "application/json", "[1, 2]".getBytes());
        assertThat(list.status()).isEqualTo(400);
        assertThat(list.body()).doesNotContain("ClaimRequest").doesNotContain("org.polder");
    }

    @Test
    void formsRefuseHugeAndFractionalAmountsWithAMessageNotAnError() throws Exception {
        CurrentUser requester = fixtures.requester();
        CurrentUser admin = fixtures.admin();
        WebSession page = new WebSession(port).login(admin);
        for (String amount : new String[]{HUGE, MAX_LONG, "0.001", "-1"}) {
            HttpResponse<String> r = page.post("/admin/organisations/" + requester.organisationId() + "/funds", "/admin",
                    Map.of("amount", amount, "reference", "x"));
            assertThat(r.statusCode()).as(amount).isEqualTo(302);
            assertThat(page.get("/admin").body()).as(amount).contains("flash error");
        }
        assertThat(ledger.balance(LedgerAccount.organisation(requester.organisationId()))).isZero();

        CurrentUser worker = fixtures.worker();
        WebSession mine = new WebSession(port).login(worker);
        HttpResponse<String> payout = mine.post("/me/payouts", "/me/earnings", Map.of("amount", HUGE));
        assertThat(payout.statusCode()).isEqualTo(302);
        assertThat(mine.get("/me/earnings").body()).contains("10 million euros");
    }
}
