package org.polder.bank;

import java.time.Instant;

/**
 * Requested payouts gathered into one SEPA credit-transfer file (pain.001): prepared, then sent when an admin
 * downloads the file for the bank, then paid when the bank's statement shows it debited.
 */
public record PayoutRun(long id, String messageId, State state, int payouts, long controlSum, Instant createdAt,
                        long createdBy, Instant sentAt, Long sentBy, Instant paidAt) {

    public enum State { PREPARED, SENT, PAID, CANCELLED }
}
