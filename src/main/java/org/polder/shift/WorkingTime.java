package org.polder.shift;

import org.polder.common.Automated;
import org.polder.common.DomainException;
import org.polder.common.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.List;
import java.util.Optional;

/**
 * The working-time limits a selection must keep, enforced and not only warned: no two shifts at once,
 * a minimum rest between shifts, maximum hours per day and per week, and a yearly cap of hours with
 * one client. Hours are planned paid hours of the shifts a worker holds; days and weeks are local.
 */
@Component
class WorkingTime {

    static final String LIMITS = "shift.working-time-limits";

    private final JdbcClient jdbc;
    private final ShiftSettings settings;

    WorkingTime(JdbcClient jdbc, ShiftSettings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    private record Held(long shiftId, long organisationId, Instant start, Instant end, int minutes) {
    }

    /** What would break if the worker took this shift too; empty when nothing would. */
    @Automated(LIMITS)
    Optional<DomainException> problem(long workerId, Shift candidate) {
        List<Held> held = jdbc.sql("""
                        SELECT s.id, s.organisation_id, s.starts_at, s.ends_at, s.break_minutes FROM assignment a
                        JOIN shift s ON s.task_id = a.task_id
                        WHERE a.worker_id = ? AND a.kind = 'SHIFT' AND a.state IN ('ACCEPTED', 'STARTED', 'SUBMITTED', 'APPROVED', 'PAID')
                          AND s.id <> ?""")
                .params(workerId, candidate.id())
                .query((rs, n) -> {
                    Instant start = Sql.instant(rs, "starts_at");
                    Instant end = Sql.instant(rs, "ends_at");
                    return new Held(rs.getLong(1), rs.getLong(2), start, end, Shift.minutes(start, end, rs.getInt("break_minutes")));
                }).list();
        LocalDate day = local(candidate.startsAt());
        int dayMinutes = candidate.plannedMinutes();
        int weekMinutes = candidate.plannedMinutes();
        int clientMinutes = candidate.plannedMinutes();
        for (Held h : held) {
            if (h.start().isBefore(candidate.endsAt()) && candidate.startsAt().isBefore(h.end())) {
                return Optional.of(DomainException.conflict("The worker already has shift " + h.shiftId() + " at that time")
                        .code("problem.shift.overlap", h.shiftId()));
            }
            Duration gap = h.end().isAfter(candidate.startsAt()) ? Duration.between(candidate.endsAt(), h.start())
                    : Duration.between(h.end(), candidate.startsAt());
            if (gap.toMinutes() < settings.minRestMinutes) {
                return Optional.of(DomainException.conflict("The worker would rest only " + gap.toMinutes() / 60.0
                                + " hours between this shift and shift " + h.shiftId() + "; at least " + settings.minRestHours() + " are needed")
                        .code("problem.shift.rest", h.shiftId(), settings.minRestHours()));
            }
            LocalDate d = local(h.start());
            if (d.equals(day)) {
                dayMinutes += h.minutes();
            }
            if (d.get(IsoFields.WEEK_BASED_YEAR) == day.get(IsoFields.WEEK_BASED_YEAR)
                    && d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR) == day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)) {
                weekMinutes += h.minutes();
            }
            if (h.organisationId() == candidate.organisationId() && d.getYear() == day.getYear()) {
                clientMinutes += h.minutes();
            }
        }
        if (dayMinutes > settings.maxMinutesPerDay) {
            return Optional.of(DomainException.conflict("The worker would work " + hours(dayMinutes) + " hours on " + day
                    + "; at most " + settings.maxHoursPerDay() + " a day").code("problem.shift.dayLimit", hours(dayMinutes), settings.maxHoursPerDay()));
        }
        if (weekMinutes > settings.maxMinutesPerWeek) {
            return Optional.of(DomainException.conflict("The worker would work " + hours(weekMinutes) + " hours that week; at most "
                    + settings.maxHoursPerWeek() + " a week").code("problem.shift.weekLimit", hours(weekMinutes), settings.maxHoursPerWeek()));
        }
        if (clientMinutes > settings.maxMinutesPerClientYear) {
            return Optional.of(DomainException.conflict("The worker would work " + hours(clientMinutes) + " hours for this client in "
                    + day.getYear() + "; at most " + settings.maxHoursPerClientYear() + " a year")
                    .code("problem.shift.yearLimit", hours(clientMinutes), settings.maxHoursPerClientYear()));
        }
        return Optional.empty();
    }

    private LocalDate local(Instant instant) {
        return instant.atZone(settings.zone).toLocalDate();
    }

    private static String hours(int minutes) {
        return minutes % 60 == 0 ? Integer.toString(minutes / 60) : String.format(java.util.Locale.ROOT, "%.1f", minutes / 60.0);
    }
}
