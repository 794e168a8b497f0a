package org.polder.home.internal;

import org.polder.common.Words;
import org.polder.home.HomeDecision;
import org.polder.home.Visits;
import org.polder.oversight.AppealEffects;
import org.polder.oversight.Decision;
import org.springframework.stereotype.Component;

import java.util.Set;

/**
 * What an override or an upheld appeal undoes of home services' decisions: a missed visit is paid as booked, and
 * questioned hours are paid as the worker gave them.
 */
@Component
class HomeAppealEffects implements AppealEffects {

    private final Visits visits;

    HomeAppealEffects(Visits visits) {
        this.visits = visits;
    }

    @Override
    public boolean handles(String decisionType) {
        return HomeDecision.VISIT_MISSED.name().equals(decisionType) || HomeDecision.VISIT_HOURS_QUESTIONED.name().equals(decisionType);
    }

    @Override
    public Words reverse(Decision decision, long moderatorId) {
        return HomeDecision.VISIT_MISSED.name().equals(decision.type()) ? visits.payMissed(decision, moderatorId)
                : visits.payAsReported(decision, moderatorId);
    }

    @Override
    public Set<String> nothingToReverse() {
        return Set.of(HomeDecision.VISIT_SETTLED.name());
    }
}
