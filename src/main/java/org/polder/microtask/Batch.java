package org.polder.microtask;

import org.polder.ledger.Money;

import java.time.Instant;
import java.util.List;

/**
 * A batch as its requester sees it, with its cost and progress, and its pay per active hour as measured
 * so far: the median over {@code measuredAssignments} submitted assignments (null before any).
 */
public record Batch(long id, long organisationId, String name, State state, long templateId, List<String> columns,
                    long taskCount, Money reward, Money fee, int assignmentsPerTask, int allottedSeconds,
                    int expectedSeconds, Money expectedPayPerHour, Money lowestAcceptableReward, long reviewWindowHours,
                    Instant expiresAt, Instant createdAt, Instant publishedAt, Instant closedAt, Money cost,
                    Money escrow, Progress progress, boolean complete, int goldTasks, int goldPercent,
                    int goldAssignmentsPerTask, BatchSpec.QualityRule qualityRule, List<BatchSpec.Requirement> requirements,
                    BatchSpec.Grant grantsQualification, BatchSpec.Overlap overlap, LowPay lowPay, Money measuredPayPerHour,
                    int measuredAssignments) {

    /**
     * The measured pay per active hour fell below the floor (RIGHTS.md R7): the median of {@code measured}
     * submitted assignments, the floor then, and what the platform did: TOP_UP (each assignment gets
     * {@code topUpPerAssignment} more, from escrow) or PAUSE (no new tasks until the requester resumes with a top-up).
     */
    public record LowPay(Instant at, Money medianPerHour, Money floorPerHour, int measured, String action, Money topUpPerAssignment) {
    }

    public enum State {
        /** Imported, not yet on offer: nothing is in escrow. */
        DRAFT,
        /** On offer to workers; its cost is in escrow. */
        PUBLISHED,
        /** Taken off offer by the low-pay check; the requester resumes it with a top-up, or cancels it. */
        PAUSED,
        /** Stopped by the requester; unspent escrow returned. */
        CANCELLED,
        /** Ran past its expiry; unspent escrow returned. */
        EXPIRED
    }
}
