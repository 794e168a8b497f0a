package org.polder.oversight.internal;

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
    public String reverse(Decision decision, long moderatorId) {
        return standing.lift(moderatorId, decision.workerId()) ? "The suspension is lifted" : "The suspension had already ended";
    }
}
