package org.polder.voice;

import java.time.Instant;
import java.util.List;

/**
 * An election of representatives: candidates stand until voting opens, every active worker has one
 * vote until it closes, and the {@code seats} candidates with the most votes represent the workers
 * until {@code termEndsAt}. Counts are shown once the election is closed.
 */
public record Election(long id, String title, int seats, Instant votingOpensAt, Instant closesAt, Instant termEndsAt,
                       List<Candidate> candidates, boolean voted, boolean mayVote) {

    public enum Phase { NOMINATION, VOTING, CLOSED }

    /** A candidate; {@code votes} is null while voting runs, and {@code elected} is known once it closed. */
    public record Candidate(long id, String displayName, String statement, Integer votes, boolean elected) {
    }

    public Phase phase(Instant now) {
        return now.isBefore(votingOpensAt) ? Phase.NOMINATION : now.isBefore(closesAt) ? Phase.VOTING : Phase.CLOSED;
    }
}
