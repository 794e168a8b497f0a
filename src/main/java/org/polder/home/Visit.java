package org.polder.home;

import java.time.Instant;

/**
 * One visit to a home: when, for how long, what it pays (the hours, holiday pay on top, and the platform's fee, all
 * held in escrow since it was planned), who does it, and how it went.
 */
public record Visit(long id, long bookingId, long taskId, Instant startsAt, int minutes, long pay, long holidayPay, long fee, State state,
                    Long workerId, Long assignmentId, Instant checkedInAt, Boolean checkedInNearby, Instant checkedOutAt, Integer workedMinutes,
                    Integer questionedMinutes, String questionReason, Long questionDecision, Boolean feltSafe, Instant reviewDueAt, Long paid, Integer paidMinutes, Instant settledAt, Instant cancelledAt, Long compensation) {

    public enum State {
        /** Planned and paid into escrow; taken by a worker once its booking is. */
        PLANNED,
        /** The worker checked in at the address. */
        WORKING,
        /** The worker checked out: the hours wait for the household (or the review window). */
        DONE,
        /** The household questioned the hours: the worker accepts its hours or appeals to a moderator. */
        QUESTIONED,
        /** Paid. */
        SETTLED,
        /** Cancelled by the household or ended with the booking; the escrow went back, less any share for the worker. */
        CANCELLED,
        /** Skipped for a holiday; the escrow went back. */
        PAUSED,
        /** Nobody checked in; the escrow went back. */
        MISSED
    }

    public Instant endsAt() {
        return startsAt.plusSeconds(minutes * 60L);
    }

    /** What the worker is paid for the visit as booked: the hours and the holiday pay. */
    public long reward() {
        return pay + holidayPay;
    }
}
