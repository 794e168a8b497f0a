package org.polder.ledger;

import java.time.Instant;

/**
 * A worker's request to be paid out, the account it goes to, and where it is on its way: requested (the
 * money is reserved), in a payout run's file, sent (the file went to the bank), paid (the bank's statement
 * shows it debited, or an admin marked it with a reason), or returned (the bank sent it back; the money is
 * on the worker's balance again).
 */
public record Payout(long id, long workerId, long amount, String currency, State state, Instant requestedAt,
                     Instant paidAt, Long paidBy, String paymentReference, String iban, String holderName,
                     Long runId, Instant returnedAt, String returnReason) {

    public enum State { REQUESTED, IN_RUN, SENT, PAID, RETURNED }

    /** The id the credit-transfer file gives this payout (EndToEndId), by which the bank's statements name it. */
    public String endToEndId() {
        return endToEndId(id);
    }

    public static String endToEndId(long payoutId) {
        return "POLDER-P" + payoutId;
    }
}
