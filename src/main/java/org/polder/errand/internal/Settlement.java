package org.polder.errand.internal;

import org.polder.errand.Errand;
import org.polder.common.Sql;
import org.polder.ledger.Escrow;
import org.polder.work.WorkKind;
import org.polder.ledger.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;

/**
 * The money at the end of an errand, from its escrow: the courier's share to the courier, the fee to
 * the platform when delivered, and whatever is left back to the organisation. The escrow is empty after.
 */
@Component
public class Settlement {

    private final JdbcClient jdbc;
    private final Escrow escrow;
    private final Clock clock;

    public Settlement(JdbcClient jdbc, Escrow escrow, Clock clock) {
        this.jdbc = jdbc;
        this.escrow = escrow;
        this.clock = clock;
    }

    /** What the courier gets when an errand ends in this state, having reached {@code reached} before. */
    public static long courierShare(Errand e, Errand.State reached, int cancelPercent) {
        return switch (reached) {
            case DELIVERED, PICKED_UP, AT_DROPOFF -> e.pay();
            case ACCEPTED, AT_PICKUP -> (e.pay() * cancelPercent + 50) / 100;
            default -> 0;
        };
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void settle(Errand e, long courierShare, boolean delivered, Long actorId) {
        Escrow.Of money = new Escrow.Of(WorkKind.ERRAND, e.id(), e.organisationId());
        if (escrow.held(money) > 0) {
            // The courier's share, the fee if delivered, and the rest back to the shop, in one posting.
            escrow.pay(money, e.workerId() == null ? 0 : e.workerId(), courierShare, delivered ? e.fee() : 0, null, 0, true,
                    new Escrow.Entry(delivered ? "ERRAND_PAYMENT" : "ERRAND_ENDED", (delivered ? "Errand " + e.id() + " delivered"
                            : "Errand " + e.id() + " ended") + (courierShare > 0 ? ": " + Money.euros(courierShare) + " to the courier" : ""),
                            actorId, "errand:" + e.id()));
        }
        jdbc.sql("UPDATE errand SET courier_share = ?, updated_at = ? WHERE id = ?").params(courierShare, Sql.ts(clock.instant()), e.id()).update();
    }
}
