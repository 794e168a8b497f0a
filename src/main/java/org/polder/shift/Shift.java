package org.polder.shift;

import java.time.Instant;

/**
 * A posted shift: where, what role, when, how many people, at what hourly rate, and its conditions
 * (cancellation window and compensation, review window, how workers are selected). {@code pay} and
 * {@code fee} are per worker for the planned hours; {@code openSlots} is how many are still wanted;
 * {@code languages} and {@code regions} are what the shift asks of workers' profiles (empty: nothing).
 */
public record Shift(long id, long taskId, long organisationId, String organisation, long roleId, String role, long locationId,
                    String location, String address, double latitude, double longitude, Long seriesId, Instant startsAt,
                    Instant endsAt, int breakMinutes, int headcount, int openSlots, long hourlyRate, long pay, long fee,
                    String currency, int cancellationHours, int compensationPercent, long reviewWindowSeconds,
                    AutoSelect autoSelect, Integer checkinRadiusM, State state, Long rateCeiling,
                    java.util.List<String> languages, java.util.List<String> regions) {

    public enum State { OPEN, CANCELLED }

    /** Who is selected without the requester choosing: nobody, workers in the organisation's pool, or workers it had before. */
    public enum AutoSelect { NONE, POOL, PAST_WORKERS }

    /** Paid minutes as planned: the shift's length less its unpaid break. */
    public int plannedMinutes() {
        return minutes(startsAt, endsAt, breakMinutes);
    }

    /** The latest moment a requester can cancel without paying compensation. */
    public Instant freeCancellationUntil() {
        return startsAt.minusSeconds(cancellationHours * 3600L);
    }

    public static int minutes(Instant start, Instant end, int breakMinutes) {
        return (int) (java.time.Duration.between(start, end).toMinutes() - breakMinutes);
    }

    /** Pay in cents for minutes at an hourly rate, rounded to the nearest cent. */
    public static long payFor(long hourlyRate, int minutes) {
        return (Math.multiplyExact(hourlyRate, minutes) + 30) / 60;
    }
}
