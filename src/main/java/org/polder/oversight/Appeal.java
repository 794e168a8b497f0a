package org.polder.oversight;

import java.time.Instant;

/** A worker's request for a person to review a decision, and the answer. */
public record Appeal(long id, long decisionId, long workerId, String statement, State state, Instant createdAt, Instant dueAt,
                     Long decidedBy, Instant decidedAt, String answer, Long outcomeDecisionId, String decisionType) {

    public enum State { OPEN, UPHELD, DISMISSED }

    public boolean overdue(Instant now) {
        return state == State.OPEN && now.isAfter(dueAt);
    }
}
