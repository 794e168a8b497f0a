package org.polder.ledger;

import org.polder.work.WorkKind;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.List;

/**
 * The money of one piece of work, for every kind alike: an organisation funds its escrow when the work
 * is published (all or nothing), workers and the platform's fee are paid from it, and what is not needed
 * goes back. Each verb is one balanced posting in the caller's transaction; the kinds of work only say
 * which verb, for how much, and why.
 */
@Service
public class Escrow {

    private final Ledger ledger;

    Escrow(Ledger ledger) {
        this.ledger = ledger;
    }

    /** The escrow of one batch, shift, errand or visit (by its id), and the organisation behind it. */
    public record Of(WorkKind kind, long workId, long organisationId) {

        public LedgerAccount account() {
            return switch (kind) {
                case MICROTASK -> LedgerAccount.batchEscrow(workId);
                case SHIFT -> LedgerAccount.shiftEscrow(workId);
                case ERRAND -> LedgerAccount.errandEscrow(workId);
                case HOME -> LedgerAccount.visitEscrow(workId);
            };
        }

        LedgerAccount organisation() {
            return LedgerAccount.organisation(organisationId);
        }
    }

    /** What a posting is: its kind (e.g. ASSIGNMENT_PAID), a description people read, who did it, and a reference. */
    public record Entry(String kind, String description, Long actorId, String reference) {
    }

    /** Moves money from the organisation's balance into the escrow; {@link InsufficientFunds} when the balance is short. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void fund(Of escrow, long amount, Entry entry) {
        Money money = Money.euros(amount);
        ledger.post(entry.kind(), entry.description(), entry.actorId(), entry.reference(),
                List.of(Leg.debit(escrow.organisation(), money), Leg.credit(escrow.account(), money)));
    }

    /** Pays a worker their reward and the platform its fee, both from the escrow. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void pay(Of escrow, long workerId, long reward, long fee, Entry entry) {
        pay(escrow, workerId, reward, fee, null, 0, false, entry);
    }

    /**
     * Pays a worker and the fee: {@code fromTopUp} of it from {@code topUp} (the organisation's balance for
     * overtime, the guarantee fund for an upheld appeal), the rest from the escrow; when {@code returnRest},
     * what the escrow still holds after that goes back to the organisation. All in one posting.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void pay(Of escrow, long workerId, long reward, long fee, LedgerAccount topUp, long fromTopUp, boolean returnRest, Entry entry) {
        List<Leg> legs = new ArrayList<>();
        long fromEscrow = reward + fee - fromTopUp;
        long held = returnRest ? ledger.lockBalance(escrow.account()) : fromEscrow;
        legs.add(new Leg(escrow.account(), -held));
        if (fromTopUp > 0) {
            legs.add(new Leg(topUp, -fromTopUp));
        }
        if (reward > 0) {
            legs.add(new Leg(LedgerAccount.worker(workerId), reward));
        }
        if (fee > 0) {
            legs.add(new Leg(LedgerAccount.platform(LedgerAccount.Type.PLATFORM_FEES), fee));
        }
        if (held > fromEscrow) {
            legs.add(new Leg(escrow.organisation(), held - fromEscrow));
        }
        if (legs.size() > 1) {
            ledger.post(entry.kind(), entry.description(), entry.actorId(), entry.reference(), legs);
        }
    }

    /** Gives money the work no longer needs back to the organisation's balance (ESCROW_RETURNED). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void giveBack(Of escrow, long amount, String description, Long actorId, String reference) {
        if (amount <= 0) {
            return;
        }
        Money money = Money.euros(amount);
        ledger.post("ESCROW_RETURNED", description, actorId, reference, List.of(Leg.debit(escrow.account(), money),
                Leg.credit(escrow.organisation(), money)));
    }

    /** What the escrows of each kind of work hold together, for reconciling the books with the bank. */
    @Transactional(readOnly = true)
    public java.util.Map<WorkKind, Long> heldPerKind() {
        java.util.Map<LedgerAccount.Type, Long> totals = ledger.totalsByType();
        java.util.Map<WorkKind, Long> held = new java.util.EnumMap<>(WorkKind.class);
        for (WorkKind kind : WorkKind.values()) {
            held.put(kind, totals.get(new Of(kind, 0, 0).account().type()));
        }
        return held;
    }

    /** What the escrow holds, for showing. */
    @Transactional(readOnly = true)
    public Money balance(Of escrow) {
        return ledger.balanceOf(escrow.account());
    }

    /** What the escrow holds now, its row locked until the transaction ends so that the answer stays true. */
    @Transactional(propagation = Propagation.MANDATORY)
    public long held(Of escrow) {
        return ledger.lockBalance(escrow.account());
    }
}
