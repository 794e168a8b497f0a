package org.polder.ledger;

import java.time.Instant;

/** A worker's request to be paid out, and whether an admin has paid it. */
public record Payout(long id, long workerId, long amount, String currency, State state, Instant requestedAt,
                     Instant paidAt, Long paidBy, String paymentReference) {

    public enum State { REQUESTED, PAID }
}
