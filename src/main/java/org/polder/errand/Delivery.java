package org.polder.errand;

import org.polder.errand.internal.Endings;
import org.polder.errand.internal.Settlement;
import org.polder.errand.internal.ErrandStore;
import org.polder.work.AssignmentState;
import org.polder.work.Assignments;
import org.polder.account.CurrentUser;
import org.polder.account.Role;
import org.polder.common.Automated;
import org.polder.common.DomainException;
import org.polder.common.NotFoundException;
import org.polder.common.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The courier's side of an errand they accepted: at pickup, picked up, at drop-off, then delivered with
 * the proof the requester asked for, or failed with a reason. Each step is a trail event and a webhook.
 * Delivery pays the courier from escrow at once.
 */
@Service
public class Delivery {

    /** Wrong PINs allowed per errand; after that only reporting the delivery failed is left (no guessing 10,000 codes). */
    static final int PIN_TRIES = 5;
    private static final Pattern IMAGE = Pattern.compile("data:image/(png|jpeg|webp);base64,([A-Za-z0-9+/=]+)");
    private static final int MAX_PHOTO = 3_000_000;
    private static final int MAX_SIGNATURE = 500_000;

    private final JdbcClient jdbc;
    private final ErrandStore store;
    private final Timeline timeline;
    private final Settlement settlement;
    private final Dispatch dispatch;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final Assignments work;
    private final Endings endings;

    private final org.springframework.context.ApplicationEventPublisher events;

    Delivery(Endings endings, Assignments work, JdbcClient jdbc, ErrandStore store, Timeline timeline, Settlement settlement, Dispatch dispatch, Clock clock, PlatformTransactionManager transactions,
             org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.endings = endings;
        this.work = work;
        this.jdbc = jdbc;
        this.store = store;
        this.timeline = timeline;
        this.settlement = settlement;
        this.dispatch = dispatch;
        this.clock = clock;
        this.tx = new TransactionTemplate(transactions);
    }

    /** The errand the courier holds or held; 404 for anyone else's. */
    @Transactional(readOnly = true)
    public Errand.CourierView mine(CurrentUser worker, long id) {
        return owned(worker, store.find(id).orElseThrow(() -> new NotFoundException("Errand", id))).forCourier();
    }

    /** The courier's errand under way, if any: on a ride, its next stop. */
    @Transactional(readOnly = true)
    public Optional<Errand.CourierView> current(CurrentUser worker) {
        return jdbc.sql("""
                        SELECT id FROM errand WHERE worker_id = ? AND state IN ('ACCEPTED', 'AT_PICKUP', 'PICKED_UP', 'AT_DROPOFF')
                        ORDER BY COALESCE(stop_number, 0), id LIMIT 1""")
                .param(worker.require(Role.WORKER).id()).query(Long.class).optional().map(id -> store.get(id).forCourier());
    }

    /** The stops of the ride the courier is on, in route order, delivered ones included; empty for an errand on its own. */
    @Transactional(readOnly = true)
    public List<Errand.CourierView> rideOf(CurrentUser worker, Errand.CourierView current) {
        if (current.rideId() == null) {
            return List.of();
        }
        long w = worker.require(Role.WORKER).id();
        return store.ride(current.rideId()).stream().filter(e -> e.workerId() != null && e.workerId() == w).map(Errand::forCourier).toList();
    }

    /** The courier's past errands, newest first. */
    @Transactional(readOnly = true)
    public List<Errand.CourierView> history(CurrentUser worker) {
        return jdbc.sql(ErrandStore.SELECT + " WHERE e.worker_id = ? ORDER BY e.id DESC LIMIT 100").param(worker.require(Role.WORKER).id())
                .query((rs, n) -> store.map(rs).forCourier()).list();
    }

    private static Errand owned(CurrentUser worker, Errand e) {
        if (e.workerId() == null || e.workerId() != worker.require(Role.WORKER).id()) {
            throw new NotFoundException("Errand", e.id());
        }
        return e;
    }

