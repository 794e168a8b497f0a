package org.polder.bank;

import java.time.Instant;
import java.time.LocalDate;

/** One booked entry of an imported bank statement, and what Polder did with it. */
public record BankEntry(long id, long statementId, LocalDate bookedOn, long amount, boolean credit, String counterparty,
                        String counterpartyIban, String remittance, Outcome outcome, Long organisationId, Long workerId,
                        Long payoutRunId, Long payoutId, String note, Long resolvedBy, Instant resolvedAt) {

    public enum Outcome {
        /** A requester's transfer, credited to their organisation's balance. */
        TOP_UP,
        /** A worker's transfer from their own account, which verified it; the money is on their balance. */
        VERIFICATION,
        /** The bank paid a payout run, or single payouts. */
        PAYOUTS_PAID,
        /** The bank returned a payout; the money is back on the worker's balance. */
        PAYOUT_RETURNED,
        /** Not recognised: waits for an admin. */
        UNMATCHED,
        /** An admin credited it to an organisation, with a reason. */
        ASSIGNED,
        /** An admin set it aside, with a reason (a bank charge, a transfer sent back by hand). */
        SET_ASIDE
    }
}
