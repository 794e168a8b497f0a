package org.polder.microtask.internal;

import org.polder.work.AssignmentState;

import java.time.Instant;

/** An assignment row as the services use it. */
public record AssignmentRecord(long id, long taskId, long batchId, long workerId, AssignmentState state, long reward,
                               long fee, Instant acceptedAt, Instant deadline, Instant submittedAt, String answers,
                               Instant autoApproveAt, Instant reviewedAt, Long reviewedBy, String rejectReason,
                               Instant endedAt, Boolean goldCorrect) {
}
