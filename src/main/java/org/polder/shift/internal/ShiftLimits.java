package org.polder.shift.internal;

import org.polder.shift.Hours;
import org.polder.shift.Shift;
import org.polder.shift.ShiftSettings;
import org.polder.common.Automated;
import org.polder.common.DomainException;
import org.polder.common.Sql;
import org.polder.work.WorkKind;
import org.polder.work.WorkingTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * What only shifts add to the working-time limits every kind of work keeps ({@link WorkingTime}): no two
 * shifts at once, and a yearly cap of hours with one client. Hours are planned paid hours of the shifts
 * a worker holds; years are local.
 */
@Component
public class ShiftLimits {

    public static final String LIMITS = "shift.working-time-limits";

    private final JdbcClient jdbc;
    private final ShiftSettings settings;

    public ShiftLimits(JdbcClient jdbc, ShiftSettings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    /** The shift as work about to be taken, for the limits every kind keeps. */
    public static WorkingTime.Candidate candidate(Shift s) {
        return new WorkingTime.Candidate(WorkKind.SHIFT, s.startsAt(), s.endsAt(), s.plannedMinutes() * 60L).forOrganisation(s.organisationId());
    }

    private record Held(long shiftId, long organisationId, Instant start, Instant end, int minutes) {
    }

    /** What would break if the worker took this shift too; empty when nothing would. */
    @Automated(LIMITS)
    public Optional<DomainException> problem(long workerId, Shift candidate) {
        LocalDate day = local(candidate.startsAt());
        Instant yearStart = day.withDayOfYear(1).atStartOfDay(settings.zone()).toInstant();
        Instant yearEnd = day.withDayOfYear(1).plusYears(1).atStartOfDay(settings.zone()).toInstant();
        List<Held> held = jdbc.sql("""
                        SELECT s.id, s.organisation_id, s.starts_at, s.ends_at, s.break_minutes FROM assignment a
                        JOIN shift s ON s.task_id = a.task_id
                        WHERE a.worker_id = ? AND a.kind = 'SHIFT' AND a.state IN ('ACCEPTED', 'STARTED', 'SUBMITTED', 'PAID')
                          AND s.id <> ? AND s.starts_at < ? AND s.ends_at > ?""")
                .params(workerId, candidate.id(), Sql.ts(yearEnd), Sql.ts(yearStart))
                .query((rs, n) -> {
                    Instant start = Sql.instant(rs, "starts_at");
                    Instant end = Sql.instant(rs, "ends_at");
                    return new Held(rs.getLong(1), rs.getLong(2), start, end, Shift.minutes(start, end, rs.getInt("break_minutes")));
                }).list();
        int clientMinutes = candidate.plannedMinutes();
        for (Held h : held) {
            if (h.start().isBefore(candidate.endsAt()) && candidate.startsAt().isBefore(h.end())) {
                return Optional.of(DomainException.conflict("The worker already has shift " + h.shiftId() + " at that time")
                        .code("problem.shift.overlap", h.shiftId()));
            }
            if (h.organisationId() == candidate.organisationId() && local(h.start()).getYear() == day.getYear()) {
                clientMinutes += h.minutes();
            }
        }
        if (clientMinutes > settings.maxMinutesPerClientYear()) {
            return Optional.of(DomainException.conflict("The worker would work " + hours(clientMinutes) + " hours for this client in "
                            + day.getYear() + "; at most " + settings.maxHoursPerClientYear() + " a year")
                    .code("problem.shift.yearLimit", hours(clientMinutes), settings.maxHoursPerClientYear()));
        }
        return Optional.empty();
    }

    private LocalDate local(Instant instant) {
        return instant.atZone(settings.zone()).toLocalDate();
    }

    private static String hours(int minutes) {
        return minutes % 60 == 0 ? Integer.toString(minutes / 60) : String.format(java.util.Locale.ROOT, "%.1f", minutes / 60.0);
    }
}
