package org.polder.ledger;

import org.junit.jupiter.api.Test;
import org.polder.account.CurrentUser;
import org.polder.microtask.Batch;
import org.polder.microtask.Claiming;
import org.polder.microtask.Reviews;
import org.polder.microtask.Submissions;
import org.polder.testing.Api;
import org.polder.testing.Fixtures;
import org.polder.testing.PolderIT;
import org.polder.testing.WebSession;
import org.springframework.beans.factory.annotation.Autowired;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Statements: a worker's month (pay, payouts, balances that add up) and year, an organisation's balance movements,
 * each readable only by its owner, in both languages and as PDF and CSV.
 */
class StatementsIT extends PolderIT {

    @Autowired
    Statements statements;
    @Autowired
    Claiming claiming;
    @Autowired
    Submissions submissions;
    @Autowired
    Reviews reviews;
    @Autowired
    Payouts payouts;
    @Autowired
    Funding funding;

    @Test
    void aWorkersMonthAddsUpAndTheirYearHoldsIt() {
        CurrentUser requester = fixtures.requester();
        Batch batch = fixtures.published(requester, 3, 120, 1);
        CurrentUser worker = fixtures.worker();
        for (int i = 0; i < 2; i++) {
            long a = claiming.claim(worker, batch.id()).orElseThrow();
            submissions.submit(worker, a, Map.of("label", "cat"));
            reviews.approve(requester, a);
        }
        fixtures.payable(worker, 0);
        payouts.request(worker.id(), 100);
        ZonedDateTime now = clock.instant().atZone(ZoneId.of("Europe/Amsterdam"));

        EarningsStatement month = statements.earnings(worker, now.getYear(), now.getMonthValue());
        assertThat(month.grossPay()).isEqualTo(240);
        assertThat(month.perKind()).containsExactly(new EarningsStatement.Line("MICROTASK", 240));
        assertThat(month.payouts()).isEqualTo(100);
        assertThat(month.feesDeducted()).isZero();
        assertThat(month.openingBalance() + month.income() + month.transfersIn() - month.payouts() + month.returned())
                .isEqualTo(month.closingBalance()).isEqualTo(140);

        EarningsStatement year = statements.earnings(worker, now.getYear(), null);
        assertThat(year.year()).isTrue();
        assertThat(year.grossPay()).isEqualTo(240);
        assertThat(year.from()).isEqualTo(java.time.LocalDate.of(now.getYear(), 1, 1));

        assertThatThrownBy(() -> statements.earnings(worker, now.getYear() + 1, null)).hasMessageContaining("period");
        assertThatThrownBy(() -> statements.earnings(worker, now.getYear(), 13)).hasMessageContaining("period");
    }

    @Test
    void anOrganisationsMonthListsEveryMovementAndOnlyOwnersReadStatements() throws Exception {
        CurrentUser requester = fixtures.requester();
        fixtures.fund(requester, 5_000);
        fixtures.published(requester, 2, 100, 1);
        ZonedDateTime now = clock.instant().atZone(ZoneId.of("Europe/Amsterdam"));
        BalanceStatement s = statements.balance(requester, now.getYear(), now.getMonthValue());
        assertThat(s.openingBalance()).isZero();
        assertThat(s.movements()).extracting(BalanceStatement.Movement::kind).startsWith("FUNDING").endsWith("BATCH_PUBLISHED");
        assertThat(s.closingBalance()).isEqualTo(s.movements().stream().mapToLong(BalanceStatement.Movement::cents).sum());

        String query = "?year=" + now.getYear() + "&month=" + now.getMonthValue();
        WebSession lena = new WebSession(port).login(requester);
        var pdf = lena.download("/requester/statements.pdf" + query, "en");
        assertThat(pdf.statusCode()).isEqualTo(200);
        try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf.body())) {
            assertThat(new org.apache.pdfbox.text.PDFTextStripper().getText(doc)).contains("Funds added").contains("Batch published");
        }
        String csv = new String(lena.download("/requester/statements.csv" + query, "nl").body(), StandardCharsets.UTF_8);
        assertThat(csv).contains("Saldo aan het begin").contains("50.00");
        assertThat(lena.get("/requester/statements" + query).body()).contains("Batch published");
        // The page chooses this month by itself, or the whole year when only a year is given.
        assertThat(lena.get("/requester/statements").statusCode()).isEqualTo(200);
        assertThat(lena.get("/requester/statements?year=" + now.getYear() + "&month=").body()).contains("Batch published");

        // A worker has no organisation's statement, and a requester no earnings statement.
        CurrentUser worker = fixtures.worker();
        WebSession ada = new WebSession(port).login(worker);
        assertThat(ada.download("/requester/statements.csv" + query, "en").statusCode()).isEqualTo(403);
        assertThat(lena.download("/me/statements.csv" + query, "en").statusCode()).isEqualTo(403);
        Api api = api().login(worker.username(), Fixtures.PASSWORD);
        assertThat(api.get("/api/v1/organisation/statements" + query).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/me/statements" + query).status()).isEqualTo(200);
        assertThat(ada.get("/me/statements").statusCode()).isEqualTo(200);
        assertThat(ada.get("/me/statements?year=" + now.getYear()).statusCode()).isEqualTo(200);
        Api.Response wrong = api.get("/api/v1/me/statements?year=1999");
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.body()).contains("period").doesNotContain("Exception");
    }
}
