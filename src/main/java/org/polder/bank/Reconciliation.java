package org.polder.bank;

import org.polder.ledger.Escrow;
import org.polder.ledger.Ledger;
import org.polder.ledger.LedgerAccount;
import org.polder.ledger.Payout;
import org.polder.ledger.Payouts;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Do the books match the bank? Every euro in the platform's bank account is held in one of the ledger's accounts
 * (organisations' balances, escrow per kind of work, workers' balances, payouts not yet debited, fees, the
 * guarantee fund), or is a bank entry Polder has not booked (not recognised, or set aside). Their sum is what the
 * last imported statement's closing balance should be; the difference is shown, never hidden.
 */
@Service
public class Reconciliation {

    private final Ledger ledger;
    private final Escrow escrow;
    private final Payouts payouts;
    private final JdbcClient jdbc;

    Reconciliation(Ledger ledger, Escrow escrow, Payouts payouts, JdbcClient jdbc) {
        this.ledger = ledger;
        this.escrow = escrow;
        this.payouts = payouts;
        this.jdbc = jdbc;
    }

    /** One line of the sum: a message key for what it is, and its amount in cents. */
    public record Line(String what, long cents) {
    }

    /** The lines, their sum, and the last statement's closing balance and date (null when none was imported). */
    public record Report(List<Line> lines, long expected, Long closingBalance, LocalDate closingDate, String statementRef) {

        public Long difference() {
            return closingBalance == null ? null : closingBalance - expected;
        }
    }

    @Transactional(readOnly = true)
    public Report now() {
        Map<LedgerAccount.Type, Long> totals = ledger.totalsByType();
        long inTransit = payouts.sentUnconfirmed().stream().mapToLong(Payout::amount).sum();
        List<Line> lines = new ArrayList<>();
        lines.add(new Line("reconcile.organisations", totals.get(LedgerAccount.Type.ORGANISATION)));
        escrow.heldPerKind().forEach((kind, cents) -> lines.add(new Line("reconcile.escrow." + kind.name(), cents)));
        lines.add(new Line("reconcile.workers", totals.get(LedgerAccount.Type.WORKER)));
        lines.add(new Line("reconcile.circles", totals.get(LedgerAccount.Type.CIRCLE_RESERVE)));
        lines.add(new Line("reconcile.payoutsWaiting", totals.get(LedgerAccount.Type.PAYOUT_PENDING) - inTransit));
        lines.add(new Line("reconcile.payoutsInTransit", inTransit));
        lines.add(new Line("reconcile.fees", totals.get(LedgerAccount.Type.PLATFORM_FEES)));
        lines.add(new Line("reconcile.guarantee", totals.get(LedgerAccount.Type.GUARANTEE_FUND)));
        lines.add(new Line("reconcile.unmatched", unbooked(BankEntry.Outcome.UNMATCHED)));
        lines.add(new Line("reconcile.setAside", unbooked(BankEntry.Outcome.SET_ASIDE)));
        long expected = lines.stream().mapToLong(Line::cents).sum();
        record Last(Long closing, LocalDate date, String ref) {
        }
        Last last = jdbc.sql("""
                        SELECT closing_balance, closing_date, statement_ref FROM bank_statement WHERE closing_balance IS NOT NULL
                        ORDER BY closing_date DESC, id DESC LIMIT 1""")
                .query((rs, n) -> new Last(rs.getLong(1), rs.getObject(2, LocalDate.class), rs.getString(3))).optional()
                .orElse(new Last(null, null, null));
        return new Report(lines, expected, last.closing(), last.date(), last.ref());
    }

    /** Money the bank booked that the ledger does not hold: credits in, debits out. */
    private long unbooked(BankEntry.Outcome outcome) {
        return jdbc.sql("SELECT COALESCE(SUM(CASE WHEN credit THEN amount ELSE -amount END), 0) FROM bank_entry WHERE outcome = ?")
                .param(outcome.name()).query(Long.class).single();
    }
}
