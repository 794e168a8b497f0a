package org.polder.home;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A household's booking: one visit, or the same visit every week with the same worker. {@code address} is the
 * exact address, which a worker reads only once the booking is theirs; {@code area} is what every worker may read.
 */
public record Booking(long id, long organisationId, String household, HomeService service, String address, String area,
                      double latitude, double longitude, Instant firstStart, int minutes, long hourlyRate, int holidayPercent,
                      String tasks, String pets, boolean stairs, boolean supplies, boolean weekly, Long workerId, String workerName,
                      State state, LocalDate lastVisitOn, String endReason, Instant createdAt) {

    public enum State {
        /** Waiting for a worker to take it. */
        OPEN,
        /** A worker takes its visits. */
        TAKEN,
        /** Ended with notice: the visits until {@code lastVisitOn} still take place. */
        ENDING,
        /** No more visits. */
        ENDED
    }

    /** The same booking as a worker who has not taken it may read it: no exact address. */
    public Booking withoutAddress() {
        return new Booking(id, organisationId, household, service, null, area, 0, 0, firstStart, minutes, hourlyRate, holidayPercent, tasks, pets,
                stairs, supplies, weekly, workerId, workerName, state, lastVisitOn, endReason, createdAt);
    }

    /** Pay for this many minutes at the booking's rate, in cents, rounded to the cent. */
    public static long payFor(long hourlyRate, int minutes) {
        return (hourlyRate * minutes + 30) / 60;
    }

    /** Holiday pay on top of a pay. */
    public static long holidayPayOn(long pay, int holidayPercent) {
        return (pay * holidayPercent + 50) / 100;
    }
}
