package org.polder.shift;

import java.time.Instant;

/** A worker's offer to hand their place on a shift to another worker, and its outcome. */
public record Handover(long assignmentId, long shiftId, long fromWorker, String fromName, long toWorker, String toName, State state,
                       Instant offeredAt, Instant decidedAt) {

    public enum State { OFFERED, ACCEPTED, DECLINED, WITHDRAWN }
}
