package org.polder.microtask;

import org.polder.oversight.DecisionType;

/** The decisions about workers that microtasks take. */
public enum MicrotaskDecision implements DecisionType {
    WORK_REJECTED, WORK_APPROVED_AUTOMATICALLY, ASSIGNMENT_EXPIRED, PAY_TOPPED_UP, BATCH_ACCESS_STOPPED;

    @Override
    public org.polder.notify.NoticeKind notice() {
        return this == WORK_REJECTED || this == WORK_APPROVED_AUTOMATICALLY ? org.polder.notify.NoticeKind.WORK_REVIEWED
                : org.polder.notify.NoticeKind.DECISION;
    }
}
