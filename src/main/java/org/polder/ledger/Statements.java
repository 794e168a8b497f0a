package org.polder.ledger;

import org.polder.account.Accounts;
import org.polder.account.CurrentUser;
import org.polder.common.DomainException;
import org.polder.common.Sql;
import org.polder.work.PayFloor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Monthly and yearly statements, read from the ledger alone: a worker's earnings ({@link EarningsStatement}) and an
 * organisation's balance movements ({@link BalanceStatement}). Periods are whole local months or years.
 */
@Service
public class Statements {

    /** Kinds of posting that pay for work done, from a piece of work's escrow. */
    private static final List<String> PAY = List.of("ASSIGNMENT_PAID", "ERRAND_PAYMENT", "ERRAND_ENDED");

    private final JdbcClient jdbc;
    private final Ledger ledger;
    private final Accounts accounts;
    private final PayPerActiveHour payPerActiveHour;
    private final PayFloor floor;
    private final Clock clock;
    private final ZoneId zone;

    Statements(JdbcClient jdbc, Ledger ledger, Accounts accounts, PayPerActiveHour payPerActiveHour, PayFloor floor, Clock clock,
               @Value("${polder.display-zone:Europe/Amsterdam}") String zone) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.accounts = accounts;
        this.payPerActiveHour = payPerActiveHour;
        this.floor = floor;
        this.clock = clock;
        this.zone = ZoneId.of(zone);
    }

    /**
     * The first and last day of a year, or of a month of it, checked: not before 2000 and not after this month; a
     * period still running ends today.
     */
    public LocalDate[] period(int year, Integer month) {
        LocalDate today = clock.instant().atZone(zone).toLocalDate();
        if (year < 2000 || year > today.getYear() || (month != null && (month < 1 || month > 12))
                || (month != null && YearMonth.of(year, month).isAfter(YearMonth.from(today)))) {
            throw DomainException.invalid("period: a month or year from 2000 up to now").code("problem.statement.period");
        }
        LocalDate from = month == null ? LocalDate.of(year, 1, 1) : LocalDate.of(year, month, 1);
        LocalDate to = month == null ? from.plusYears(1).minusDays(1) : from.plusMonths(1).minusDays(1);
        // A period still running ends today: its closing balance is today's.
        return new LocalDate[] {from, to.isAfter(today) ? today : to};
    }

    @Transactional(readOnly = true)
    public EarningsStatement earnings(CurrentUser worker, int year, Integer month) {
        LocalDate[] p = period(year, month);
        Instant start = p[0].atStartOfDay(zone).toInstant();
        Instant end = p[1].plusDays(1).atStartOfDay(zone).toInstant();
        LedgerAccount account = LedgerAccount.worker(worker.id());
        record Row(String kind, long amount, String escrowType, Long organisationId) {
        }
        // Each posting to the worker's account with its transaction's kind and, when it came from a piece of work's
        // escrow, that escrow's type (the kind of work) and the organisation that funded it.
        List<Row> rows = jdbc.sql("""
                        SELECT t.kind, p.amount, e.type AS escrow_type,
                               (SELECT MIN(o.owner_id) FROM posting f JOIN posting fo ON fo.transaction_id = f.transaction_id
                                  JOIN ledger_account o ON o.id = fo.account_id AND o.type = 'ORGANISATION'
                                 WHERE f.account_id = e.id AND f.amount > 0) AS organisation_id
                        FROM posting p JOIN ledger_transaction t ON t.id = p.transaction_id
                        JOIN ledger_account w ON w.id = p.account_id AND w.type = 'WORKER' AND w.owner_id = ?
                        LEFT JOIN posting pe ON pe.transaction_id = p.transaction_id AND pe.account_id IN
                             (SELECT id FROM ledger_account WHERE type IN ('BATCH_ESCROW', 'SHIFT_ESCROW', 'ERRAND_ESCROW', 'VISIT_ESCROW'))
                        LEFT JOIN ledger_account e ON e.id = pe.account_id
                        WHERE t.created_at >= ? AND t.created_at < ?""")
                .params(worker.id(), Sql.ts(start), Sql.ts(end))
                .query((rs, n) -> new Row(rs.getString("kind"), rs.getLong("amount"), rs.getString("escrow_type"),
                        Sql.longOrNull(rs, "organisation_id")))
                .list();
        Map<String, Long> perKind = new TreeMap<>();
        Map<String, Long> perRequester = new LinkedHashMap<>();
        Map<String, Long> other = new TreeMap<>();
        Map<Long, String> names = new TreeMap<>();
        long gross = 0;
        long payouts = 0;
        long returned = 0;
        long transfersIn = 0;
        for (Row r : rows) {
            switch (r.kind()) {
                case "PAYOUT_REQUESTED" -> payouts -= r.amount();
                case "PAYOUT_RETURNED" -> returned += r.amount();
                case "BANK_TRANSFER_IN" -> transfersIn += r.amount();
                default -> {
                    if (r.amount() <= 0) {
                        other.merge(r.kind(), r.amount(), Long::sum);
                    } else if (r.escrowType() != null && PAY.contains(r.kind())) {
                        String kind = kindOf(r.escrowType());
                        gross += r.amount();
                        perKind.merge(kind, r.amount(), Long::sum);
                        String name = r.organisationId() == null ? "" : names.computeIfAbsent(r.organisationId(), id -> accounts.organisation(id).name());
                        perRequester.merge(name + "\u0000" + kind, r.amount(), Long::sum);
                    } else {
                        other.merge(r.kind(), r.amount(), Long::sum);
                    }
                }
            }
        }
        List<EarningsStatement.RequesterLine> byRequester = new ArrayList<>();
        perRequester.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).forEach(e -> {
            String[] parts = e.getKey().split("\u0000");
            byRequester.add(new EarningsStatement.RequesterLine(parts[0], parts[1], e.getValue()));
        });
        PayPerActiveHour.Period hours = payPerActiveHour.of(worker.id(), p[0], p[1].plusDays(1), zone);
        long closing = balanceAt(account, end);
        long opening = balanceAt(account, start);
        return new EarningsStatement(worker.id(), worker.displayName(), p[0], p[1], month == null, opening, closing,
                lines(perKind), byRequester, lines(other), gross, 0, payouts, returned, transfersIn,
                hours.activeSeconds(), hours.perActiveHourCents(), floor.hourlyCents());
    }

    /** An organisation's balance in a month or year: what came in, went into escrow and came back, each movement listed. */
    @Transactional(readOnly = true)
    public BalanceStatement balance(CurrentUser requester, int year, Integer month) {
        LocalDate[] p = period(year, month);
        Instant start = p[0].atStartOfDay(zone).toInstant();
        Instant end = p[1].plusDays(1).atStartOfDay(zone).toInstant();
        long org = requester.organisation();
        LedgerAccount account = LedgerAccount.organisation(org);
        List<BalanceStatement.Movement> movements = jdbc.sql("""
                        SELECT t.created_at, t.kind, t.description, p.amount FROM posting p
                        JOIN ledger_transaction t ON t.id = p.transaction_id
                        JOIN ledger_account a ON a.id = p.account_id AND a.type = 'ORGANISATION' AND a.owner_id = ?
                        WHERE t.created_at >= ? AND t.created_at < ? ORDER BY t.created_at, t.id""")
                .params(org, Sql.ts(start), Sql.ts(end))
                .query((rs, n) -> new BalanceStatement.Movement(Sql.instant(rs, "created_at"), rs.getString("kind"),
                        rs.getString("description"), rs.getLong("amount")))
                .list();
        Map<String, Long> totals = new TreeMap<>();
        movements.forEach(m -> totals.merge(m.kind(), m.cents(), Long::sum));
        return new BalanceStatement(org, accounts.organisation(org).name(), p[0], p[1], month == null,
                balanceAt(account, start), balanceAt(account, end), lines(totals), movements);
    }

    /** The account's balance just before {@code at}: the sum of its postings before then. */
    private long balanceAt(LedgerAccount account, Instant at) {
        return jdbc.sql("""
                        SELECT COALESCE(SUM(p.amount), 0) FROM posting p JOIN ledger_transaction t ON t.id = p.transaction_id
                        JOIN ledger_account a ON a.id = p.account_id WHERE a.type = ? AND a.owner_id = ? AND t.created_at < ?""")
                .params(account.type().name(), account.ownerId(), Sql.ts(at)).query(Long.class).single();
    }

    private static String kindOf(String escrowType) {
        return switch (escrowType) {
            case "SHIFT_ESCROW" -> "SHIFT";
            case "ERRAND_ESCROW" -> "ERRAND";
            case "VISIT_ESCROW" -> "HOME";
            default -> "MICROTASK";
        };
    }

    private static List<EarningsStatement.Line> lines(Map<String, Long> map) {
        return map.entrySet().stream().filter(e -> e.getValue() != 0).map(e -> new EarningsStatement.Line(e.getKey(), e.getValue())).toList();
    }
}
