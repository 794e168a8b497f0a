package org.polder.ledger;

import java.util.Optional;

/**
 * Where a worker's payout may go: the bank account the worker gave and had verified. The bank module
 * keeps the accounts; the ledger asks through this port, so that it never depends on the bank module.
 */
public interface PayoutDestinations {

    /** The worker's verified bank account, if there is one. */
    Optional<Destination> verifiedAccountOf(long workerId);

    /** An account number (IBAN, without spaces) and the name of its holder. */
    record Destination(String iban, String holderName) {
    }
}
