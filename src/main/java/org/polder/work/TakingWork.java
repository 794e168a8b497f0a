package org.polder.work;

import org.polder.common.DomainException;
import org.springframework.stereotype.Service;

import java.util.List;
import java.util.Optional;

/**
 * The one gate every kind of work passes before a worker takes work, on every path: claiming a task,
 * applying for a shift, being selected by hand, by the pool rule or from the waitlist, taking a shift
 * handed over, going on duty, being offered an errand and accepting it. It asks each {@link Condition}
 * (a suspension; the qualifications the work asks for) and then the working-time limits.
 */
@Service
public class TakingWork {

    /** Something that can stop a worker taking work, implemented by the module that owns it. */
    public interface Condition {
        /** Why this worker may not take this work, or empty. */
        Optional<DomainException> refusal(long workerId, WorkingTime.Candidate work);
    }

    private final List<Condition> conditions;
    private final WorkingTime workingTime;

    TakingWork(List<Condition> conditions, WorkingTime workingTime) {
        this.conditions = conditions;
        this.workingTime = workingTime;
    }

    /** Why the worker may not take this work now, or empty when they may. */
    public Optional<DomainException> refusal(long workerId, WorkingTime.Candidate work) {
        for (Condition c : conditions) {
            Optional<DomainException> no = c.refusal(workerId, work);
            if (no.isPresent()) {
                return no;
            }
        }
        return workingTime.problem(workerId, work);
    }

    /** Refuses, with the reason, when the worker may not take this work. */
    public void check(long workerId, WorkingTime.Candidate work) {
        Optional<DomainException> no = refusal(workerId, work);
        if (no.isPresent()) {
            throw no.get();
        }
    }
}
