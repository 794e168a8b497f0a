package org.polder.oversight.internal;

import org.polder.common.Words;
import org.polder.oversight.AppealEffects;
import org.polder.oversight.Blocks;
import org.polder.oversight.Decision;
import org.polder.oversight.OversightDecision;
import org.springframework.stereotype.Component;

/** An upheld appeal against a requester's block lifts it. */
@Component
class BlockAppealEffects implements AppealEffects {

    private final Blocks blocks;

    BlockAppealEffects(Blocks blocks) {
        this.blocks = blocks;
    }

    @Override
    public boolean handles(String decisionType) {
        return OversightDecision.BLOCKED_BY_REQUESTER.name().equals(decisionType);
    }

    @Override
    public Words reverse(Decision decision, long moderatorId) {
        return Words.of(blocks.liftByDecision(decision.id()) ? "decision.effect.blockAppealLifted" : "decision.effect.blockAlreadyLifted");
    }
}
