package org.polder.microtask;

import org.polder.oversight.DecisionType;

/** The decisions about workers that microtasks take. */
public enum MicrotaskDecision implements DecisionType {
    WORK_REJECTED, WORK_APPROVED_AUTOMATICALLY, ASSIGNMENT_EXPIRED, PAY_TOPPED_UP, BATCH_ACCESS_STOPPED
}
