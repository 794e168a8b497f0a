package org.polder.shift.internal;

import org.polder.common.Words;
import org.polder.oversight.AppealEffects;
import org.polder.oversight.Decision;
import org.polder.shift.Hours;
import org.polder.shift.NoShows;
import org.polder.shift.Selection;
import org.polder.shift.ShiftDecision;
import org.polder.shift.WorkerRatings;
import org.springframework.stereotype.Component;

/**
 * What an override or an upheld appeal undoes of shifts' decisions: countered or settled hours are paid
 * as the worker reported them, a confirmed no-show is struck, a rating no longer counts, and an automatic
 * selection gives the place back.
 */
@Component
class ShiftAppealEffects implements AppealEffects {

    private final Hours hours;
    private final NoShows noShows;
    private final WorkerRatings ratings;
    private final Selection selection;

    ShiftAppealEffects(Hours hours, NoShows noShows, WorkerRatings ratings, Selection selection) {
        this.hours = hours;
        this.noShows = noShows;
        this.ratings = ratings;
        this.selection = selection;
    }

    private static final java.util.Set<String> UNDONE = java.util.Set.of(ShiftDecision.HOURS_COUNTERED.name(), ShiftDecision.HOURS_SETTLED.name(),
            ShiftDecision.NO_SHOW_CONFIRMED.name(), ShiftDecision.SHIFT_RATING_RECEIVED.name(), ShiftDecision.SHIFT_SELECTED.name());

    @Override
    public boolean handles(String decisionType) {
        return UNDONE.contains(decisionType);
    }

    @Override
    public Words reverse(Decision decision, long moderatorId) {
        return switch (ShiftDecision.valueOf(decision.type())) {
            case HOURS_COUNTERED, HOURS_SETTLED -> hours.undoDecision(decision, moderatorId);
            case NO_SHOW_CONFIRMED -> noShows.strikeNoShow(decision, moderatorId);
            case SHIFT_RATING_RECEIVED -> ratings.removeRating(decision, moderatorId);
            case SHIFT_SELECTED -> selection.undoAutomaticSelection(decision.workerId(), decision.assignmentId(), moderatorId);
            default -> throw new IllegalArgumentException("Shifts do not undo " + decision.type());
        };
    }
}
