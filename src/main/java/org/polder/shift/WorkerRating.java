package org.polder.shift;

import java.time.Instant;

/** A client's rating of the worker of one settled shift; {@code removedAt} is set when a contest (appeal) removed it. */
public record WorkerRating(long assignmentId, long workerId, long organisationId, int stars, String comment, Instant ratedAt,
                           long decisionId, Instant removedAt) {
}
