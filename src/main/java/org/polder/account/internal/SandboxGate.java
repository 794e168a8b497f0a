package org.polder.account.internal;

import org.polder.account.PlayAccounts;
import org.polder.common.DomainException;
import org.polder.work.TakingWork;
import org.polder.work.WorkingTime;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * A sandbox's work goes to its own test worker only, and a test worker takes no real work: on every path by which any
 * kind of work is taken (claims, applications, selection, the pool, the waitlist, hand-overs, errand offers).
 */
@Component
class SandboxGate implements TakingWork.Condition {

    private final PlayAccounts play;

    SandboxGate(PlayAccounts play) {
        this.play = play;
    }

    @Override
    public Optional<DomainException> refusal(long workerId, WorkingTime.Candidate work) {
        if (work.organisationId() == null || play.reaches(workerId, work.organisationId())) {
            return Optional.empty();
        }
        return Optional.of(DomainException.forbidden("Work in a sandbox is done by its own test worker only, and a test worker does no real work")
                .code("problem.sandbox.otherWork"));
    }
}
