package org.polder.shift;

import java.time.Instant;

/**
 * The hours of one worker on one shift. SELECTED until check-in, WORKING until check-out, then
 * PROPOSED (the worker's hours wait for the requester), COUNTERED (the requester proposed other hours
 * with a reason; the worker accepts or appeals), SETTLED (paid), WITHDRAWN, or NO_SHOW (a moderator confirmed it).
 */
public record ShiftHours(long assignmentId, long shiftId, long workerId, State state, Instant checkedInAt, Boolean checkedInNearby,
                         Instant checkedOutAt, Instant proposedStart, Instant proposedEnd, Integer proposedBreak, Instant counterStart,
                         Instant counterEnd, Integer counterBreak, String counterReason, Long counterDecisionId, Instant reviewDueAt,
                         Integer paidMinutes, Long paid, Instant settledAt) {

    public enum State { SELECTED, WORKING, PROPOSED, COUNTERED, SETTLED, WITHDRAWN, NO_SHOW }

    public Integer proposedMinutes() {
        return proposedStart == null ? null : Shift.minutes(proposedStart, proposedEnd, proposedBreak);
    }

    public Integer counterMinutes() {
        return counterStart == null ? null : Shift.minutes(counterStart, counterEnd, counterBreak);
    }
}
