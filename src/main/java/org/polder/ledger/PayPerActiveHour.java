package org.polder.ledger;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A worker's earnings per active hour over any period (RIGHTS.md R7): money credited to them (pay,
 * bonuses, top-ups) divided by active time from every kind of work, per day and in all.
 */
@Service
public class PayPerActiveHour {

    private final Ledger ledger;
    private final List<ActiveTime> activeTime;

    PayPerActiveHour(Ledger ledger, List<ActiveTime> activeTime) {
        this.ledger = ledger;
        this.activeTime = activeTime;
    }

    /** One day: seconds of active work and cents earned. */
    public record Day(LocalDate date, long activeSeconds, long earnedCents) {
    }

    /**
     * The days [from, to) in the zone; {@code perActiveHourCents} is null when there was no active time.
     */
    public record Period(LocalDate from, LocalDate to, long activeSeconds, long earnedCents, Long perActiveHourCents, List<Day> days) {
    }

    @Transactional(readOnly = true)
    public Period of(long workerId, LocalDate from, LocalDate to, ZoneId zone) {
        Instant start = from.atStartOfDay(zone).toInstant();
        Instant end = to.atStartOfDay(zone).toInstant();
        Map<LocalDate, Long> earned = ledger.creditsPerDay(LedgerAccount.worker(workerId), start, end, zone);
        Map<LocalDate, Long> seconds = new TreeMap<>();
        activeTime.forEach(a -> a.secondsPerDay(workerId, start, end, zone).forEach((d, s) -> seconds.merge(d, s, Long::sum)));
        TreeMap<LocalDate, Day> days = new TreeMap<>();
        for (LocalDate d : union(earned, seconds)) {
            days.put(d, new Day(d, seconds.getOrDefault(d, 0L), earned.getOrDefault(d, 0L)));
        }
        long totalSeconds = seconds.values().stream().mapToLong(Long::longValue).sum();
        long totalEarned = earned.values().stream().mapToLong(Long::longValue).sum();
        return new Period(from, to, totalSeconds, totalEarned, totalSeconds == 0 ? null : totalEarned * 3600 / totalSeconds,
                List.copyOf(days.values()));
    }

    private static java.util.SortedSet<LocalDate> union(Map<LocalDate, Long> a, Map<LocalDate, Long> b) {
        java.util.SortedSet<LocalDate> all = new java.util.TreeSet<>(a.keySet());
        all.addAll(b.keySet());
        return all;
    }
}
