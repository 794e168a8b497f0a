package org.polder.oversight.internal;

import org.polder.common.Words;
import org.polder.account.AccountStanding;
import org.polder.oversight.AppealEffects;
import org.polder.oversight.Decision;
import org.polder.oversight.OversightDecision;
import org.springframework.stereotype.Component;

/** An upheld appeal against a suspension lifts it. */
@Component
class SuspensionAppealEffects implements AppealEffects {

    private final AccountStanding standing;

    SuspensionAppealEffects(AccountStanding standing) {
        this.standing = standing;
    }

    @Override
    public boolean handles(String decisionType) {
        return OversightDecision.ACCOUNT_SUSPENDED.name().equals(decisionType);
    }

    @Override
    public Words reverse(Decision decision, long moderatorId) {
        return Words.of(standing.lift(moderatorId, decision.workerId()) ? "decision.effect.suspensionLifted" : "decision.effect.suspensionEnded");
    }
}
