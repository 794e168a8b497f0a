package org.polder.bank;

import org.polder.account.CurrentUser;
import org.polder.account.Role;
import org.polder.common.DomainException;
import org.polder.common.NotFoundException;
import org.polder.common.Sql;
import org.polder.ledger.Payout;
import org.polder.ledger.Payouts;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

/**
 * Payout runs: every requested payout into one credit-transfer file for the bank. The file is "sent" when an
 * admin downloads it; a run not yet sent can be cancelled, which makes its payouts requested again.
 */
@Service
public class PayoutRuns {

    private final JdbcClient jdbc;
    private final Payouts payouts;
    private final PlatformAccount platform;
    private final Clock clock;
    private final ZoneId zone;

    PayoutRuns(JdbcClient jdbc, Payouts payouts, PlatformAccount platform, Clock clock,
               @Value("${polder.display-zone:Europe/Amsterdam}") String zone) {
        this.jdbc = jdbc;
        this.payouts = payouts;
        this.platform = platform;
        this.clock = clock;
        this.zone = ZoneId.of(zone);
    }

    /** Gathers every requested payout into a new run and writes its file; refuses when none is waiting. */
    @Transactional
    public PayoutRun create(CurrentUser admin) {
        admin.require(Role.ADMIN);
        Instant now = clock.instant();
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO payout_run (message_id, state, payouts, control_sum, document, created_at, created_by) VALUES (?, 'PREPARED', 0, 0, '', ?, ?)")
                .params("P" + UUID.randomUUID().toString().replace("-", ""), Sql.ts(now), admin.id()).update(key, "id");
        long id = key.getKey().longValue();
        List<Payout> taken = payouts.takeIntoRun(id);
        if (taken.isEmpty()) {
            throw DomainException.conflict("No payouts are waiting for a run").code("problem.payoutRun.empty");
        }
        String messageId = "POLDER-RUN-" + id;
        long sum = taken.stream().mapToLong(Payout::amount).sum();
        String document = CreditTransferFile.write(messageId, now.atZone(zone).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toOffsetDateTime(), nextBankDay(now.atZone(zone).toLocalDate()),
                platform, taken);
        jdbc.sql("UPDATE payout_run SET message_id = ?, payouts = ?, control_sum = ?, document = ? WHERE id = ?")
                .params(messageId, taken.size(), sum, document, id).update();
        return get(id);
    }

    /** The file, for the bank; the first download marks the run and its payouts sent. */
    @Transactional
    public String download(CurrentUser admin, long runId) {
        admin.require(Role.ADMIN);
        PayoutRun run = get(runId);
        if (run.state() == PayoutRun.State.CANCELLED) {
            throw DomainException.conflict("Payout run " + runId + " was cancelled; its payouts are in a later run").code("problem.payoutRun.cancelled");
        }
        if (jdbc.sql("UPDATE payout_run SET state = 'SENT', sent_at = ?, sent_by = ? WHERE id = ? AND state = 'PREPARED'")
                .params(Sql.ts(clock.instant()), admin.id(), runId).update() == 1) {
            payouts.sent(runId);
        }
        return jdbc.sql("SELECT document FROM payout_run WHERE id = ?").param(runId).query(String.class).single();
    }

    /** A run whose file was not yet downloaded is dropped; its payouts wait for the next run. */
    @Transactional
    public PayoutRun cancel(CurrentUser admin, long runId) {
        admin.require(Role.ADMIN);
        get(runId);
        if (jdbc.sql("UPDATE payout_run SET state = 'CANCELLED' WHERE id = ? AND state = 'PREPARED'").param(runId).update() == 0) {
            throw DomainException.conflict("Payout run " + runId + " was already sent to the bank; it cannot be cancelled").code("problem.payoutRun.sent");
        }
        payouts.release(runId);
        return get(runId);
    }

    /**
     * An admin marks a sent run paid without the bank's statement (the bank's confirmation came another way),
     * saying how; each of its payouts still on its way is paid once.
     */
    @Transactional
    public PayoutRun markPaid(CurrentUser admin, long runId, String how) {
        admin.require(Role.ADMIN);
        if (how == null || how.isBlank()) {
            throw DomainException.invalid("how: say how you know the bank paid it").code("problem.payout.howPaid");
        }
        PayoutRun run = get(runId);
        if (run.state() != PayoutRun.State.SENT) {
            throw DomainException.conflict("Payout run " + runId + " is not waiting for the bank").code("problem.payoutRun.notSent");
        }
        paidByBank(admin.id(), run, "marked paid by an admin: " + how.strip());
        return get(runId);
    }

    /** The bank's statement shows the run debited: every payout still on its way in it is paid. */
    @Transactional
    int paidByBank(long actorId, PayoutRun run, String bankReference) {
        int paid = 0;
        for (Payout p : payouts.inRun(run.id())) {
            if (p.state() == Payout.State.SENT) {
                payouts.paidByBank(actorId, p.id(), bankReference);
                paid++;
            }
        }
        jdbc.sql("UPDATE payout_run SET state = 'PAID', paid_at = ? WHERE id = ? AND state = 'SENT'").params(Sql.ts(clock.instant()), run.id()).update();
        return paid;
    }

    @Transactional(readOnly = true)
    public PayoutRun get(long id) {
        return jdbc.sql("SELECT * FROM payout_run WHERE id = ?").param(id).query(PayoutRuns::map).optional()
                .orElseThrow(() -> new NotFoundException("Payout run", id));
    }

    @Transactional(readOnly = true)
    public java.util.Optional<PayoutRun> byMessageId(String messageId) {
        return jdbc.sql("SELECT * FROM payout_run WHERE message_id = ?").param(messageId).query(PayoutRuns::map).optional();
    }

    @Transactional(readOnly = true)
    public List<PayoutRun> recent(int limit) {
        return jdbc.sql("SELECT * FROM payout_run WHERE state <> 'CANCELLED' ORDER BY id DESC LIMIT ?").param(limit).query(PayoutRuns::map).list();
    }

    /** The execution date asked of the bank: today, or the next weekday. */
    static LocalDate nextBankDay(LocalDate day) {
        LocalDate d = day;
        while (d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY) {
            d = d.plusDays(1);
        }
        return d;
    }

    private static PayoutRun map(ResultSet rs, int n) throws SQLException {
        return new PayoutRun(rs.getLong("id"), rs.getString("message_id"), PayoutRun.State.valueOf(rs.getString("state")),
                rs.getInt("payouts"), rs.getLong("control_sum"), Sql.instant(rs, "created_at"), rs.getLong("created_by"),
                Sql.instant(rs, "sent_at"), Sql.longOrNull(rs, "sent_by"), Sql.instant(rs, "paid_at"));
    }
}