    /** The next step of the trip: AT_PICKUP after ACCEPTED, PICKED_UP after AT_PICKUP, AT_DROPOFF after PICKED_UP. */
    @Transactional
    public Errand.CourierView advance(CurrentUser worker, long id, Errand.State to) {
        Errand e = owned(worker, store.lock(id));
        Errand.State from = to == null ? null : switch (to) {
            case AT_PICKUP -> Errand.State.ACCEPTED;
            case PICKED_UP -> Errand.State.AT_PICKUP;
            case AT_DROPOFF -> Errand.State.PICKED_UP;
            default -> null;
        };
        if (from == null) {
            throw DomainException.invalid("status: AT_PICKUP, PICKED_UP or AT_DROPOFF; delivery and failure have their own calls")
                    .code("problem.errand.status");
        }
        if (e.state() != from) {
            throw DomainException.conflict("Errand " + id + " is " + e.state() + "; " + to + " comes after " + from)
                    .code("problem.errand.order", e.state().name(), to.name());
        }
        Instant now = clock.instant();
        // At the pickup and picking up count for every stop of a ride at once: one shop, one bag.
        // (An errand stacked onto the ride while the courier waited at the pickup is picked up with the rest.)
        List<Errand> together = to == Errand.State.AT_DROPOFF || e.rideId() == null ? List.of(e)
                : store.ride(e.rideId()).stream().filter(r -> (r.state() == from || (to == Errand.State.PICKED_UP && r.state() == Errand.State.ACCEPTED))
                        && r.workerId() != null && r.workerId().equals(e.workerId()))
                        .map(r -> r.id() == e.id() ? e : store.lock(r.id())).toList();
        for (Errand r : together) {
            jdbc.sql("UPDATE errand SET state = ?, updated_at = ? WHERE id = ?").params(to.name(), Sql.ts(now), r.id()).update();
            if (to == Errand.State.PICKED_UP) {
                work.move(r.assignmentId()).from(AssignmentState.ACCEPTED).to(AssignmentState.STARTED, now).apply();
            }
            timeline.record(store.get(r.id()), to, null, r.workerId(), r.workerId(), Map.of());
        }
        return store.get(id).forCourier();
    }

    /** The proof of delivery: the receiver's PIN, or a photo or signature as a data URL (PNG, JPEG or WebP). */
    public record Proof(String pin, String photo, String signature) {
    }

    /**
     * Delivered, with the proof the requester asked for; the courier is paid at once. A wrong PIN
     * changes nothing but the count of tries, which is committed before the refusal is thrown.
     */
    public Errand.CourierView deliver(CurrentUser worker, long id, Proof proof) {
        Proof p = proof == null ? new Proof(null, null, null) : proof;
        record Outcome(Errand.CourierView done, DomainException refused) {
        }
        Outcome outcome = tx.execute(s -> {
            Errand e = owned(worker, store.lock(id));
            if (e.state() != Errand.State.AT_DROPOFF && e.state() != Errand.State.PICKED_UP) {
                throw DomainException.conflict("Errand " + id + " is " + e.state() + "; deliver it after picking it up")
                        .code("problem.errand.order", e.state().name(), Errand.State.DELIVERED.name());
            }
            String kept = null;
            switch (e.proof()) {
                case PIN -> {
                    DomainException wrong = wrongPin(e, p.pin());
                    if (wrong != null) {
                        return new Outcome(null, wrong);
                    }
                }
                case PHOTO -> kept = image("photo", p.photo(), MAX_PHOTO);
                case SIGNATURE -> kept = image("signature", p.signature(), MAX_SIGNATURE);
            }
            Instant now = clock.instant();
            jdbc.sql("UPDATE errand SET state = 'DELIVERED', proof_data = ?, updated_at = ? WHERE id = ?").params(kept, Sql.ts(now), id).update();
            // The proof is the submission, and a delivery with its proof is approved at once.
            if (!work.move(e.assignmentId()).from(AssignmentState.STARTED).to(AssignmentState.SUBMITTED, now).apply()
                    || !work.move(e.assignmentId()).from(AssignmentState.SUBMITTED).to(AssignmentState.PAID, now).apply()) {
                throw new IllegalStateException("Errand " + id + " was picked up, yet its assignment was not under way");
            }
            settlement.settle(e, e.pay(), true, e.workerId());
            Errand done = store.get(id);
            timeline.record(done, Errand.State.DELIVERED, null, e.workerId(), e.workerId(), Map.of("proof", e.proof().name(), "pay", e.pay()));
            events.publishEvent(org.polder.notify.Notice.toRequestersOf(e.organisationId(), org.polder.notify.NoticeKind.ERRAND,
                    org.polder.common.Words.of("notice.delivered", String.valueOf(e.id()), e.receiver(), org.polder.common.Words.at(now)),
                    "/requester/errands/" + e.id()));
            return new Outcome(done.forCourier(), null);
        });
        if (outcome.refused() != null) {
            throw outcome.refused();
        }
        return outcome.done();
    }

