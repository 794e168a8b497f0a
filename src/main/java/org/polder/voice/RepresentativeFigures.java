package org.polder.voice;

import org.polder.account.CurrentUser;
import org.polder.account.Role;
import org.polder.export.AuthorityReport;
import org.polder.oversight.Decisions;
import org.polder.work.Parameter;
import org.polder.work.PlatformParameters;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What representatives see (RIGHTS.md R11), and moderators and admins for oversight of the rules (R5):
 * aggregate figures only. Distributions are withheld when
 * fewer than {@link #MINIMUM_GROUP} people are in them, so that no individual can be picked out.
 */
@Service
public class RepresentativeFigures {

    static final int MINIMUM_GROUP = 5;

    private final Representatives representatives;
    private final AuthorityReport report;
    private final Decisions decisions;
    private final PlatformParameters parameters;
    private final Clock clock;

    RepresentativeFigures(Representatives representatives, AuthorityReport report, Decisions decisions, PlatformParameters parameters,
                          Clock clock) {
        this.representatives = representatives;
        this.report = report;
        this.decisions = decisions;
        this.parameters = parameters;
        this.clock = clock;
    }

    /**
     * @param payPerActiveHour each person's income per active hour, in cents; null below the minimum group
     * @param belowFloor       how many people earned less per active hour than the floor; null below the minimum group
     * @param outcomes         per rule: decisions, workers affected, appealed, upheld
     */
    public record Figures(Instant from, Instant to, int peopleWorking, double activeHours, long hourlyFloorCents,
                          AuthorityReport.Distribution payPerActiveHour, Integer belowFloor, List<Decisions.RuleOutcome> outcomes) {
    }

    @Transactional(readOnly = true)
    public Figures last(CurrentUser user, int days) {
        if (!user.has(Role.ADMIN) && !user.has(Role.MODERATOR)) {
            representatives.requireRepresentative(user);
        }
        return aggregate(days);
    }

    /** The figures over the last {@code days}, for whoever the caller has checked may see them (a union's agents too). */
    Figures aggregate(int days) {
        int period = Math.max(1, Math.min(days, 366));
        Instant to = clock.instant();
        Instant from = to.minus(Duration.ofDays(period));
        AuthorityReport.Report r = report.between(from, to);
        long floor = parameters.number(Parameter.HOURLY_FLOOR_CENTS);
        List<Long> perHour = report.payPerActiveHourValues(from, to);
        boolean enough = perHour.size() >= MINIMUM_GROUP;
        Integer below = enough ? (int) perHour.stream().filter(v -> v < floor).count() : null;
        return new Figures(from, to, r.peopleWorking(), r.activeHours(), floor, enough ? r.payPerActiveHour() : null, below,
                decisions.outcomes(from, to));
    }
}
