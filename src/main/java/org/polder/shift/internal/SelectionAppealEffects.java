package org.polder.shift.internal;

import org.polder.shift.Selection;
import org.polder.shift.ShiftDecision;
import org.polder.oversight.AppealEffects;
import org.polder.oversight.Decision;
import org.springframework.stereotype.Component;

/** What an override or an upheld appeal undoes of an automatic selection (pool, past workers, waitlist): the place goes back. */
@Component
public class SelectionAppealEffects implements AppealEffects {

    private final Selection selection;

    public SelectionAppealEffects(Selection selection) {
        this.selection = selection;
    }

    @Override
    public boolean handles(String decisionType) {
        return ShiftDecision.SHIFT_SELECTED.name().equals(decisionType);
    }

    @Override
    public String reverse(Decision decision, long moderatorId) {
        return selection.undoAutomaticSelection(decision.workerId(), decision.assignmentId(), moderatorId);
    }
}
