package org.polder.errand;

import org.polder.common.Sql;
import org.polder.ledger.Ledger;
import org.polder.ledger.LedgerAccount;
import org.polder.ledger.Leg;
import org.polder.ledger.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The money at the end of an errand, from its escrow: the courier's share to the courier, the fee to
 * the platform when delivered, and whatever is left back to the organisation. The escrow is empty after.
 */
@Component
class Settlement {

    private final JdbcClient jdbc;
    private final Ledger ledger;
    private final Clock clock;

    Settlement(JdbcClient jdbc, Ledger ledger, Clock clock) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.clock = clock;
    }

    /** What the courier gets when an errand ends in this state, having reached {@code reached} before. */
    static long courierShare(Errand e, Errand.State reached, int cancelPercent) {
        return switch (reached) {
            case DELIVERED, PICKED_UP, AT_DROPOFF -> e.pay();
            case ACCEPTED, AT_PICKUP -> (e.pay() * cancelPercent + 50) / 100;
            default -> 0;
        };
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void settle(Errand e, long courierShare, boolean delivered, Long actorId) {
        LedgerAccount escrow = LedgerAccount.errandEscrow(e.id());
        long held = ledger.lockBalance(escrow);
        List<Leg> legs = new ArrayList<>();
        long left = held;
        if (courierShare > 0) {
            legs.add(Leg.credit(LedgerAccount.worker(e.workerId()), Money.euros(courierShare)));
            left -= courierShare;
        }
        if (delivered && e.fee() > 0) {
            legs.add(Leg.credit(LedgerAccount.platform(LedgerAccount.Type.PLATFORM_FEES), Money.euros(e.fee())));
            left -= e.fee();
        }
        if (left > 0) {
            legs.add(Leg.credit(LedgerAccount.organisation(e.organisationId()), Money.euros(left)));
        }
        if (held > 0) {
            legs.add(0, Leg.debit(escrow, Money.euros(held)));
            ledger.post(delivered ? "ERRAND_PAYMENT" : "ERRAND_ENDED", (delivered ? "Errand " + e.id() + " delivered" : "Errand " + e.id() + " ended")
                    + (courierShare > 0 ? ": " + Money.euros(courierShare) + " to the courier" : ""), actorId, "errand:" + e.id(), legs);
        }
        jdbc.sql("UPDATE errand SET courier_share = ?, updated_at = ? WHERE id = ?").params(courierShare, Sql.ts(clock.instant()), e.id()).update();
    }
}
