package org.polder.trail;

import org.polder.common.Hashing;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a worker's events are chained: each event's hash covers its own fields and the hash of the
 * worker's previous event. Pure code, so an export can be checked anywhere.
 */
public final class HashChain {

    /** The previous hash of a worker's first event. */
    public static final String GENESIS = "0".repeat(64);

    private HashChain() {
    }

    public static String hash(String prevHash, long seq, long workerId, Long actorId, Long organisationId, String kind,
                              Long taskId, Long assignmentId, String type, String payload, java.time.Instant occurredAt) {
        String canonical = String.join("|", prevHash, Long.toString(seq), Long.toString(workerId), text(actorId),
                text(organisationId), text(kind), text(taskId), text(assignmentId), type, payload, occurredAt.toString());
        return Hashing.sha256(canonical);
    }

    public static String hash(TrailEvent e) {
        return hash(e.prevHash(), e.seq(), e.workerId(), e.actorId(), e.organisationId(), e.kind(), e.taskId(),
                e.assignmentId(), e.type(), e.payload(), e.occurredAt());
    }

    /**
     * Checks one worker's events, oldest first. Returns the first broken link, or empty when the
     * chain is whole.
     */
    public static Optional<BrokenLink> verify(List<TrailEvent> oldestFirst) {
        Checker checker = new Checker();
        for (TrailEvent e : oldestFirst) {
            Optional<BrokenLink> broken = checker.next(e);
            if (broken.isPresent()) {
                return broken;
            }
        }
        return Optional.empty();
    }

    /** Checks a chain one event at a time, oldest first, so that a long trail never has to be held whole. */
    public static final class Checker {

        private String expectedPrev = GENESIS;
        private long expectedSeq = 1;

        /** The next event; the broken link when it does not follow the ones before. */
        public Optional<BrokenLink> next(TrailEvent e) {
            if (e.seq() == null || e.seq() != expectedSeq) {
                return Optional.of(new BrokenLink(e.id(), e.seq(), "expected event number " + expectedSeq + " but found " + e.seq()));
            }
            if (!Objects.equals(e.prevHash(), expectedPrev)) {
                return Optional.of(new BrokenLink(e.id(), e.seq(), "does not point to the previous event's hash"));
            }
            if (!hash(e).equals(e.hash())) {
                return Optional.of(new BrokenLink(e.id(), e.seq(), "its content does not match its hash"));
            }
            expectedPrev = e.hash();
            expectedSeq++;
            return Optional.empty();
        }

        /** How many events were checked and found in order. */
        public long count() {
            return expectedSeq - 1;
        }

        /** The hash of the last event checked (the chain's head), or {@link #GENESIS} before the first. */
        public String head() {
            return expectedPrev;
        }
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    /** Where a chain breaks, and why. */
    public record BrokenLink(long eventId, Long seq, String reason) {
    }
}
