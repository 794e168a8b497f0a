package org.polder.home.internal;

import org.polder.account.CurrentUser;
import org.polder.common.Sql;
import org.polder.export.ExportPart;
import org.polder.ledger.ActiveTime;
import org.polder.ledger.PendingEarnings;
import org.polder.oversight.AssignmentOwners;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What home services tell the rest of Polder: active time (check-in to check-out) for pay per active hour and the
 * report to authorities, pay awaiting the household's confirmation, which household a visit belongs to (for safety
 * reports, ratings and threads), and the worker's visits in their export.
 */
@Component
class HomeRecords implements ActiveTime, PendingEarnings, AssignmentOwners, ExportPart {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    HomeRecords(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    @Transactional(readOnly = true)
    public Map<LocalDate, Long> secondsPerDay(long workerId, Instant from, Instant to, ZoneId zone) {
        return Stretches.perDay(jdbc, "SELECT checked_in_at, checked_out_at FROM home_visit WHERE worker_id = ? AND checked_out_at >= ? AND checked_out_at < ?",
                List.of(workerId, Sql.ts(from), Sql.ts(to)), zone);
    }

    @Override
    @Transactional(readOnly = true)
    public Map<Long, Long> secondsByWorker(Instant from, Instant to) {
        return Stretches.byWorker(jdbc, "SELECT worker_id, checked_in_at, checked_out_at FROM home_visit WHERE checked_out_at >= ? AND checked_out_at < ?",
                List.of(Sql.ts(from), Sql.ts(to)));
    }

    @Override
    @Transactional(readOnly = true)
    public long pendingFor(long workerId) {
        return jdbc.sql("""
                        SELECT v.worked_minutes, b.hourly_rate, b.holiday_percent FROM home_visit v JOIN home_booking b ON b.id = v.booking_id
                        WHERE v.worker_id = ? AND v.state IN ('DONE', 'QUESTIONED')""")
                .param(workerId)
                .query((rs, n) -> {
                    long pay = org.polder.home.Booking.payFor(rs.getLong(2), rs.getInt(1));
                    return pay + org.polder.home.Booking.holidayPayOn(pay, rs.getInt(3));
                })
                .list().stream().mapToLong(Long::longValue).sum();
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Long> organisationOf(long workerId, long assignmentId) {
        return jdbc.sql("""
                        SELECT b.organisation_id FROM home_visit v JOIN home_booking b ON b.id = v.booking_id
                        WHERE v.assignment_id = ? AND v.worker_id = ?""")
                .params(assignmentId, workerId).query(Long.class).optional();
    }

    @Override
    public boolean workedFor(long workerId, long organisationId) {
        return jdbc.sql("""
                        SELECT COUNT(*) FROM home_visit v JOIN home_booking b ON b.id = v.booking_id
                        WHERE v.worker_id = ? AND b.organisation_id = ?""")
                .params(workerId, organisationId).query(Long.class).single() > 0;
    }

    @Override
    @Transactional(readOnly = true)
    public List<File> filesFor(CurrentUser worker) {
        List<Map<String, Object>> visits = jdbc.sql("""
                        SELECT v.*, b.service, b.address, b.hourly_rate, b.holiday_percent, b.weekly, o.name AS household
                        FROM home_visit v JOIN home_booking b ON b.id = v.booking_id JOIN organisation o ON o.id = b.organisation_id
                        WHERE v.worker_id = ? ORDER BY v.starts_at""")
                .param(worker.id())
                .query((rs, n) -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("visitId", rs.getLong("id"));
                    m.put("bookingId", rs.getLong("booking_id"));
                    m.put("assignmentId", Sql.longOrNull(rs, "assignment_id"));
                    m.put("household", rs.getString("household"));
                    m.put("service", rs.getString("service"));
                    m.put("address", rs.getString("address"));
                    m.put("weekly", rs.getBoolean("weekly"));
                    m.put("startsAt", String.valueOf(Sql.instant(rs, "starts_at")));
                    m.put("minutes", rs.getInt("minutes"));
                    m.put("hourlyRate", rs.getLong("hourly_rate"));
                    m.put("holidayPercent", rs.getInt("holiday_percent"));
                    m.put("state", rs.getString("state"));
                    m.put("checkedInAt", String.valueOf(Sql.instant(rs, "checked_in_at")));
                    m.put("checkedInNearby", rs.getObject("checked_in_nearby"));
                    m.put("checkedOutAt", String.valueOf(Sql.instant(rs, "checked_out_at")));
                    m.put("workedMinutes", rs.getObject("worked_minutes"));
                    m.put("paidMinutes", rs.getObject("paid_minutes"));
                    m.put("feltSafe", rs.getObject("felt_safe"));
                    m.put("paid", Sql.longOrNull(rs, "paid"));
                    m.put("compensation", Sql.longOrNull(rs, "compensation"));
                    return m;
                }).list();
        List<Map<String, Object>> alarms = jdbc.sql("SELECT visit_id, raised_at, reached FROM home_alarm WHERE worker_id = ? ORDER BY id")
                .param(worker.id())
                .query((rs, n) -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("visitId", rs.getLong(1));
                    m.put("raisedAt", String.valueOf(Sql.instant(rs, "raised_at")));
                    m.put("reached", rs.getString(3));
                    return m;
                }).list();
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("visits", visits);
        all.put("alarms", alarms);
        return List.of(new File("visits.json", json.writeValueAsBytes(all),
                "visits.json: the visits to homes you took, with check-in, check-out, the hours, what was paid and whether all was well; the alarms you raised"));
    }
}
