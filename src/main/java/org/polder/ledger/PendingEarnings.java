package org.polder.ledger;

/**
 * Work a worker has handed in that is not yet approved, by kind of work. Each kind of work provides
 * one, so the earnings overview can show pending money without knowing how that work is reviewed.
 */
public interface PendingEarnings {

    /** Cents submitted and awaiting review for this worker. */
    long pendingFor(long workerId);
}