    /** The refusal for a wrong PIN (after counting it), or null when the PIN is right. */
    private DomainException wrongPin(Errand e, String pin) {
        int wrong = jdbc.sql("SELECT wrong_pins FROM errand WHERE id = ?").param(e.id()).query(Integer.class).single();
        if (wrong >= PIN_TRIES) {
            return DomainException.conflict("Too many wrong PINs for errand " + e.id() + ": call the requester, or report the delivery failed")
                    .code("problem.errand.pinTries");
        }
        if (pin != null && MessageDigest.isEqual(pin.strip().getBytes(StandardCharsets.UTF_8), e.pin().getBytes(StandardCharsets.UTF_8))) {
            return null;
        }
        jdbc.sql("UPDATE errand SET wrong_pins = wrong_pins + 1 WHERE id = ?").param(e.id()).update();
        return DomainException.invalid("pin: not the receiver's PIN (" + (PIN_TRIES - wrong - 1) + " tries left)")
                .code("problem.errand.wrongPin", PIN_TRIES - wrong - 1);
    }

    private static String image(String field, String dataUrl, int max) {
        if (dataUrl == null || dataUrl.length() > max || !IMAGE.matcher(dataUrl).matches()) {
            throw DomainException.invalid(field + ": an image as a data URL (PNG, JPEG or WebP), at most " + max / 1000 + " kB")
                    .code("problem.errand.image", field);
        }
        try {
            Base64.getDecoder().decode(dataUrl.substring(dataUrl.indexOf(',') + 1));
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid(field + ": the image's base64 is broken").code("problem.errand.image", field);
        }
        return dataUrl;
    }

    /**
     * The courier cannot complete it. Before arriving at the pickup this hands the errand back: it is
     * offered to the next courier and nothing is paid or held against anyone. At the pickup (closed,
     * nothing ready) the courier gets the rules' cancellation share; after pickup (nobody at the door)
     * all of the pay, and the rest goes back to the organisation.
     */
    @Automated(Endings.RULE_FAILED)
    @Transactional
    public Errand.CourierView fail(CurrentUser worker, long id, String reason) {
        Errand e = owned(worker, store.lock(id));
        String why = Errands.text("reason", reason, 1, 1000);
        if (!e.state().underWay()) {
            throw DomainException.conflict("Errand " + id + " is " + e.state()).code("problem.errand.ended");
        }
        if (e.state() == Errand.State.ACCEPTED) {
            // Before the pickup a ride goes back whole, to be offered again as one.
            List<Errand> back = e.rideId() == null ? List.of(e) : store.ride(e.rideId()).stream()
                    .filter(r -> r.state() == Errand.State.ACCEPTED && r.workerId() != null && r.workerId().equals(e.workerId()))
                    .map(r -> r.id() == e.id() ? e : store.lock(r.id())).toList();
            for (Errand r : back) {
                endings.end(r, Endings.How.HANDED_BACK, why, e.workerId());
            }
            dispatch.offerNext(e.rideId() == null ? id : e.rideId());
            return e.forCourier();
        }
        return endings.end(e, Endings.How.FAILED, why, e.workerId()).forCourier();
    }

}
