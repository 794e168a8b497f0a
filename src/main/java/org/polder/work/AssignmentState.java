package org.polder.work;

import java.util.EnumSet;
import java.util.Set;

/**
 * The states every assignment moves through, whatever its kind of work (DESIGN.md section 3), and the
 * one table of moves between them that {@link Assignments} enforces. An assignment begins when work is
 * taken: a microtask claimed is {@link #STARTED} at once; a shift selected for, or an errand accepted,
 * is {@link #ACCEPTED} until check-in or pickup. Offers and applications before that are the kind's own
 * records (an errand offer, a shift application). Approval pays in the same transaction, so a reviewed
 * assignment is {@link #PAID} or {@link #REJECTED}.
 *
 * <pre>
 * ACCEPTED ─start─> STARTED ─submit─> SUBMITTED ─approve─> PAID
 *    │                 │                  └─reject─> REJECTED ─appeal upheld─> PAID
 *    └─release/expire  └─release/expire
 * </pre>
 */
public enum AssignmentState {
    ACCEPTED, STARTED, SUBMITTED, PAID, REJECTED, RELEASED, EXPIRED;

    private Set<AssignmentState> next;

    static {
        // Shift: check-in, or a moderator finding a reported no-show was there. Errand: pickup.
        // Release: a shift withdrawn, cancelled or handed over; an errand handed back, cancelled or failed.
        // Expire: a shift's no-show confirmed.
        ACCEPTED.next = EnumSet.of(STARTED, RELEASED, EXPIRED);
        // Submit: answers, check-out, delivery with proof. Release: a microtask given back, an errand
        // cancelled or failed after pickup. Expire: a microtask's allotted time ran out.
        STARTED.next = EnumSet.of(SUBMITTED, RELEASED, EXPIRED);
        SUBMITTED.next = EnumSet.of(PAID, REJECTED);
        PAID.next = EnumSet.noneOf(AssignmentState.class);
        // An upheld appeal, or a moderator's override, turns a rejection into paid work.
        REJECTED.next = EnumSet.of(PAID);
        RELEASED.next = EnumSet.noneOf(AssignmentState.class);
        EXPIRED.next = EnumSet.noneOf(AssignmentState.class);
    }

    public boolean canMoveTo(AssignmentState target) {
        return next.contains(target);
    }

    /** The states work is taken in. */
    public boolean isEntry() {
        return this == ACCEPTED || this == STARTED;
    }

    /** The worker holds the slot: nobody else can get it while the assignment is in this state. */
    public boolean holdsSlot() {
        return this == ACCEPTED || this == STARTED || this == SUBMITTED || this == PAID;
    }

    /** Work is under way: the worker may still submit or give it back. */
    public boolean isActive() {
        return this == ACCEPTED || this == STARTED;
    }

    public boolean isFinal() {
        return next.isEmpty();
    }
}
