package org.polder.ledger;

import java.util.List;

/** A worker's money at a glance, in cents. */
public record Earnings(String currency, long balance, long pendingReview, long payoutsRequested, long paidOut,
                       long earnedInTotal, List<Payout> payouts, List<Posting> recentPostings) {
}
