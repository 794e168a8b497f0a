package org.polder.oversight;

import org.polder.common.Words;
import org.polder.account.AccountStanding;
import org.polder.account.Accounts;
import org.polder.account.CurrentUser;
import org.polder.account.Role;
import org.polder.common.DomainException;
import org.polder.work.TakingWork;
import org.polder.work.WorkingTime;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Suspending a worker's account (RIGHTS.md R3): a moderator's decision with a written reason, never an
 * automated one. The worker reads it among their decisions and can appeal it; another moderator who
 * upholds the appeal lifts the suspension.
 */
@Service
public class Suspensions {


    private final AccountStanding standing;
    private final Accounts accounts;
    private final Decisions decisions;

    /** A suspended worker takes no work of any kind, on any path. */
    @Component
    static class Gate implements TakingWork.Condition {
        private final AccountStanding standing;

        Gate(AccountStanding standing) {
            this.standing = standing;
        }

        @Override
        public Optional<DomainException> refusal(long workerId, WorkingTime.Candidate work) {
            return standing.refusal(workerId);
        }
    }

    Suspensions(AccountStanding standing, Accounts accounts, Decisions decisions) {
        this.standing = standing;
        this.accounts = accounts;
        this.decisions = decisions;
    }

    /** Suspends the worker until {@code until} (null: until lifted), and records the moderator's decision. */
    @Transactional
    public Decision suspend(CurrentUser moderator, long workerId, String reason, Instant until) {
        moderator.moderating(workerId);
        if (!accounts.view(workerId).roles().contains(Role.WORKER)) {
            throw DomainException.invalid("workerId: account " + workerId + " is not a worker").code("problem.suspension.notWorker");
        }
        AccountStanding.Suspension s = standing.suspend(moderator, workerId, reason, until);
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("until", until == null ? null : until.toString());
        long id = decisions.record(Decisions.Draft.about(workerId, OversightDecision.ACCOUNT_SUSPENDED)
                .by(moderator.id())
                .inputs(inputs)
                .effect(until == null ? Words.of("decision.effect.suspended") : Words.of("decision.effect.suspendedUntil", Words.at(until)))
                .reason(s.reason()));
        return decisions.ofWorker(workerId, id);
    }

    /** Lifts a suspension early, with a reason the worker reads. */
    @Transactional
    public Decision lift(CurrentUser moderator, long workerId, String reason) {
        moderator.moderating(workerId);
        if (reason == null || reason.isBlank() || reason.length() > 2000) {
            throw DomainException.invalid("reason: say why the suspension ends (1 to 2000 characters)").code("problem.suspension.liftReason");
        }
        if (!standing.lift(moderator.id(), workerId)) {
            throw DomainException.conflict("Account " + workerId + " is not suspended").code("problem.suspension.none");
        }
        long id = decisions.record(Decisions.Draft.about(workerId, OversightDecision.ACCOUNT_REINSTATED)
                .by(moderator.id())
                .effect(Words.of("decision.effect.reinstated"))
                .reason(reason.strip()));
        return decisions.ofWorker(workerId, id);
    }
}
