package org.polder.ledger;

import org.polder.common.DomainException;
import org.polder.common.NotFoundException;
import org.polder.common.Sql;
import org.polder.trail.Trail;
import org.polder.trail.TrailEntry;
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
 * Workers ask for their balance to be paid out; an admin pays it (by bank transfer today, through a
 * payment provider later: {@link #markPaid} is the seam where a provider's confirmation comes in).
 */
@Service
public class Payouts {

    private final JdbcClient jdbc;
    private final Ledger ledger;
    private final Trail trail;
    private final Clock clock;

    private final org.springframework.context.ApplicationEventPublisher events;

    Payouts(JdbcClient jdbc, Ledger ledger, Trail trail, Clock clock, org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.trail = trail;
        this.clock = clock;
    }

    @Transactional
    public Payout request(long workerId, long amount) {
        Money.checkAmount("amount", amount);
        Instant now = clock.instant();
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO payout (worker_id, amount, currency, state, requested_at) VALUES (?, ?, ?, 'REQUESTED', ?)")
                .params(workerId, amount, Money.EUR, Sql.ts(now)).update(key, "id");
        long id = key.getKey().longValue();
        Money money = Money.euros(amount);
        ledger.post("PAYOUT_REQUESTED", "Payout " + id + " requested", workerId, "payout:" + id,
                List.of(Leg.debit(LedgerAccount.worker(workerId), money), Leg.credit(LedgerAccount.payoutPending(workerId), money)));
        trail.record(TrailEntry.of("PAYOUT_REQUESTED").aboutWorker(workerId).by(workerId)
                .with("payoutId", id).with("amount", amount).with("currency", Money.EUR));
        return get(id);
    }

    @Transactional
    public Payout markPaid(long adminId, long payoutId, String paymentReference) {
        Payout payout = get(payoutId);
        int updated = jdbc.sql("""
                        UPDATE payout SET state = 'PAID', paid_at = ?, paid_by = ?, payment_reference = ?
                        WHERE id = ? AND state = 'REQUESTED'""")
                .params(Sql.ts(clock.instant()), adminId, paymentReference, payoutId).update();
        if (updated == 0) {
            throw DomainException.conflict("Payout " + payoutId + " is already paid").code("problem.payout.paid");
        }
        Money money = new Money(payout.amount(), payout.currency());
        ledger.post("PAYOUT_PAID", "Payout " + payoutId + " paid" + (paymentReference == null ? "" : " (" + paymentReference + ")"),
                adminId, "payout:" + payoutId,
                List.of(Leg.debit(LedgerAccount.payoutPending(payout.workerId()), money),
                        Leg.credit(LedgerAccount.platform(LedgerAccount.Type.PAID_OUT), money)));
        trail.record(TrailEntry.of("PAYOUT_PAID").aboutWorker(payout.workerId()).by(adminId)
                .with("payoutId", payoutId).with("amount", payout.amount()).with("currency", payout.currency())
                .with("paymentReference", paymentReference));
        events.publishEvent(org.polder.notify.Notice.to(payout.workerId(), org.polder.notify.NoticeKind.PAYOUT,
                org.polder.common.Words.of("notice.payoutPaid", org.polder.common.Words.money(payout.amount()))));
        return get(payoutId);
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

    @Transactional(readOnly = true)
    public List<Payout> pending() {
        return jdbc.sql("SELECT * FROM payout WHERE state = 'REQUESTED' ORDER BY id").query(Payouts::map).list();
    }

    private static Payout map(ResultSet rs, int n) throws SQLException {
        return new Payout(rs.getLong("id"), rs.getLong("worker_id"), rs.getLong("amount"), rs.getString("currency"),
                Payout.State.valueOf(rs.getString("state")), Sql.instant(rs, "requested_at"), Sql.instant(rs, "paid_at"),
                Sql.longOrNull(rs, "paid_by"), rs.getString("payment_reference"));
    }
}
