package org.polder.microtask;

import org.polder.ledger.Money;
import org.polder.work.AssignmentState;

import java.time.Instant;
import java.util.Map;

/** An assignment with the task as the worker sees it, their answers, and the outcome of review. */
public record WorkerAssignment(long id, long taskId, long batchId, String batchName, long workerId, AssignmentState state,
                               Money reward, Instant acceptedAt, Instant deadline, Instant submittedAt,
                               Instant autoApproveAt, Instant reviewedAt, String rejectReason,
                               @io.swagger.v3.oas.annotations.media.Schema(description = "the answers by field name: text, a number, or a list of texts", additionalProperties = io.swagger.v3.oas.annotations.media.Schema.AdditionalPropertiesValue.TRUE) Map<String, Object> answers, RenderedTask task, Gold gold) {

    /**
     * For a gold (control) question, once answered: whether the answer was right, the known answer and
     * its explanation. Null for regular tasks and before the worker has answered.
     */
    public record Gold(boolean correct, Map<String, Object> expected, String explanation) {
    }
}
