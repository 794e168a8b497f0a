package org.polder.home;

import org.polder.account.CurrentUser;
import org.polder.account.Role;
import org.polder.common.DomainException;
import org.polder.common.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A household's statement for a year or a month, as the household services rule (Regeling dienstverlening aan huis)
 * asks: per worker and visit, the hours, the pay, the holiday pay on top, and no VAT, because the household employs
 * the worker directly. It warns about any week in which a worker came on four days or more: the rule then no longer
 * applies, and the household would be an ordinary employer.
 */
@Service
public class HouseholdStatements {

    private final JdbcClient jdbc;
    private final Bookings bookings;
    private final HomeSettings settings;

    HouseholdStatements(JdbcClient jdbc, Bookings bookings, HomeSettings settings) {
        this.jdbc = jdbc;
        this.bookings = bookings;
        this.settings = settings;
    }

    /** One paid visit, or a share paid for a late cancellation ({@code minutes} 0). */
    public record StatementVisit(long visitId, Instant day, String worker, int minutes, long hourlyRate, long pay, long holidayPay, long fee) {
        public long wages() {
            return pay + holidayPay;
        }
    }

    /** What one worker was paid by the household in the period, and the weeks they came on four days or more. */
    public record PerWorker(String worker, int minutes, long pay, long holidayPay, List<String> fourDayWeeks) {
    }

    public record HouseholdStatement(String household, LocalDate from, LocalDate until, List<StatementVisit> lines, List<PerWorker> perWorker, int minutes,
                            long pay, long holidayPay, long fees, int holidayPercent) {
        /** What the workers were paid: wages and holiday pay (no VAT). */
        public long wages() {
            return pay + holidayPay;
        }

        public boolean anyFourDayWeek() {
            return perWorker.stream().anyMatch(w -> !w.fourDayWeeks().isEmpty());
        }
    }

    /** The statement of a year (month null) or of one month of it. */
    @Transactional(readOnly = true)
    public HouseholdStatement of(CurrentUser household, int year, Integer month) {
        long org = household.require(Role.REQUESTER).organisation();
        if (year < 2000 || year > 2100 || (month != null && (month < 1 || month > 12))) {
            throw DomainException.invalid("year, month: a year, and optionally a month from 1 to 12").code("problem.home.period");
        }
        LocalDate from = month == null ? LocalDate.of(year, 1, 1) : LocalDate.of(year, month, 1);
        LocalDate until = month == null ? from.plusYears(1) : from.plusMonths(1);
        Instant start = from.atStartOfDay(settings.zone()).toInstant();
        Instant end = until.atStartOfDay(settings.zone()).toInstant();
        record Row(StatementVisit line, long workerId) {
        }
        List<Row> rows = jdbc.sql("""
                        SELECT v.id, v.starts_at, v.worker_id, a.display_name, v.state, v.paid_minutes, v.paid, v.compensation, v.fee, v.pay,
                               v.holiday_pay, b.hourly_rate, b.holiday_percent
                        FROM home_visit v JOIN home_booking b ON b.id = v.booking_id JOIN account a ON a.id = v.worker_id
                        WHERE b.organisation_id = ? AND v.starts_at >= ? AND v.starts_at < ?
                          AND (v.state = 'SETTLED' OR v.compensation > 0) ORDER BY v.starts_at, v.id""")
                .params(org, Sql.ts(start), Sql.ts(end))
                .query((rs, n) -> {
                    boolean settled = "SETTLED".equals(rs.getString("state"));
                    int minutes = settled ? rs.getInt("paid_minutes") : 0;
                    long paid = settled ? rs.getLong("paid") : rs.getLong("compensation");
                    long holiday = settled ? paid - Booking.payFor(rs.getLong("hourly_rate"), minutes) : 0;
                    return new Row(new StatementVisit(rs.getLong("id"), Sql.instant(rs, "starts_at"), rs.getString("display_name"), minutes,
                            rs.getLong("hourly_rate"), paid - holiday, holiday, settled ? rs.getLong("fee") : 0), rs.getLong("worker_id"));
                }).list();
        Map<Long, PerWorker> perWorker = new LinkedHashMap<>();
        for (Row r : rows) {
            StatementVisit l = r.line();
            perWorker.merge(r.workerId(), new PerWorker(l.worker(), l.minutes(), l.pay(), l.holidayPay(), List.of()),
                    (a, b) -> new PerWorker(a.worker(), a.minutes() + b.minutes(), a.pay() + b.pay(), a.holidayPay() + b.holidayPay(), List.of()));
        }
        List<PerWorker> workers = perWorker.entrySet().stream().map(e -> {
            List<String> weeks = bookings.fourDayWeeks(org, e.getKey()).stream().filter(w -> w.startsWith(Integer.toString(year))).toList();
            PerWorker w = e.getValue();
            return new PerWorker(w.worker(), w.minutes(), w.pay(), w.holidayPay(), weeks);
        }).toList();
        List<StatementVisit> lines = rows.stream().map(Row::line).toList();
        String name = jdbc.sql("SELECT name FROM organisation WHERE id = ?").param(org).query(String.class).single();
        return new HouseholdStatement(name, from, until.minusDays(1), lines, workers, lines.stream().mapToInt(StatementVisit::minutes).sum(),
                lines.stream().mapToLong(StatementVisit::pay).sum(), lines.stream().mapToLong(StatementVisit::holidayPay).sum(),
                lines.stream().mapToLong(StatementVisit::fee).sum(), settings.holidayPercent());
    }
}
