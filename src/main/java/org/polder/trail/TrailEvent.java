package org.polder.trail;

import com.fasterxml.jackson.annotation.JsonRawValue;

import java.time.Instant;

/**
 * An event as stored. {@code seq}, {@code prevHash} and {@code hash} place it in its worker's
 * chain; the payload is the JSON text exactly as hashed.
 */
public record TrailEvent(long id, Long workerId, Long seq, Long actorId, Long organisationId, String kind,
                         Long taskId, Long assignmentId, String type, @JsonRawValue @io.swagger.v3.oas.annotations.media.Schema(implementation = java.util.Map.class, description = "the event's data, a JSON object (in exports: the exact text that was hashed)") String payload, Instant occurredAt,
                         String prevHash, String hash) {
}
