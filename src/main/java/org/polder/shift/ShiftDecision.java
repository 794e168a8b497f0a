package org.polder.shift;

import org.polder.oversight.DecisionType;

/** The decisions about workers that shifts take. */
public enum ShiftDecision implements DecisionType {
    SHIFT_SELECTED, SHIFT_CANCELLED, HOURS_COUNTERED, HOURS_SETTLED, NO_SHOW_CONFIRMED, NO_SHOW_EXCUSED, NO_SHOW_WORKED,
    SHIFT_RATING_RECEIVED;

    @Override
    public org.polder.notify.NoticeKind notice() {
        return switch (this) {
            case SHIFT_SELECTED, SHIFT_CANCELLED -> org.polder.notify.NoticeKind.SHIFT;
            case HOURS_COUNTERED, HOURS_SETTLED -> org.polder.notify.NoticeKind.HOURS;
            default -> org.polder.notify.NoticeKind.DECISION;
        };
    }
}
