package org.polder.web;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;
import org.polder.account.CurrentUser;
import org.polder.bank.PaymentReference;
import org.polder.bank.PlatformAccount;
import org.polder.ledger.Ledger;
import org.polder.ledger.LedgerAccount;
import org.polder.ledger.Payout;
import org.polder.ledger.Payouts;
import org.polder.testing.BrowserIT;
import org.polder.testing.Fixtures;
import org.springframework.beans.factory.annotation.Autowired;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bank through the pages: a worker on a phone gives their account and reads how to verify it, a requester
 * reads how to top up, and an admin imports the bank's statement, credits what it recognised, makes a payout
 * run and downloads its file.
 */
class BankPagesIT extends BrowserIT {

    @Autowired
    PlatformAccount platform;
    @Autowired
    Ledger ledger;
    @Autowired
    Payouts payouts;

    @Test
    void aWorkerGivesTheirAccountARequesterTopsUpAndAnAdminImportsAndPays() throws Exception {
        CurrentUser worker = fixtures.worker();
        Page phone = loggedIn(worker.username(), "nl");
        phone.setViewportSize(390, 844);
        phone.navigate(url("/me/earnings"));
        phone.click("a[href='/me/bank']");
        phone.fill("#iban", "nl20 ingb 0001 2345 67");
        phone.fill("#holderName", worker.displayName());
        phone.fill("#password", "not my password");
        phone.click("form[action='/me/bank'] button");
        assertThat(phone.locator(".flash.error")).isVisible();
        phone.fill("#iban", "nl20 ingb 0001 2345 67");
        phone.fill("#holderName", worker.displayName());
        phone.fill("#password", Fixtures.PASSWORD);
        phone.click("form[action='/me/bank'] button");
        assertThat(phone.locator(".flash.ok")).hasText(text("nl", "bank.saved"));
        assertThat(phone.locator("[data-testid=iban]")).hasText("NL20 INGB 0001 2345 67");
        assertThat(phone.locator("[data-testid=unverified]")).containsText(PaymentReference.worker(worker.id()).formatted());
        assertThat(phone.locator("[data-testid=unverified]")).containsText(platform.formattedIban());

        CurrentUser requester = fixtures.requester();
        Page lena = loggedIn(requester.username(), "en");
        lena.navigate(url("/requester/balance"));
        lena.click("a[href='/requester/bank']");
        String reference = lena.locator("[data-testid=reference]").innerText();
        assertThat(reference).isEqualTo(PaymentReference.organisation(requester.organisationId()).formatted());

        // The bank's statement shows the requester's transfer and the worker's verification cent.
        String statement = new String(Files.readAllBytes(Path.of("src/test/resources/bank/camt053-two-credits.xml")), StandardCharsets.UTF_8)
                .replace("${statement}", Fixtures.unique("STMT"))
                .replace("${platform}", platform.iban())
                .replace("${organisationReference}", reference)
                .replace("${workerName}", worker.displayName())
                .replace("${workerReference}", PaymentReference.worker(worker.id()).text());
        Path file = Files.createTempFile("statement", ".xml");
        Files.writeString(file, statement);
        Page admin = loggedIn(fixtures.admin().username(), "en");
        admin.navigate(url("/admin"));
        admin.click("a[href='/admin/bank']");
        admin.setInputFiles("#file", file);
        admin.click("form[action='/admin/bank/statements'] button");
        assertThat(admin.locator(".flash.ok")).containsText("2 new entries");
        assertThat(ledger.balance(LedgerAccount.organisation(requester.organisationId()))).isEqualTo(12_000);
        admin.setInputFiles("#file", file);
        admin.click("form[action='/admin/bank/statements'] button");
        assertThat(admin.locator(".flash.ok")).containsText("0 new entries");
        assertThat(ledger.balance(LedgerAccount.organisation(requester.organisationId()))).isEqualTo(12_000);

        // Verified: the worker asks for the cent back; the admin makes a run and downloads the file for the bank.
        phone.navigate(url("/me/bank"));
        assertThat(phone.locator("[data-testid=verified]")).isVisible();
        Payout payout = payouts.request(worker.id(), 1);
        admin.navigate(url("/admin/bank"));
        admin.click("form[action='/admin/payout-runs'] button");
        assertThat(admin.locator(".flash.ok")).hasText(text("en", "bank.run.created"));
        Download download = admin.waitForDownload(() -> admin.locator("li[data-run] form[action$='/file'] button").first().click());
        String pain = Files.readString(download.path());
        assertThat(pain).contains("pain.001.001.09").contains("<EndToEndId>" + payout.endToEndId() + "</EndToEndId>");
        assertThat(payouts.get(payout.id()).state()).isIn(Payout.State.SENT);
        assertThat(ledger.audit()).isEmpty();
    }
}
