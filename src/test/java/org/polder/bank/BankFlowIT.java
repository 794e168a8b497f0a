package org.polder.bank;

import org.junit.jupiter.api.Test;
import org.polder.account.CurrentUser;
import org.polder.common.DomainException;
import org.polder.ledger.Ledger;
import org.polder.ledger.LedgerAccount;
import org.polder.ledger.Payout;
import org.polder.ledger.Payouts;
import org.polder.testing.Api;
import org.polder.testing.Fixtures;
import org.polder.testing.PolderIT;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import java.io.IOException;
import java.io.StringReader;
import java.net.URL;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Money in and out through the bank: top-ups recognised in a camt.053 statement exactly once, a malformed
 * statement refused whole, a worker's account verified by their own transfer, a payout from request to a
 * pain.001 file (valid against the ISO 20022 schema) to paid by the statement, and a returned payout back on
 * the worker's balance.
 */
class BankFlowIT extends PolderIT {

    @Autowired
    BankStatements statements;
    @Autowired
    BankAccounts bankAccounts;
    @Autowired
    PayoutRuns runs;
    @Autowired
    Payouts payouts;
    @Autowired
    Ledger ledger;
    @Autowired
    PlatformAccount platform;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aTopUpWithTheOrganisationsReferenceIsCreditedOnceHoweverOftenTheStatementIsImported() {
        CurrentUser admin = fixtures.admin();
        CurrentUser requester = fixtures.requester();
        long org = requester.organisationId();
        String reference = PaymentReference.organisation(org).formatted();
        byte[] statement = Camt053.statement(Fixtures.unique("STMT"), platform.iban())
                .credit(25_000, "Bakkerij de Korenschoof B.V.", "NL44RABO0123456789", "Opwaarderen Polder " + reference)
                .creditWithStructuredReference(1_250, "Bakkerij de Korenschoof B.V.", "NL44RABO0123456789", PaymentReference.organisation(org).text())
                .credit(999, "J. de Vries", "NL20INGB0001234567", "factuur 2026-118")
                .bytes();

        BankStatements.ImportResult first = statements.importStatement(admin, statement);
        assertThat(first.newEntries()).isEqualTo(3);
        assertThat(first.outcomes()).containsEntry(BankEntry.Outcome.TOP_UP, 2).containsEntry(BankEntry.Outcome.UNMATCHED, 1);
        assertThat(ledger.balance(LedgerAccount.organisation(org))).isEqualTo(26_250);
        assertThat(notifications.mine(requester, 0, 50).items()).filteredOn(n -> n.text().key().equals("notice.topUp")).hasSize(2);

        BankStatements.ImportResult again = statements.importStatement(admin, statement);
        assertThat(again.newEntries()).isZero();
        assertThat(again.alreadyImported()).isEqualTo(3);
        assertThat(ledger.balance(LedgerAccount.organisation(org))).isEqualTo(26_250);

        // What did not match waits for an admin, who credits it with a reason, once.
        BankEntry unmatched = statements.entries(BankEntry.Outcome.UNMATCHED, 500).stream()
                .filter(e -> "factuur 2026-118".equals(e.remittance()) && first.statementIds().contains(e.statementId())).findFirst().orElseThrow();
        assertThatThrownBy(() -> statements.assign(admin, unmatched.id(), org, " ")).hasMessageContaining("reason");
        statements.assign(admin, unmatched.id(), org, "the requester's bookkeeper paid without the reference");
        assertThat(ledger.balance(LedgerAccount.organisation(org))).isEqualTo(27_249);
        assertThatThrownBy(() -> statements.assign(admin, unmatched.id(), org, "twice")).isInstanceOf(DomainException.class)
                .hasMessageContaining("already");
        assertThat(ledger.balance(LedgerAccount.organisation(org))).isEqualTo(27_249);
        assertThat(ledger.audit()).isEmpty();
    }

