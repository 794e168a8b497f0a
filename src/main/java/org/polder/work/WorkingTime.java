package org.polder.work;

import org.polder.common.Automated;
import org.polder.common.DomainException;
import org.polder.common.Sql;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;

/**
 * The working-time limits, for all kinds of work together: hours per local day and per week, and a
 * daily rest of some hours in a row. Shift hours (planned, also ahead), courier duty and online tasks
 * all count. Rest is kept when every working day (work separated by less than the rest) spans at most
 * 24 hours minus the rest, so that each 24 hours hold the rest in a row. The limits are parameters
 * that change only after a consultation.
 */
@Service
public class WorkingTime {

    public static final String RULE = "work.working-time";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    /** The limits in force: minutes per day and per week, and minutes of rest in a row. */
    public record Limits(long maxMinutesPerDay, long maxMinutesPerWeek, long minRestMinutes) {
    }

    /**
     * Work about to be taken: from when to when, how many seconds of it count, the qualifications it asks for
     * (ids; empty when none), and the organisation it is for (null when it is for none yet, as going on duty).
     */
    public record Candidate(WorkKind kind, Instant start, Instant end, long seconds, List<Long> qualifications, Long organisationId,
                            List<String> languages, List<String> regions) {

        public Candidate {
            if (end.isBefore(start) || seconds < 0) {
                throw new IllegalArgumentException("A candidate ends after it starts and counts no negative time");
            }
            qualifications = List.copyOf(qualifications);
            languages = languages == null ? List.of() : List.copyOf(languages);
            regions = regions == null ? List.of() : List.copyOf(regions);
        }

        public Candidate(WorkKind kind, Instant start, Instant end, long seconds) {
            this(kind, start, end, seconds, List.of(), null, List.of(), List.of());
        }

        /** The same work, for this organisation's requesters. */
        public Candidate forOrganisation(long organisation) {
            return new Candidate(kind, start, end, seconds, qualifications, organisation, languages, regions);
        }

        /** The same work, for workers who say they speak all these languages and live in one of these regions (none: anyone). */
        public Candidate targeting(List<String> languages, List<String> regions) {
            return new Candidate(kind, start, end, seconds, qualifications, organisationId, languages, regions);
        }

        /** Work of open length beginning now (going on duty, the next task of any batch): its first minute. */
        public static Candidate startingAt(WorkKind kind, Instant now) {
            return new Candidate(kind, now, now.plusSeconds(60), 60);
        }

        /** The same work, asking for this qualification too (nothing more when null). */
        public Candidate requiring(Long qualificationId) {
            if (qualificationId == null) {
                return this;
            }
            List<Long> all = new ArrayList<>(qualifications);
            all.add(qualificationId);
            return new Candidate(kind, start, end, seconds, all, organisationId, languages, regions);
        }
    }

    private final List<TimeAtWork> kinds;
    private final PlatformParameters parameters;
    private final ZoneId zone;
    private final JdbcClient jdbc;

    WorkingTime(List<TimeAtWork> kinds, PlatformParameters parameters, @Value("${polder.display-zone:Europe/Amsterdam}") String zone, JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.kinds = kinds;
        this.parameters = parameters;
        this.zone = ZoneId.of(zone);
    }

    public Limits limits() {
        Map<Parameter, String> p = parameters.get(Parameter.MAX_HOURS_PER_DAY, Parameter.MAX_HOURS_PER_WEEK, Parameter.MIN_REST_HOURS);
        return new Limits(Long.parseLong(p.get(Parameter.MAX_HOURS_PER_DAY)) * 60, Long.parseLong(p.get(Parameter.MAX_HOURS_PER_WEEK)) * 60,
                Long.parseLong(p.get(Parameter.MIN_REST_HOURS)) * 60);
    }

    /**
     * The worker's periods of every kind that overlap [from, to), read in one statement: each kind's query is
     * one part of a {@code UNION ALL}, its rows told apart by the part's number.
     */
    public List<TimeAtWork.Period> held(long workerId, Instant from, Instant to) {
        StringBuilder sql = new StringBuilder();
        List<Object> params = new ArrayList<>();
        for (int i = 0; i < kinds.size(); i++) {
            TimeAtWork.Select part = kinds.get(i).select(workerId, from, to);
            sql.append(i == 0 ? "" : " UNION ALL ").append("SELECT ").append(i).append(" AS part, k.* FROM (").append(part.sql()).append(") k");
            params.addAll(part.params());
        }
        List<List<TimeAtWork.Row>> rows = new ArrayList<>();
        kinds.forEach(k -> rows.add(new ArrayList<>()));
        jdbc.sql(sql.toString()).params(params).query((rs, n) -> rows.get(rs.getInt("part"))
                .add(new TimeAtWork.Row(Sql.instant(rs, "t1"), Sql.instant(rs, "t2"), Sql.longOrNull(rs, "n1"), Sql.longOrNull(rs, "n2")))).list();
        List<TimeAtWork.Period> held = new ArrayList<>();
        for (int i = 0; i < kinds.size(); i++) {
            held.addAll(kinds.get(i).periods(rows.get(i)));
        }
        return held;
    }

