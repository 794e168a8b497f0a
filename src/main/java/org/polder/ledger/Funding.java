package org.polder.ledger;

import org.polder.common.DomainException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;

/**
 * Money coming in to an organisation's balance. Today an admin records a bank transfer; a payment
 * provider's confirmation would call {@link #fund} the same way.
 */
@Service
public class Funding {

    private final Ledger ledger;

    Funding(Ledger ledger) {
        this.ledger = ledger;
    }

    @Transactional
    public long fund(long actorId, long organisationId, long amount, String reference) {
        if (amount <= 0) {
            throw DomainException.invalid("amount: must be more than zero cents, was " + amount);
        }
        Money money = Money.euros(amount);
        ledger.post("FUNDING", "Funds added" + (reference == null || reference.isBlank() ? "" : ": " + reference), actorId,
                reference, List.of(Leg.debit(LedgerAccount.platform(LedgerAccount.Type.FUNDING), money),
                        Leg.credit(LedgerAccount.organisation(organisationId), money)));
        return ledger.balance(LedgerAccount.organisation(organisationId));
    }
}
