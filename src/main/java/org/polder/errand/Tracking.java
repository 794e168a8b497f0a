package org.polder.errand;

import org.polder.errand.internal.ErrandStore;
import org.polder.common.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.util.List;

/**
 * The receiver's view of an errand, reached by the unguessable token in their link, without an account.
 * It shows the status, and the courier's position only while the errand is under way; never the
 * courier's name. The PIN is shown to the receiver, who tells it to the courier at the door.
 */
@Service
public class Tracking {

    private final ErrandStore store;
    private final Errands errands;

    Tracking(ErrandStore store, Errands errands) {
        this.store = store;
        this.errands = errands;
    }

    public record View(String organisation, Errand.State state, Place pickup, Place dropoff, Instant windowStart, Instant windowEnd, String pin,
                       Position courier, List<Timeline.Step> history) {
    }

    @Transactional(readOnly = true)
    public View view(String token) {
        if (token == null || token.length() < 16 || token.length() > 64) {
            throw new NotFoundException("Tracking link", "in this address");
        }
        long id = store.byToken(token).orElseThrow(() -> new NotFoundException("Tracking link", "in this address"));
        Errand e = store.get(id);
        Position courier = errands.courierPosition(e).orElse(null);
        return new View(e.organisation(), e.state(), e.pickup(), e.dropoff(), e.windowStart(), e.windowEnd(),
                e.state().ended() ? null : e.pin(), courier, errands.history(id));
    }
}
