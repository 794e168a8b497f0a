package org.polder.errand;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * An errand as its requester sees it. {@code pin} is for the receiver, who tells it to the courier at
 * the door; couriers see an errand through {@link #forCourier()}, which leaves it and the tracking
 * token out. {@code leaveAtDoor}: the receiver asked for a contactless handover (a photo is then the proof), with
 * {@code doorNote} saying where. An errand booked as a stop of a ride has the ride's id (that of its lead, the first stop
 * of the planned route, which carries the ride's offers) and its {@code stopNumber} in the route; null for one on its own.
 */
public record Errand(long id, long taskId, long organisationId, String organisation, Place pickup, Place dropoff, String receiver,
                     Instant windowStart, Instant windowEnd, String notes, Proof proof, String pin, double distanceKm, int minutes,
                     long pay, long fee, long pricingVersion, List<Pricing.Line> lines, State state, Long workerId, Long assignmentId,
                     String trackingToken, String endReason, Long courierShare, boolean hasProof, Instant createdAt, Instant updatedAt,
                     boolean leaveAtDoor, String doorNote, Long rideId, Integer stopNumber) {

    public enum Proof { PIN, PHOTO, SIGNATURE }

    public enum State {
        /** Offered to couriers one at a time, or waiting for one to come near. */
        OFFERING,
        ACCEPTED, AT_PICKUP, PICKED_UP, AT_DROPOFF,
        DELIVERED, FAILED, CANCELLED,
        /** Nobody accepted before the time window ended; the escrow went back. */
        UNASSIGNED;

        /** A courier is on the way: their position is shown to the requester and the receiver. */
        public static final Set<State> UNDER_WAY = EnumSet.of(ACCEPTED, AT_PICKUP, PICKED_UP, AT_DROPOFF);
        public static final Set<State> ENDED = EnumSet.of(DELIVERED, FAILED, CANCELLED, UNASSIGNED);

        public boolean underWay() {
            return UNDER_WAY.contains(this);
        }

        public boolean ended() {
            return ENDED.contains(this);
        }
    }

    /** When couriers are first asked: at once, or {@link Dispatch#OFFER_LEAD} before a window booked for later opens. */
    public Instant offersFrom() {
        return windowStart.minus(Dispatch.OFFER_LEAD);
    }

    /** Booked for a later time slot, and not offered to couriers yet. */
    public boolean waitsForItsTime(Instant now) {
        return state == State.OFFERING && now.isBefore(offersFrom());
    }

    public long total() {
        return pay + fee;
    }

    /** What the courier sees: everything they need for the trip, not the receiver's PIN nor the tracking link. */
    public record CourierView(long id, String organisation, Place pickup, Place dropoff, String receiver, Instant windowStart,
                              Instant windowEnd, String notes, Proof proof, double distanceKm, int minutes, long pay, State state,
                              String endReason, Long courierShare, Long assignmentId, boolean leaveAtDoor, String doorNote, Long rideId,
                              Integer stopNumber) {
    }

    public CourierView forCourier() {
        return new CourierView(id, organisation, pickup, dropoff, receiver, windowStart, windowEnd, notes, proof, distanceKm, minutes, pay,
                state, endReason, courierShare, assignmentId, leaveAtDoor, doorNote, rideId, stopNumber);
    }

    /** The lead of a ride (it carries the ride's offers) or an errand on its own. */
    public boolean leads() {
        return rideId == null || rideId == id;
    }

    /**
     * A requester's record as couriers see it before accepting: errands delivered, errands cancelled after a
     * courier had accepted them, and couriers' ratings (shown from five raters on).
     */
    public record CourierClientRecord(long delivered, long cancelledAfterAccepting, org.polder.oversight.RequesterRatings.Summary ratings) {
    }
}
