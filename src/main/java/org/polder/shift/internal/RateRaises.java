package org.polder.shift.internal;

import org.polder.common.Sql;
import org.polder.ledger.Escrow;
import org.polder.ledger.Fees;
import org.polder.ledger.InsufficientFunds;
import org.polder.shift.Shift;
import org.polder.trail.Trail;
import org.polder.trail.TrailEntry;
import org.polder.work.WorkKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Raises the hourly rate of a shift still short of people, up to the ceiling its requester set (as Temper does):
 * at 48, 24, 12 and 6 hours before the start, each step a quarter of the way from the rate first posted. The rate
 * reaches everyone on the shift, selected or not; the extra pay and fee move into escrow at once. A step the
 * organisation cannot fund is left out (the rate stays) and tried again next round. On several nodes each step is
 * taken once: the move is a conditional update on the number of steps taken.
 */
@Component
public class RateRaises {

    private static final Logger log = LoggerFactory.getLogger(RateRaises.class);
    /** Hours before the start at which the rate takes its next step. */
    static final List<Integer> STEPS = List.of(48, 24, 12, 6);

    private final JdbcClient jdbc;
    private final Escrow escrow;
    private final Fees fees;
    private final Trail trail;
    private final Clock clock;
    private final TransactionTemplate transactions;

    RateRaises(JdbcClient jdbc, Escrow escrow, Fees fees, Trail trail, Clock clock, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.escrow = escrow;
        this.fees = fees;
        this.trail = trail;
        this.clock = clock;
        this.transactions = transactions;
    }

    private record Due(long id, long organisationId, long taskId, Instant startsAt, int paidMinutes, int headcount, long base, long ceiling,
                       long pay, long fee, int raises) {
    }

    /** One round: every shift due a step takes it; returns how many shifts rose. */
    public int raiseDue() {
        Instant now = clock.instant();
        List<Due> due = jdbc.sql("""
                        SELECT s.id, s.organisation_id, s.task_id, s.starts_at, s.ends_at, s.break_minutes, s.headcount, s.base_rate,
                               s.rate_ceiling, s.pay, s.fee, s.rate_raises
                        FROM shift s JOIN task t ON t.id = s.task_id
                        WHERE s.state = 'OPEN' AND s.rate_ceiling IS NOT NULL AND t.open_slots > 0 AND s.rate_raises < ?
                          AND NOT EXISTS (SELECT 1 FROM shift_change c WHERE c.shift_id = s.id AND c.state = 'PROPOSED')
                          AND s.starts_at > ? AND s.starts_at <= ?""")
                .params(STEPS.size(), Sql.ts(now), Sql.ts(now.plus(Duration.ofHours(STEPS.get(0)))))
                .query((rs, n) -> new Due(rs.getLong("id"), rs.getLong("organisation_id"), rs.getLong("task_id"), Sql.instant(rs, "starts_at"),
                        (int) Duration.between(Sql.instant(rs, "starts_at"), Sql.instant(rs, "ends_at")).toMinutes() - rs.getInt("break_minutes"),
                        rs.getInt("headcount"), rs.getLong("base_rate"), rs.getLong("rate_ceiling"), rs.getLong("pay"), rs.getLong("fee"),
                        rs.getInt("rate_raises")))
                .list();
        int raised = 0;
        for (Due d : due) {
            int steps = stepsDue(d.startsAt(), now);
            if (steps > d.raises()) {
                try {
                    if (Boolean.TRUE.equals(transactions.execute(tx -> raise(d, steps)))) {
                        raised++;
                    }
                } catch (InsufficientFunds e) {
                    log.info("Shift {}: the organisation cannot fund the next rate step; the rate stays", d.id());
                }
            }
        }
        return raised;
    }

    /** How many steps are due this long before the start. */
    static int stepsDue(Instant startsAt, Instant now) {
        long hours = Duration.between(now, startsAt).toMinutes();
        int steps = 0;
        for (int h : STEPS) {
            if (hours <= h * 60L) {
                steps++;
            }
        }
        return steps;
    }

    private boolean raise(Due d, int steps) {
        long rate = d.base() + (d.ceiling() - d.base()) * steps / STEPS.size();
        long pay = Shift.payFor(rate, d.paidMinutes());
        long fee = fees.feeFor(pay);
        if (jdbc.sql("UPDATE shift SET hourly_rate = ?, pay = ?, fee = ?, rate_raises = ? WHERE id = ? AND rate_raises = ?")
                .params(rate, pay, fee, steps, d.id(), d.raises()).update() == 0) {
            return false;   // another node took this step
        }
        long extra = Math.multiplyExact(pay + fee - d.pay() - d.fee(), (long) d.headcount());
        if (extra > 0) {
            escrow.fund(new Escrow.Of(WorkKind.SHIFT, d.id(), d.organisationId()), extra, new Escrow.Entry("SHIFT_RATE_RAISED",
                    "Shift " + d.id() + ": rate raised to " + rate + " cents an hour", null, "shift:" + d.id()));
        }
        trail.record(TrailEntry.of("SHIFT_RATE_RAISED").organisation(d.organisationId()).work(WorkKind.SHIFT, d.taskId(), null)
                .with("shiftId", d.id()).with("hourlyRate", rate).with("escrow", extra));
        return true;
    }
}