    @Test
    void aStatementInTheEncodingItDeclaresIsReadRight() {
        CurrentUser admin = fixtures.admin();
        CurrentUser requester = fixtures.requester();
        String xml = Camt053.statement(Fixtures.unique("STMT"), platform.iban())
                .credit(700, "Café Zonnig", "NL44RABO0123456789", PaymentReference.organisation(requester.organisationId()).text()).xml()
                .replace("encoding=\"UTF-8\"", "encoding=\"ISO-8859-1\"");
        BankStatements.ImportResult r = statements.importStatement(admin, xml.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertThat(r.outcomes()).containsEntry(BankEntry.Outcome.TOP_UP, 1);
        assertThat(statements.entries(BankEntry.Outcome.TOP_UP, 500)).anySatisfy(e -> assertThat(e.counterparty()).isEqualTo("Café Zonnig"));
        assertThat(ledger.balance(LedgerAccount.organisation(requester.organisationId()))).isEqualTo(700);
    }

    @Test
    void aMalformedStatementIsRefusedWholeNamingTheElement() {
        CurrentUser admin = fixtures.admin();
        CurrentUser requester = fixtures.requester();
        long org = requester.organisationId();
        long entriesBefore = jdbc.sql("SELECT COUNT(*) FROM bank_entry").query(Long.class).single();
        String good = "RF " + PaymentReference.organisation(org).text();
        byte[] noAmount = Camt053.statement(Fixtures.unique("STMT"), platform.iban())
                .credit(5_000, "Café Zonnig", "NL44RABO0123456789", good)
                .raw("<Ntry><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2026-12-03</Dt></BookgDt></Ntry>")
                .bytes();
        assertThatThrownBy(() -> statements.importStatement(admin, noAmount)).isInstanceOf(DomainException.class)
                .hasMessageContaining("Stmt[1]/Ntry[2]/Amt: missing");

        byte[] dollars = Camt053.statement(Fixtures.unique("STMT"), platform.iban())
                .credit(5_000, "Café Zonnig", "NL44RABO0123456789", good).bytes();
        String inDollars = new String(dollars, java.nio.charset.StandardCharsets.UTF_8).replace("<Amt Ccy=\"EUR\">50.00</Amt>", "<Amt Ccy=\"USD\">50.00</Amt>");
        assertThatThrownBy(() -> statements.importStatement(admin, inDollars.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .hasMessageContaining("Stmt[1]/Ntry[1]/Amt: only euros");

        byte[] otherAccount = Camt053.statement(Fixtures.unique("STMT"), "NL20INGB0001234567")
                .credit(5_000, "Café Zonnig", "NL44RABO0123456789", good).bytes();
        assertThatThrownBy(() -> statements.importStatement(admin, otherAccount)).hasMessageContaining("Stmt[1]/Acct/Id/IBAN");

        assertThatThrownBy(() -> statements.importStatement(admin, "<Document><BkToCstmrStmt>".getBytes()))
                .hasMessageContaining("not a well-formed XML file (line 1");
        assertThatThrownBy(() -> statements.importStatement(admin,
                "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pain.001.001.09\"/>".getBytes()))
                .hasMessageContaining("Document: this is not a bank statement in camt.053.001.02");
        String external = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><Document>&x;</Document>";
        assertThatThrownBy(() -> statements.importStatement(admin, external.getBytes())).hasMessageContaining("not a well-formed XML file");

        assertThat(jdbc.sql("SELECT COUNT(*) FROM bank_entry").query(Long.class).single()).isEqualTo(entriesBefore);
        assertThat(ledger.balance(LedgerAccount.organisation(org))).isZero();
    }

    @Test
    void aPayoutGoesFromRequestToAFileToPaidByTheStatementAndAReturnPutsTheMoneyBack() throws Exception {
        CurrentUser admin = fixtures.admin();
        CurrentUser worker = fixtures.worker();
        CurrentUser other = fixtures.worker();
        String iban = "NL44RABO0123456789";

        // No payout without a verified account in the worker's name.
        assertThatThrownBy(() -> bankAccounts.setOwn(worker, "NL02RABO0123456788", worker.displayName(), Fixtures.PASSWORD, "test"))
                .hasMessageContaining("iban: NL02RABO0123456788 is not a valid IBAN");
        assertThatThrownBy(() -> bankAccounts.setOwn(worker, iban, worker.displayName(), "not my password", "test"))
                .hasMessageContaining("password");
        BankAccount given = bankAccounts.setOwn(worker, "nl44 rabo 0123 4567 89", worker.displayName(), Fixtures.PASSWORD, "test");
        assertThat(given.iban()).isEqualTo(iban);
        assertThat(given.verified()).isFalse();

        // The worker transfers one cent from that account with their reference: verified, and the cent is theirs.
        String ref = PaymentReference.worker(worker.id()).text();
        statements.importStatement(admin, Camt053.statement(Fixtures.unique("STMT"), platform.iban())
                .credit(1, worker.displayName().toUpperCase(), "NL20INGB0001234567", "verify " + ref)   // from another account
                .credit(1, worker.displayName().toUpperCase(), iban, "verify " + ref)
                .bytes());
        assertThat(bankAccounts.of(BankAccount.Owner.WORKER, worker.id()).orElseThrow().verified()).isTrue();
        assertThat(ledger.balance(LedgerAccount.worker(worker.id()))).isEqualTo(1);
        assertThat(notifications.mine(worker, 0, 50).items()).anySatisfy(n -> assertThat(n.text().key()).isEqualTo("notice.bankVerified"));

        // Earnings to pay out (here credited directly), and a second worker in the same run.
        fixtures.payable(other, 700);
        creditWorker(admin, worker, 4_999);
        Payout mine = payouts.request(worker.id(), 5_000);
        Payout theirs = payouts.request(other.id(), 700);
        assertThat(ledger.balance(LedgerAccount.worker(worker.id()))).isZero();
        assertThat(ledger.balance(LedgerAccount.payoutPending(worker.id()))).isEqualTo(5_000);

        PayoutRun run = runs.create(admin);
        assertThat(run.payouts()).isGreaterThanOrEqualTo(2);
        assertThat(payouts.get(mine.id()).state()).isEqualTo(Payout.State.IN_RUN);
        assertThatThrownBy(() -> payouts.markPaid(admin.id(), mine.id(), "by hand")).hasMessageContaining("payout run " + run.id());
        assertThatThrownBy(() -> runs.create(admin)).hasMessageContaining("No payouts are waiting");

        String file = runs.download(admin, run.id());
        valid("pain.001.001.09.xsd", file);
        assertThat(file).contains("<MsgId>" + run.messageId() + "</MsgId>")
                .contains("<EndToEndId>" + mine.endToEndId() + "</EndToEndId>")
                .contains("<IBAN>" + iban + "</IBAN>")
                .contains("<NbOfTxs>" + run.payouts() + "</NbOfTxs>")
                .contains("<CtrlSum>" + Camt053.euros(run.controlSum()) + "</CtrlSum>")
                .contains("<InstdAmt Ccy=\"EUR\">50.00</InstdAmt>");
        assertThat(runs.get(run.id()).state()).isEqualTo(PayoutRun.State.SENT);
        assertThat(payouts.get(mine.id()).state()).isEqualTo(Payout.State.SENT);
        assertThatThrownBy(() -> runs.cancel(admin, run.id())).hasMessageContaining("already sent");
        assertThatThrownBy(() -> runs.markPaid(admin, run.id(), "")).hasMessageContaining("how");

        // The bank's statement shows the run debited as one batch: paid, once.
        long paidOutBefore = ledger.balance(LedgerAccount.platform(LedgerAccount.Type.PAID_OUT));
        byte[] debit = Camt053.statement(Fixtures.unique("STMT"), platform.iban()).batchDebit(run.controlSum(), run.messageId(), run.payouts()).bytes();
        assertThat(statements.importStatement(admin, debit).outcomes()).containsEntry(BankEntry.Outcome.PAYOUTS_PAID, 1);
        statements.importStatement(admin, debit);
        assertThat(payouts.get(mine.id()).state()).isEqualTo(Payout.State.PAID);
        assertThat(payouts.get(theirs.id()).state()).isEqualTo(Payout.State.PAID);
        assertThat(runs.get(run.id()).state()).isEqualTo(PayoutRun.State.PAID);
        assertThatThrownBy(() -> runs.markPaid(admin, run.id(), "the bank called")).hasMessageContaining("not waiting");
        assertThat(ledger.balance(LedgerAccount.platform(LedgerAccount.Type.PAID_OUT)) - paidOutBefore).isEqualTo(run.controlSum());
        assertThat(ledger.balance(LedgerAccount.payoutPending(worker.id()))).isZero();

        // The worker's bank sends it back (account closed): the money is theirs again, and they are told why.
        statements.importStatement(admin, Camt053.statement(Fixtures.unique("STMT"), platform.iban())
                .returned(5_000, mine.endToEndId(), "AC04", worker.displayName(), iban).bytes());
        Payout back = payouts.get(mine.id());
        assertThat(back.state()).isEqualTo(Payout.State.RETURNED);
        assertThat(back.returnReason()).contains("the account is closed");
        assertThat(ledger.balance(LedgerAccount.worker(worker.id()))).isEqualTo(5_000);
        assertThat(bankAccounts.of(BankAccount.Owner.WORKER, worker.id()).orElseThrow().verified()).isFalse();
        assertThat(notifications.mine(worker, 0, 50).items()).anySatisfy(n -> assertThat(n.text().key()).isEqualTo("notice.payoutReturned"));
        assertThatThrownBy(() -> payouts.request(worker.id(), 100)).hasMessageContaining("bankAccount");
        // Neither the worker's own money sent in nor a returned payout counts as earned.
        assertThat(ledger.totalCredited(LedgerAccount.worker(worker.id()))).isZero();
        assertThat(ledger.audit()).isEmpty();
    }

    @Test
    void aRunMarkedPaidByHandIsNotPaidAgainWhenTheStatementComes() {
        CurrentUser admin = fixtures.admin();
        CurrentUser worker = fixtures.worker();
        fixtures.payable(worker, 800);
        Payout payout = payouts.request(worker.id(), 800);
        PayoutRun run = runs.create(admin);
        runs.download(admin, run.id());
        long paidOut = ledger.balance(LedgerAccount.platform(LedgerAccount.Type.PAID_OUT));
        runs.markPaid(admin, run.id(), "the bank's portal shows the batch executed");
        assertThat(payouts.get(payout.id()).state()).isEqualTo(Payout.State.PAID);
        assertThat(ledger.balance(LedgerAccount.platform(LedgerAccount.Type.PAID_OUT)) - paidOut).isEqualTo(run.controlSum());

        BankStatements.ImportResult later = statements.importStatement(admin, Camt053.statement(Fixtures.unique("STMT"), platform.iban())
                .batchDebit(run.controlSum(), run.messageId(), run.payouts()).bytes());
        assertThat(later.outcomes()).containsEntry(BankEntry.Outcome.UNMATCHED, 1);
        assertThat(ledger.balance(LedgerAccount.platform(LedgerAccount.Type.PAID_OUT)) - paidOut).isEqualTo(run.controlSum());
        assertThat(ledger.audit()).isEmpty();
    }

    @Test
    void theBooksAreReconciledWithTheLastStatementAndADifferenceIsShown() {
        CurrentUser admin = fixtures.admin();
        CurrentUser requester = fixtures.requester();
        long before = reconciliation.now().expected();
        // The bank held what the books say; a top-up and a transfer nobody recognises come in: still equal.
        String ref = PaymentReference.organisation(requester.organisationId()).text();
        statements.importStatement(admin, Camt053.statement(Fixtures.unique("STMT"), platform.iban()).opening(before)
                .credit(4_000, "Café Zonnig", "NL44RABO0123456789", ref)
                .credit(250, "Onbekend", "NL20INGB0001234567", "gift")
                .bytes());
        Reconciliation.Report matched = reconciliation.now();
        assertThat(matched.expected()).isEqualTo(before + 4_250);
        assertThat(matched.closingBalance()).isEqualTo(before + 4_250);
        assertThat(matched.difference()).isZero();
        assertThat(matched.lines()).contains(new Reconciliation.Line("reconcile.unmatched",
                statements.entries(BankEntry.Outcome.UNMATCHED, 500).stream().mapToLong(e -> e.credit() ? e.amount() : -e.amount()).sum()));

        // A bank charge the books do not know: the difference shows it, until an admin sets it aside.
        statements.importStatement(admin, Camt053.statement(Fixtures.unique("STMT"), platform.iban()).opening(before + 4_250 - 75).bytes());
        assertThat(reconciliation.now().difference()).isEqualTo(-75);
    }

    @Test
    void aWorkerSeesTheirOwnBankAccountOnlyAndOnlyAdminsReachTheBank() {
        CurrentUser worker = fixtures.worker();
        CurrentUser other = fixtures.worker();
        CurrentUser requester = fixtures.requester();
        Api me = api().login(worker.username(), Fixtures.PASSWORD);
        Api them = api().login(other.username(), Fixtures.PASSWORD);
        assertThat(me.put("/api/v1/me/bank-account", Map.of("iban", "NL44RABO0123456789", "holderName", worker.displayName(),
                "password", Fixtures.PASSWORD)).status()).isEqualTo(200);
        Api.Response theirs = them.get("/api/v1/me/bank-account");
        assertThat(theirs.status()).isEqualTo(200);
        assertThat(theirs.body()).doesNotContain("NL44RABO0123456789");
        assertThat(theirs.json().get("reference").asString().replace(" ", "")).isEqualTo(PaymentReference.worker(other.id()).text());

        Api lena = api().login(requester.username(), Fixtures.PASSWORD);
        assertThat(lena.get("/api/v1/organisation/bank-account").json().get("reference").asString().replace(" ", ""))
                .isEqualTo(PaymentReference.organisation(requester.organisationId()).text());
        assertThat(lena.put("/api/v1/me/bank-account", Map.of("iban", "NL44RABO0123456789", "holderName", "Lena",
                "password", Fixtures.PASSWORD)).status()).isEqualTo(403);
        for (Api notAdmin : new Api[]{me, lena}) {
            assertThat(notAdmin.postRaw("/api/v1/admin/bank/statements", "application/xml", "<x/>".getBytes()).status()).isEqualTo(403);
            assertThat(notAdmin.post("/api/v1/admin/payout-runs", Map.of()).status()).isEqualTo(403);
            assertThat(notAdmin.get("/api/v1/admin/bank/entries").status()).isEqualTo(403);
        }
        Api admin = api().login(fixtures.admin().username(), Fixtures.PASSWORD);
        Api.Response refused = admin.postRaw("/api/v1/admin/bank/statements", "application/xml", "<x/>".getBytes());
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("Document: this is not a bank statement").doesNotContain("Exception");
    }

    private void creditWorker(CurrentUser admin, CurrentUser worker, long cents) {
        fixtures.transactions().executeWithoutResult(s -> funding.fromBankToWorker(admin.id(), worker.id(), cents, "test earnings"));
    }

    @Autowired
    org.polder.ledger.Funding funding;
    @Autowired
    Reconciliation reconciliation;
    @Autowired
    org.polder.notify.Notifications notifications;

    /** Validates a document against an official ISO 20022 schema from the test class path. */
    static void valid(String schema, String xml) throws SAXException, IOException {
        URL xsd = BankFlowIT.class.getResource("/" + schema);
        assertThat(xsd).as(schema + " on the test class path").isNotNull();
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        factory.newSchema(xsd).newValidator().validate(new StreamSource(new StringReader(xml)));
    }
}
