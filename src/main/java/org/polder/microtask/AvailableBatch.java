package org.polder.microtask;

import org.polder.ledger.Money;

import java.time.Instant;

/**
 * A published batch as a worker sees it in the feed: who asks, what it pays, how long it takes, and what
 * it paid per active hour as measured so far ({@code measuredPayPerHour} null before any submission).
 */
public record AvailableBatch(long id, String name, String requester, String title, String description, Money reward,
                             int expectedSeconds, Money expectedPayPerHour, int allottedSeconds, long tasksLeft,
                             long reviewWindowHours, Instant expiresAt, RequesterRecords.RequesterRecord requesterRecord,
                             Money measuredPayPerHour, int measuredAssignments) {
}
