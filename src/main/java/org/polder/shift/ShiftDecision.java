package org.polder.shift;

import org.polder.oversight.DecisionType;

/** The decisions about workers that shifts take. */
public enum ShiftDecision implements DecisionType {
    SHIFT_SELECTED, SHIFT_CANCELLED, HOURS_COUNTERED, HOURS_SETTLED, NO_SHOW_CONFIRMED, NO_SHOW_EXCUSED, NO_SHOW_WORKED,
    SHIFT_RATING_RECEIVED
}
