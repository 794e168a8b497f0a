package org.polder.oversight;

import com.fasterxml.jackson.annotation.JsonRawValue;
import org.polder.work.WorkKind;

import java.time.Instant;
import java.util.List;

/**
 * A decision that affected a worker. {@code decidedBy} is null when an automated rule took it, and
 * then {@code rule} and {@code ruleVersion} name that rule. {@code inputs} is the JSON of the numbers
 * the decision was taken on; {@code reason} says why in plain English, and {@code reasonCode} with
 * {@code reasonArgs} lets pages say it in the worker's language; {@code effect} says what it did in English, and
 * {@code effectCode} with {@code effectArgs} (money as {"cents": n}, moments as {"at": instant}) likewise.
 */
public record Decision(long id, long workerId, String type, String rule, Integer ruleVersion, Long decidedBy, WorkKind kind,
                       Long batchId, Long taskId, Long assignmentId, @JsonRawValue @io.swagger.v3.oas.annotations.media.Schema(implementation = java.util.Map.class, description = "the numbers the decision was taken on, a JSON object") String inputs, String effect,
                       @io.swagger.v3.oas.annotations.media.Schema(description = "the effect as a message key, for clients that show it in the reader's language") String effectCode,
                       List<Object> effectArgs, String reason,
                       String reasonCode, List<Object> reasonArgs, Instant createdAt) {

    public boolean automated() {
        return decidedBy == null;
    }
}
