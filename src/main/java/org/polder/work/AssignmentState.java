package org.polder.work;

import java.util.EnumSet;
import java.util.Set;

/**
 * The states every assignment moves through, whatever its kind of work (DESIGN.md section 3).
 * Microtasks skip the offer: claiming a task makes an assignment {@link #STARTED} at once.
 */
public enum AssignmentState {
    OFFERED, ACCEPTED, STARTED, SUBMITTED, APPROVED, PAID, REJECTED, DECLINED, RELEASED, EXPIRED;

    private Set<AssignmentState> next;

    static {
        OFFERED.next = EnumSet.of(ACCEPTED, DECLINED, EXPIRED);
        ACCEPTED.next = EnumSet.of(STARTED, RELEASED, EXPIRED);
        STARTED.next = EnumSet.of(SUBMITTED, RELEASED, EXPIRED);
        // Approval pays in the same transaction, so SUBMITTED may go straight to PAID.
        SUBMITTED.next = EnumSet.of(APPROVED, PAID, REJECTED, STARTED);
        APPROVED.next = EnumSet.of(PAID);
        PAID.next = EnumSet.noneOf(AssignmentState.class);
        // An upheld appeal, or a moderator's override, turns a rejection into paid work.
        REJECTED.next = EnumSet.of(PAID);
        DECLINED.next = EnumSet.noneOf(AssignmentState.class);
        RELEASED.next = EnumSet.noneOf(AssignmentState.class);
        EXPIRED.next = EnumSet.noneOf(AssignmentState.class);
    }

    public boolean canMoveTo(AssignmentState target) {
        return next.contains(target);
    }

    /** The worker holds the slot: nobody else can get it while the assignment is in this state. */
    public boolean holdsSlot() {
        return this == OFFERED || this == ACCEPTED || this == STARTED || this == SUBMITTED
                || this == APPROVED || this == PAID;
    }

    /** Work is under way: the worker may still submit or give it back. */
    public boolean isActive() {
        return this == ACCEPTED || this == STARTED;
    }

    public boolean isFinal() {
        return next.isEmpty();
    }
}
