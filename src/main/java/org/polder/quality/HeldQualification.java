package org.polder.quality;

import java.time.Instant;

/**
 * A qualification a worker holds: its score (0-100), how it was obtained (MANUAL, TEST or GOLD), why
 * in plain words, and the decision record behind it.
 */
public record HeldQualification(long qualificationId, String name, String description, String organisation, long workerId,
                                int score, String source, String reason, String reasonCode, java.util.List<Object> reasonArgs,
                                long decisionId, Instant grantedAt) {
}
