package org.polder.home;

import org.polder.notify.NoticeKind;
import org.polder.oversight.DecisionType;

/** The decisions about workers that home services take. */
public enum HomeDecision implements DecisionType {
    /** Hours the household did not confirm within the review window were paid as the worker gave them. */
    VISIT_SETTLED,
    /** The household questioned the worker's hours, with its own and a reason (a person's decision the worker can appeal). */
    VISIT_HOURS_QUESTIONED,
    /** Nobody checked in: the visit counts as missed and is not paid. */
    VISIT_MISSED,
    /** The household cancelled a visit the worker had taken (late: with the worker's share). */
    VISIT_CANCELLED,
    /** The household ended a weekly booking with notice. */
    BOOKING_ENDED;

    @Override
    public NoticeKind notice() {
        return NoticeKind.HOME;
    }
}
