package org.polder.microtask.internal;

import org.polder.microtask.Batch;
import org.polder.microtask.TemplateSpec;

import java.time.Instant;
import java.util.List;

/** A batch row as the services use it. */
public record BatchRecord(long id, long organisationId, long templateId, String name, Batch.State state,
                          TemplateSpec template, List<String> columns, int taskCount, long reward, long fee,
                          String currency, int assignmentsPerTask, int allottedSeconds, int expectedSeconds,
                          long reviewWindowSeconds, Instant expiresAt, long createdBy, Instant createdAt,
                          Instant publishedAt, Instant closedAt, int goldCount, int goldPercent,
                          int goldAssignmentsPerTask, Integer ruleMinGoldAccuracy, Integer ruleMinGoldAnswers,
                          Long grantsQualificationId, Integer grantsPassPercent, Integer overlapMax,
                          Integer overlapConfidence, long topUp, LowPay lowPay, List<String> languages, List<String> regions) {

    /**
     * What the low-pay check found (RIGHTS.md R7): the median pay per active hour of {@code measured}
     * assignments, below {@code floor}; {@code action} TOP_UP or PAUSE.
     */
    public record LowPay(Instant at, long median, long floor, int measured, String action) {
    }

    /** Slots a regular task is funded for: the overlap maximum, or the fixed number of assignments. */
    public int regularSlots() {
        return overlapMax == null ? assignmentsPerTask : overlapMax;
    }

    /** A batch of gold questions only that grants a qualification: a qualification test. */
    public boolean isQualificationTest() {
        return grantsQualificationId != null && goldCount == taskCount;
    }

    /** What one slot costs the requester: the reward, the platform's fee on it, and any low-pay top-up. */
    public long slotCost() {
        return reward + fee + topUp;
    }

    /** Every assignment the batch pays for: regular tasks x assignments per task, gold tasks x their own count. */
    public long slots() {
        return (long) (taskCount - goldCount) * regularSlots() + (long) goldCount * goldAssignmentsPerTask;
    }

    public boolean hasGold() {
        return goldCount > 0 && goldPercent > 0;
    }
}
