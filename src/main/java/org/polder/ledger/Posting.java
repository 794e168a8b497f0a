package org.polder.ledger;

import java.time.Instant;

/** A posting as shown to the owner of an account. */
public record Posting(long id, long transactionId, String kind, String description, long amount, String currency,
                      Instant createdAt) {
}
