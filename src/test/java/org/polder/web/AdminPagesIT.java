package org.polder.web;

import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;
import org.polder.account.Accounts;
import org.polder.account.CurrentUser;
import org.polder.account.Role;
import org.polder.ledger.Ledger;
import org.polder.ledger.LedgerAccount;
import org.polder.ledger.Payouts;
import org.polder.microtask.Batch;
import org.polder.microtask.Claiming;
import org.polder.microtask.Reviews;
import org.polder.microtask.Submissions;
import org.polder.testing.BrowserIT;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.Map;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/** An admin adds funds, pays a payout the worker asked for on their earnings page, and changes roles. */
class AdminPagesIT extends BrowserIT {

    @Autowired
    Ledger ledger;
    @Autowired
    Payouts payouts;
    @Autowired
    Claiming claiming;
    @Autowired
    Submissions submissions;
    @Autowired
    Reviews reviews;

    @Test
    void fundsPayoutsAndRoles() {
        CurrentUser requester = fixtures.requester();
        Batch batch = fixtures.published(requester, 1, 150, 1);
        CurrentUser worker = fixtures.worker();
        long id = claiming.claim(worker, batch.id()).orElseThrow();
        submissions.submit(worker, id, Map.of("label", "cat"));
        reviews.approve(requester, id);
        fixtures.payable(worker, 0);

        // The worker asks for a payout on the earnings page (Dutch amounts shown, a dot typed).
        Page me = loggedIn(worker.username(), "nl");
        me.navigate(url("/me/earnings"));
        assertThat(me.locator("[data-testid=balance]")).containsText("1,50");
        me.fill("#amount", "1.00");
        me.click("form[action='/me/payouts'] button");
        assertThat(me.locator(".flash.ok")).isVisible();
        assertThat(me.locator("[data-testid=balance]")).containsText("0,50");

        // The admin sees it, marks it paid, and adds funds to the organisation.
        Page admin = loggedIn(fixtures.admin().username(), "en");
        admin.navigate(url("/admin"));
        var row = admin.locator(".list li", new Page.LocatorOptions().setHasText("Worker " + worker.id() + ":"));
        row.locator("input[name=reference]").fill("SEPA 7");
        row.locator("button").click();
        assertThat(admin.locator(".flash.ok")).isVisible();
        assertThat(payouts.ofWorker(worker.id()).get(0).paymentReference()).isEqualTo("SEPA 7");

        var organisationRow = admin.locator("tr", new Page.LocatorOptions().setHasText(organisationName(requester)));
        organisationRow.locator("input[name=amount]").fill("25.50");
        organisationRow.locator("button").click();
        assertThat(admin.locator(".flash.ok")).isVisible();
        assertThat(ledger.balance(LedgerAccount.organisation(requester.organisationId()))).isEqualTo(2550);

        // Roles: the worker also becomes a moderator.
        admin.navigate(url("/admin/accounts?page=0"));
        long pages = 0;
        while (admin.locator("tr", new Page.LocatorOptions().setHasText(worker.username())).count() == 0 && pages++ < 50) {
            admin.navigate(url("/admin/accounts?page=" + pages));
        }
        var account = admin.locator("tr", new Page.LocatorOptions().setHasText(worker.username()));
        account.locator("input[value=MODERATOR]").check();
        account.locator("button").click();
        assertThat(fixtures.refreshed(worker).roles()).contains(Role.MODERATOR, Role.WORKER);
        assertThat(ledger.audit()).isEmpty();
    }

    @Autowired
    Accounts accounts;

    private String organisationName(CurrentUser requester) {
        return accounts.organisation(requester.organisationId()).name();
    }
}
