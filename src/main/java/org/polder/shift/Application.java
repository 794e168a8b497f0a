package org.polder.shift;

import java.time.Instant;

/**
 * A worker's application to a shift. APPLIED waits for the requester; WAITLISTED is next in line when a
 * selected worker drops out; SELECTED holds a place (and an assignment); the rest are ended.
 */
public record Application(long id, long shiftId, long workerId, State state, Instant appliedAt, Instant decidedAt, Long assignmentId) {

    public enum State {
        APPLIED, WAITLISTED, SELECTED, NOT_SELECTED, WITHDRAWN,
        /** Withdrawn by Polder because the worker was selected for another shift at the same time. */
        OVERLAPPED,
        CANCELLED
    }
}
