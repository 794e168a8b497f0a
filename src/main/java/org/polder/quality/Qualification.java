package org.polder.quality;

import java.time.Instant;

/** A skill or standing an organisation asks of workers for some of its batches. */
public record Qualification(long id, long organisationId, String name, String description, Instant createdAt) {
}
