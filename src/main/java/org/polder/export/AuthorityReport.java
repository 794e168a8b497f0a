package org.polder.export;

import org.polder.ledger.ActiveTime;
import org.polder.ledger.Ledger;
import org.polder.ledger.LedgerAccount;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The figures a platform reports to authorities per period (RIGHTS.md R12): how many people worked,
 * their active hours and their income, as averages and distributions. No individual is named.
 */
@Service
public class AuthorityReport {

    private final List<ActiveTime> activeTime;
    private final Ledger ledger;
    private final org.polder.account.PlayAccounts play;

    AuthorityReport(List<ActiveTime> activeTime, Ledger ledger, org.polder.account.PlayAccounts play) {
        this.activeTime = activeTime;
        this.ledger = ledger;
        this.play = play;
    }

    /** Quartiles and extremes of a distribution. */
    public record Distribution(long min, long p25, long median, long p75, long max) {
    }

    /**
     * @param peopleWorking  workers who handed in work or earned money in the period
     * @param activeHours    total active hours (microtasks: claim to submit; shifts: check-in to check-out)
     * @param averageHours   active hours per person working
     * @param incomeCents    total earned (approved work and bonuses), in cents
     * @param averageIncome  income per person working, in cents
     * @param hoursPerPerson distribution of active minutes per person
     * @param incomePerPerson distribution of income per person, in cents
     * @param payPerActiveHour distribution of each person's income per active hour, in cents (people with active time only)
     */
    public record Report(Instant from, Instant to, String workerStatus, int peopleWorking, double activeHours, double averageHours,
                         long incomeCents, long averageIncome, Distribution minutesPerPerson, Distribution incomePerPerson,
                         Distribution payPerActiveHour) {
    }

    @Transactional(readOnly = true)
    public Report between(Instant from, Instant to) {
        Map<Long, Long> seconds = activeSeconds(from, to);
        Map<Long, Long> income = ledger.creditsByOwner(LedgerAccount.Type.WORKER, from, to);
        Set<Long> people = new TreeSet<>(seconds.keySet());
        people.addAll(income.keySet());
        List<Long> minutes = new ArrayList<>();
        List<Long> cents = new ArrayList<>();
        List<Long> perHour = new ArrayList<>();
        for (long p : people) {
            long s = seconds.getOrDefault(p, 0L);
            minutes.add(s / 60);
            cents.add(income.getOrDefault(p, 0L));
            if (s > 0) {
                perHour.add(income.getOrDefault(p, 0L) * 3600 / s);
            }
        }
        long totalSeconds = seconds.values().stream().mapToLong(Long::longValue).sum();
        long totalIncome = cents.stream().mapToLong(Long::longValue).sum();
        int n = people.size();
        return new Report(from, to, "Polder does not record employment status; every worker is counted as a platform worker", n,
                round(totalSeconds / 3600.0), n == 0 ? 0 : round(totalSeconds / 3600.0 / n), totalIncome, n == 0 ? 0 : totalIncome / n,
                distribution(minutes), distribution(cents), distribution(perHour));
    }

    /** Each person's income per active hour in [from, to), in cents, for people with active time; no one named. */
    @Transactional(readOnly = true)
    public List<Long> payPerActiveHourValues(Instant from, Instant to) {
        Map<Long, Long> seconds = activeSeconds(from, to);
        Map<Long, Long> income = ledger.creditsByOwner(LedgerAccount.Type.WORKER, from, to);
        List<Long> values = new ArrayList<>();
        seconds.forEach((p, s) -> values.add(income.getOrDefault(p, 0L) * 3600 / s));
        Collections.sort(values);
        return values;
    }

    /** Active seconds per worker over every kind of work; a sandbox's test workers are not workers (their pay is play money). */
    private Map<Long, Long> activeSeconds(Instant from, Instant to) {
        Map<Long, Long> seconds = new java.util.TreeMap<>();
        activeTime.forEach(kind -> kind.secondsByWorker(from, to).forEach((worker, s) -> seconds.merge(worker, s, Long::sum)));
        seconds.keySet().removeAll(play.testWorkers());
        return seconds;
    }

    private static Distribution distribution(List<Long> values) {
        if (values.isEmpty()) {
            return new Distribution(0, 0, 0, 0, 0);
        }
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return new Distribution(sorted.get(0), sorted.get((n - 1) / 4), sorted.get((n - 1) / 2), sorted.get(3 * (n - 1) / 4), sorted.get(n - 1));
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