    /** What would break if the worker took this work too, under the limits in force; empty when nothing would. */
    @Automated(RULE)
    public Optional<DomainException> problem(long workerId, Candidate candidate) {
        return problem(workerId, candidate, limits());
    }

    /** The same under the given limits (a consultation's proposal, or a test's). */
    public Optional<DomainException> problem(long workerId, Candidate c, Limits limits) {
        LocalDate day = local(c.start());
        Instant weekStart = day.with(TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY)).atStartOfDay(zone).toInstant();
        Instant weekEnd = weekStart.atZone(zone).plusWeeks(1).toInstant();
        Instant from = min(weekStart, c.start().minus(Duration.ofHours(24)));
        Instant to = max(weekEnd, c.end().plus(Duration.ofHours(24)));
        List<TimeAtWork.Period> held = held(workerId, from, to);
        long daySeconds = c.seconds();
        long weekSeconds = c.seconds();
        for (TimeAtWork.Period p : held) {
            LocalDate d = local(p.start());
            if (d.equals(day)) {
                daySeconds += p.seconds();
            }
            if (sameWeek(d, day)) {
                weekSeconds += p.seconds();
            }
        }
        if (daySeconds > limits.maxMinutesPerDay() * 60) {
            return Optional.of(DomainException.conflict("That would make " + hours(daySeconds) + " hours of work on " + day
                            + ", counting shifts, courier duty and online tasks together; at most " + limits.maxMinutesPerDay() / 60 + " a day")
                    .code("problem.work.dayLimit", hours(daySeconds), limits.maxMinutesPerDay() / 60));
        }
        if (weekSeconds > limits.maxMinutesPerWeek() * 60) {
            return Optional.of(DomainException.conflict("That would make " + hours(weekSeconds) + " hours of work that week, counting shifts, "
                            + "courier duty and online tasks together; at most " + limits.maxMinutesPerWeek() / 60 + " a week")
                    .code("problem.work.weekLimit", hours(weekSeconds), limits.maxMinutesPerWeek() / 60));
        }
        return restProblem(c, held, limits);
    }

    /**
     * Joins the candidate with the work around it that is less than the rest apart; that working day may
     * span at most 24 hours minus the rest.
     */
    private Optional<DomainException> restProblem(Candidate c, List<TimeAtWork.Period> held, Limits limits) {
        if (limits.minRestMinutes() == 0) {
            return Optional.empty();
        }
        Duration rest = Duration.ofMinutes(limits.minRestMinutes());
        Duration longestDay = Duration.ofHours(24).minus(rest);
        List<TimeAtWork.Period> all = new ArrayList<>(held);
        all.sort(Comparator.comparing(TimeAtWork.Period::start));
        Instant dayStart = c.start();
        Instant dayEnd = c.end();
        boolean grew = true;
        while (grew) {
            grew = false;
            for (TimeAtWork.Period p : all) {
                boolean near = p.start().isBefore(dayEnd.plus(rest)) && p.end().plus(rest).isAfter(dayStart);
                if (near && (p.start().isBefore(dayStart) || p.end().isAfter(dayEnd))) {
                    dayStart = min(dayStart, p.start());
                    dayEnd = max(dayEnd, p.end());
                    grew = true;
                }
            }
        }
        if (Duration.between(dayStart, dayEnd).compareTo(longestDay) <= 0) {
            return Optional.empty();
        }
        // When only earlier work is too close, say when new work can begin: the rest after it ends.
        Instant candidateStart = c.start();
        Instant lastEndBefore = !dayEnd.equals(c.end()) ? null : all.stream().map(TimeAtWork.Period::end)
                .filter(e -> !e.isAfter(candidateStart)).max(Comparator.naturalOrder()).orElse(null);
        String from = lastEndBefore == null ? null : WHEN.format(lastEndBefore.plus(rest).atZone(zone));
        return Optional.of(DomainException.conflict("That would leave less than " + limits.minRestMinutes() / 60 + " hours of rest in a row: "
                        + "the working day from " + WHEN.format(dayStart.atZone(zone)) + " to " + WHEN.format(dayEnd.atZone(zone))
                        + " would be longer than " + longestDay.toHours() + " hours" + (from == null ? "" : "; new work can begin from " + from))
                .code(from == null ? "problem.work.rest" : "problem.work.restUntil", limits.minRestMinutes() / 60,
                        WHEN.format(dayStart.atZone(zone)), WHEN.format(dayEnd.atZone(zone)), from));
    }

    private boolean sameWeek(LocalDate a, LocalDate b) {
        return a.get(IsoFields.WEEK_BASED_YEAR) == b.get(IsoFields.WEEK_BASED_YEAR)
                && a.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR) == b.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
    }

    private LocalDate local(Instant instant) {
        return ZonedDateTime.ofInstant(instant, zone).toLocalDate();
    }

    private static String hours(long seconds) {
        long minutes = (seconds + 59) / 60;
        return minutes % 60 == 0 ? Long.toString(minutes / 60) : String.format(Locale.ROOT, "%.1f", minutes / 60.0);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
