package org.polder.ledger;

import org.polder.trail.Trail;
import org.polder.trail.TrailEntry;
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
    private final Trail trail;

    Funding(Ledger ledger, Trail trail) {
        this.ledger = ledger;
        this.trail = trail;
    }

    @Transactional
    public long fund(long actorId, long organisationId, long amount, String reference) {
        Money money = Money.euros(Money.checkAmount("amount", amount));
        ledger.post("FUNDING", "Funds added" + (reference == null || reference.isBlank() ? "" : ": " + reference), actorId,
                reference, List.of(Leg.debit(LedgerAccount.platform(LedgerAccount.Type.FUNDING), money),
                        Leg.credit(LedgerAccount.organisation(organisationId), money)));
        trail.record(TrailEntry.of("FUNDS_ADDED").by(actorId).organisation(organisationId)
                .with("amount", amount).with("currency", Money.EUR).with("reference", reference));
        return ledger.balance(LedgerAccount.organisation(organisationId));
    }

    /**
     * Play money for a sandbox organisation: from {@link LedgerAccount.Type#PLAY_MONEY}, never from the bank; the
     * organisation's balance is opened in play first, so that it can never hold real money.
     */
    @Transactional
    public long play(long actorId, long sandboxId, long amount) {
        Money money = Money.euros(Money.checkAmount("amount", amount));
        ledger.openInPlay(LedgerAccount.organisation(sandboxId));
        ledger.post("PLAY_MONEY", "Play money added", actorId, null,
                List.of(Leg.debit(LedgerAccount.platform(LedgerAccount.Type.PLAY_MONEY), money),
                        Leg.credit(LedgerAccount.organisation(sandboxId), money)));
        return ledger.balance(LedgerAccount.organisation(sandboxId));
    }

    /**
     * A worker's own transfer into the platform's account (the small transfer that verifies their bank account):
     * the money is theirs, so it goes on their balance and leaves with their next payout.
     */
    @Transactional
    public long fromBankToWorker(long actorId, long workerId, long amount, String reference) {
        Money money = Money.euros(Money.checkAmount("amount", amount));
        ledger.post("BANK_TRANSFER_IN", "Transfer from the worker's own account: " + reference, actorId, reference,
                List.of(Leg.debit(LedgerAccount.platform(LedgerAccount.Type.FUNDING), money), Leg.credit(LedgerAccount.worker(workerId), money)));
        trail.record(TrailEntry.of("BANK_TRANSFER_IN").aboutWorker(workerId).by(actorId)
                .with("amount", amount).with("currency", Money.EUR).with("reference", reference));
        return ledger.balance(LedgerAccount.worker(workerId));
    }

    /** The platform puts money into its guarantee fund (which pays what rules and upheld appeals name). */
    @Transactional
    public long fundGuarantee(long actorId, long amount, String reference) {
        Money money = Money.euros(Money.checkAmount("amount", amount));
        LedgerAccount fund = LedgerAccount.platform(LedgerAccount.Type.GUARANTEE_FUND);
        ledger.post("GUARANTEE_FUNDED", "Guarantee fund topped up" + (reference == null || reference.isBlank() ? "" : ": " + reference),
                actorId, reference, List.of(Leg.debit(LedgerAccount.platform(LedgerAccount.Type.FUNDING), money), Leg.credit(fund, money)));
        trail.record(TrailEntry.of("GUARANTEE_FUNDED").by(actorId).with("amount", amount).with("currency", Money.EUR).with("reference", reference));
        return ledger.balance(fund);
    }
}
