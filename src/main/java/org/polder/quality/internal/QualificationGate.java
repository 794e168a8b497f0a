package org.polder.quality.internal;

import org.polder.common.DomainException;
import org.polder.quality.HeldQualification;
import org.polder.quality.Qualifications;
import org.polder.work.TakingWork;
import org.polder.work.WorkingTime;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Work that asks for qualifications goes only to workers who hold them, however it reaches them. */
@Component
class QualificationGate implements TakingWork.Condition {

    private final Qualifications qualifications;

    QualificationGate(Qualifications qualifications) {
        this.qualifications = qualifications;
    }

    @Override
    public Optional<DomainException> refusal(long workerId, WorkingTime.Candidate work) {
        if (work.qualifications().isEmpty()) {
            return Optional.empty();
        }
        List<HeldQualification> held = qualifications.heldBy(workerId);
        Set<Long> ids = held.stream().map(HeldQualification::qualificationId).collect(Collectors.toSet());
        return work.qualifications().stream().filter(q -> !ids.contains(q)).findFirst()
                .map(missing -> DomainException.forbidden("This work asks for a qualification the worker does not hold")
                        .code("problem.shift.qualification"));
    }
}
