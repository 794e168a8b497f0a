package org.polder.oversight;

import java.time.Instant;

/** A worker's report about an assignment, and a moderator's response. */
public record SafetyReport(long id, long reporterId, long assignmentId, Long organisationId, Category category, String message,
                           State state, Instant createdAt, Long handledBy, Instant handledAt, String response) {

    public enum Category { HARASSMENT, SAFETY, UNFAIR_TASK, OTHER }

    public enum State { OPEN, HANDLED }
}
