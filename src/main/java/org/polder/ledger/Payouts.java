package org.polder.ledger;

import org.polder.common.DomainException;
import org.polder.common.NotFoundException;
import org.polder.common.Sql;
import org.polder.common.Words;
import org.polder.notify.Notice;
import org.polder.notify.NoticeKind;
import org.polder.trail.Trail;
import org.polder.trail.TrailEntry;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Workers ask for their balance to be paid out to their verified bank account; the money is reserved at once
 * (from the worker's balance to pending payouts). The bank module puts requested payouts into a payout run's
 * credit-transfer file and confirms them from the bank's statement ({@link #paidByBank}); an admin can also mark
 * one paid with a reason ({@link #markPaid}). Each move is a conditional update on the payout's state, so that
 * no payout is paid, or returned, twice, however many nodes try at once.
 */
@Service
public class Payouts {

    private final JdbcClient jdbc;
    private final Ledger ledger;
    private final Trail trail;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final PayoutDestinations destinations;

    Payouts(JdbcClient jdbc, Ledger ledger, Trail trail, Clock clock, ApplicationEventPublisher events, PayoutDestinations destinations) {
        this.events = events;
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.trail = trail;
        this.clock = clock;
        this.destinations = destinations;
    }

    @Transactional
    public Payout request(long workerId, long amount) {
        Money.checkAmount("amount", amount);
        if (ledger.inPlay(LedgerAccount.worker(workerId))) {
            throw DomainException.conflict("A sandbox's test worker earns play money, which is never paid out")
                    .code("problem.sandbox.noPayout");
        }
        PayoutDestinations.Destination to = destinations.verifiedAccountOf(workerId).orElseThrow(() -> DomainException
                .invalid("bankAccount: add your bank account and have it verified before asking for a payout")
                .code("problem.payout.noBankAccount"));
        Instant now = clock.instant();
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO payout (worker_id, amount, currency, state, requested_at, iban, holder_name) VALUES (?, ?, ?, 'REQUESTED', ?, ?, ?)")
                .params(workerId, amount, Money.EUR, Sql.ts(now), to.iban(), to.holderName()).update(key, "id");
        long id = key.getKey().longValue();
        Money money = Money.euros(amount);
        ledger.post("PAYOUT_REQUESTED", "Payout " + id + " requested", workerId, "payout:" + id,
                List.of(Leg.debit(LedgerAccount.worker(workerId), money), Leg.credit(LedgerAccount.payoutPending(workerId), money)));
        trail.record(TrailEntry.of("PAYOUT_REQUESTED").aboutWorker(workerId).by(workerId)
                .with("payoutId", id).with("amount", amount).with("currency", Money.EUR).with("iban", to.iban()));
        return get(id);
    }

    /**
     * An admin marks a payout paid with a reason: one paid outside a payout run (still requested), or one whose
     * file was sent when the bank's statement does not show it. A payout in a file not yet sent cannot be marked:
     * the file would pay it again.
     */
    @Transactional
    public Payout markPaid(long adminId, long payoutId, String paymentReference) {
        if (paymentReference == null || paymentReference.isBlank()) {
            throw DomainException.invalid("paymentReference: say how it was paid (the bank's reference, the date)").code("problem.payout.howPaid");
        }
        Payout payout = get(payoutId);
        if (payout.state() == Payout.State.IN_RUN) {
            throw DomainException.conflict("Payout " + payoutId + " is in the file of payout run " + payout.runId()
                    + ": send that file, or cancel the run first").code("problem.payout.inRun", payout.runId());
        }
        return paid(payout, adminId, paymentReference, "state IN ('REQUESTED', 'SENT')");
    }

    /** The bank's statement shows a sent payout debited. */
    @Transactional
    public Payout paidByBank(long actorId, long payoutId, String bankReference) {
        return paid(get(payoutId), actorId, bankReference, "state = 'SENT'");
    }

    private Payout paid(Payout payout, long actorId, String paymentReference, String fromStates) {
        int updated = jdbc.sql("UPDATE payout SET state = 'PAID', paid_at = ?, paid_by = ?, payment_reference = ? WHERE id = ? AND " + fromStates)
                .params(Sql.ts(clock.instant()), actorId, paymentReference, payout.id()).update();
        if (updated == 0) {
            throw DomainException.conflict("Payout " + payout.id() + " is " + payout.state().name().toLowerCase(java.util.Locale.ROOT)
                    + ", it cannot be marked paid").code("problem.payout.paid");
        }
        Money money = new Money(payout.amount(), payout.currency());
        ledger.post("PAYOUT_PAID", "Payout " + payout.id() + " paid" + (paymentReference == null ? "" : " (" + paymentReference + ")"),
                actorId, "payout:" + payout.id(),
                List.of(Leg.debit(LedgerAccount.payoutPending(payout.workerId()), money),
                        Leg.credit(LedgerAccount.platform(LedgerAccount.Type.PAID_OUT), money)));
        trail.record(TrailEntry.of("PAYOUT_PAID").aboutWorker(payout.workerId()).by(actorId)
                .with("payoutId", payout.id()).with("amount", payout.amount()).with("currency", payout.currency())
                .with("paymentReference", paymentReference));
        events.publishEvent(Notice.to(payout.workerId(), NoticeKind.PAYOUT, Words.of("notice.payoutPaid", Words.money(payout.amount()))));
        return get(payout.id());
    }

    /**
     * The bank sent a payout back (a closed account, a name that does not match): the money goes back on the
     * worker's balance, and the worker is told why.
     */
    @Transactional
    public Payout returned(long actorId, long payoutId, String reason) {
        Payout payout = get(payoutId);
        boolean onItsWay = payout.state() == Payout.State.SENT || payout.state() == Payout.State.PAID;
        if (!onItsWay || jdbc.sql("UPDATE payout SET state = 'RETURNED', returned_at = ?, return_reason = ? WHERE id = ? AND state = ?")
                .params(Sql.ts(clock.instant()), reason, payoutId, payout.state().name()).update() == 0) {
            throw DomainException.conflict("Payout " + payoutId + " was not sent, or is already returned").code("problem.payout.notSent");
        }
        Money money = new Money(payout.amount(), payout.currency());
        LedgerAccount from = payout.state() == Payout.State.PAID
                ? LedgerAccount.platform(LedgerAccount.Type.PAID_OUT) : LedgerAccount.payoutPending(payout.workerId());
        ledger.post("PAYOUT_RETURNED", "Payout " + payoutId + " returned by the bank: " + reason, actorId, "payout:" + payoutId,
                List.of(Leg.debit(from, money), Leg.credit(LedgerAccount.worker(payout.workerId()), money)));
        trail.record(TrailEntry.of("PAYOUT_RETURNED").aboutWorker(payout.workerId()).by(actorId)
                .with("payoutId", payoutId).with("amount", payout.amount()).with("currency", payout.currency()).with("reason", reason));
        events.publishEvent(Notice.to(payout.workerId(), NoticeKind.PAYOUT, Words.of("notice.payoutReturned", Words.money(payout.amount()), reason)));
        return get(payoutId);
    }

    /**
     * Puts every requested payout into a payout run: each payout goes to one run only, however many admins
     * start runs at once. Payouts requested before bank accounts were kept (no account on them) stay for an
     * admin to pay by hand.
     */
    @Transactional
    public List<Payout> takeIntoRun(long runId) {
        jdbc.sql("UPDATE payout SET state = 'IN_RUN', run_id = ? WHERE state = 'REQUESTED' AND iban IS NOT NULL").param(runId).update();
        return inRun(runId);
    }

    /** The run's file went to the bank. */
    @Transactional
    public int sent(long runId) {
        return jdbc.sql("UPDATE payout SET state = 'SENT' WHERE run_id = ? AND state = 'IN_RUN'").param(runId).update();
    }

    /** A run cancelled before its file was sent: its payouts are requested again. */
    @Transactional
    public int release(long runId) {
        return jdbc.sql("UPDATE payout SET state = 'REQUESTED', run_id = NULL WHERE run_id = ? AND state = 'IN_RUN'").param(runId).update();
    }

    @Transactional(readOnly = true)
    public List<Payout> inRun(long runId) {
        return jdbc.sql("SELECT * FROM payout WHERE run_id = ? ORDER BY id").param(runId).query(Payouts::map).list();
    }

    @Transactional(readOnly = true)
    public Payout get(long id) {
        return jdbc.sql("SELECT * FROM payout WHERE id = ?").param(id).query(Payouts::map).optional()
                .orElseThrow(() -> new NotFoundException("Payout", id));
    }

    @Transactional(readOnly = true)
    public List<Payout> ofWorker(long workerId) {
        return jdbc.sql("SELECT * FROM payout WHERE worker_id = ? ORDER BY id DESC").param(workerId).query(Payouts::map).list();
    }

    /** Payouts not yet in a run's file: waiting for the next run, or for an admin to pay them. */
    @Transactional(readOnly = true)
    public List<Payout> pending() {
        return jdbc.sql("SELECT * FROM payout WHERE state = 'REQUESTED' ORDER BY id").query(Payouts::map).list();
    }

    /** Payouts whose file went to the bank and that its statement has not yet shown paid. */
    @Transactional(readOnly = true)
    public List<Payout> sentUnconfirmed() {
        return jdbc.sql("SELECT * FROM payout WHERE state = 'SENT' ORDER BY id").query(Payouts::map).list();
    }

    private static Payout map(ResultSet rs, int n) throws SQLException {
        return new Payout(rs.getLong("id"), rs.getLong("worker_id"), rs.getLong("amount"), rs.getString("currency"),
                Payout.State.valueOf(rs.getString("state")), Sql.instant(rs, "requested_at"), Sql.instant(rs, "paid_at"),
                Sql.longOrNull(rs, "paid_by"), rs.getString("payment_reference"), rs.getString("iban"), rs.getString("holder_name"),
                Sql.longOrNull(rs, "run_id"), Sql.instant(rs, "returned_at"), rs.getString("return_reason"));
    }
}
