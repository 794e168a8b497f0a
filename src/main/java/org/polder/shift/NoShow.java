package org.polder.shift;

import java.time.Instant;

/** A report that a selected worker did not come, with the worker's side and the moderator's outcome. */
public record NoShow(long assignmentId, long shiftId, long workerId, long reportedBy, String note, Instant reportedAt,
                     String workerStatement, State state, Long decidedBy, Instant decidedAt, Long decisionId) {

    public enum State {
        /** Waiting for a moderator. */
        OPEN,
        /** The worker did not come: no pay, and it counts in their attendance. */
        CONFIRMED,
        /** The worker did not work, for a reason that is not held against them. */
        EXCUSED,
        /** The worker was there: they check out with their hours. */
        WORKED
    }
}
