package org.polder.oversight.internal;

import org.polder.common.DomainException;
import org.polder.oversight.Blocks;
import org.polder.work.TakingWork;
import org.polder.work.WorkingTime;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** A worker a requester blocked takes none of that organisation's work, of any kind, however it reaches them. */
@Component
class BlockGate implements TakingWork.Condition {

    private final Blocks blocks;

    BlockGate(Blocks blocks) {
        this.blocks = blocks;
    }

    @Override
    public Optional<DomainException> refusal(long workerId, WorkingTime.Candidate work) {
        if (work.organisationId() == null || !blocks.blocked(work.organisationId(), workerId)) {
            return Optional.empty();
        }
        return Optional.of(DomainException.forbidden("This requester has blocked you from their work; the decision, its reason and "
                + "how to appeal are on your decisions page").code("problem.blocked"));
    }
}
