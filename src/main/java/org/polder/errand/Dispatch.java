package org.polder.errand;

import org.polder.common.Words;
import org.polder.errand.internal.Endings;
import org.polder.errand.internal.Matching;
import org.polder.errand.internal.ErrandStore;
import org.polder.oversight.RequesterRatings;
import org.polder.work.WorkingTime;
import org.polder.work.TakingWork;
import org.polder.work.AssignmentState;
import org.polder.work.Assignments;
import org.polder.account.CurrentUser;
import org.polder.account.Role;
import org.polder.common.Automated;
import org.polder.common.DomainException;
import org.polder.common.NotFoundException;
import org.polder.common.Sql;
import org.polder.ledger.Money;
import org.polder.oversight.Decisions;
import org.polder.trail.Trail;
import org.polder.trail.TrailEntry;
import org.polder.work.WorkKind;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Offers errands to couriers, one courier at a time: the nearest free courier on duty gets the offer
 * and a short window to answer; a decline or silence passes it to the next nearest. Declining never
 * counts against a courier (RIGHTS.md R10): nothing about it is kept but the offer's own row. Every
 * offer is a decision record saying why this courier was chosen.
 *
 * <p>Every change to an errand locks its row first, and every offer to a courier also locks the
 * courier's duty row, so two nodes dispatching at once never offer one errand to two couriers nor give
 * one courier two errands, and two acceptances of one errand give it to one courier.
 */
@Service
public class Dispatch {

    public static final String RULE = "errand.dispatch";
    public static final String OFFER_WINDOW = "errand.offer-window";
    public static final String UNASSIGNED = "errand.unassigned";
    public static final int RULE_VERSION = 2;
    private static final int CANDIDATES = 30;
    /** How long before a courier who let an offer pass, or declined it, may be offered the same errand again. */
    static final Duration REOFFER_AFTER = Duration.ofMinutes(5);
    /** An errand booked for a later time slot is offered to couriers from this long before its window opens. */
    public static final Duration OFFER_LEAD = Duration.ofMinutes(30);

    private final JdbcClient jdbc;
    private final ErrandStore store;
    private final GeoIndex index;
    private final Decisions decisions;
    private final Timeline timeline;
    private final Trail trail;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final Duration offerWindow;
    private final double searchKm;
    private final Assignments work;
    private final TakingWork takingWork;
    private final Pricing pricing;
    private final RequesterRatings ratings;
    private final Endings endings;
    private final ApplicationEventPublisher events;
    private final CourierTeams teams;
    private final Stacking stacking;

    /** An offer was made to a courier: their open page is told at once (after the transaction commits). */
    public record OfferMade(long workerId, long offerId) {
    }

    Dispatch(Stacking stacking, CourierTeams teams, ApplicationEventPublisher events, Endings endings, RequesterRatings ratings, Pricing pricing, TakingWork takingWork, Assignments work, JdbcClient jdbc, ErrandStore store, GeoIndex index, Decisions decisions, Timeline timeline, Trail trail, Clock clock, PlatformTransactionManager transactions,
             @Value("${polder.errand.offer-seconds:30}") int offerSeconds, @Value("${polder.errand.search-km:10}") double searchKm) {
        this.teams = teams;
        this.stacking = stacking;
        this.events = events;
        this.endings = endings;
        this.ratings = ratings;
        this.pricing = pricing;
        this.takingWork = takingWork;
        this.work = work;
        if (offerSeconds < 10 || offerSeconds > 300) {
            throw new IllegalArgumentException("polder.errand.offer-seconds must be 10 to 300, was " + offerSeconds);
        }
        this.jdbc = jdbc;
        this.store = store;
        this.index = index;
        this.decisions = decisions;
        this.timeline = timeline;
        this.trail = trail;
        this.clock = clock;
        this.tx = new TransactionTemplate(transactions);
        this.offerWindow = Duration.ofSeconds(offerSeconds);
        this.searchKm = searchKm;
    }

    /**
     * An offer with what the courier needs to decide: the errand, the way to it, the requester's record and the cancellation
     * terms. {@code how} it came: null from the rule, {@code STORE} to a store's default courier ({@code note} names the
     * store), {@code HAND} from a dispatcher ({@code note} is their reason), {@code BOARD} picked by the courier. For a
     * ride, {@code stops} are its drop-offs in the order of the route, each with its pay, and {@code totalPay} theirs together.
     */
    public record Offer(long id, Errand.CourierView errand, double distanceKm, int etaMinutes, Instant offeredAt, Instant expiresAt,
                        String state, Long decisionId, Errand.CourierClientRecord client, int cancelPercent, String how, String note,
                        List<Errand.CourierView> stops, long totalPay) {
    }

    /** Offers the errand to the next courier, unless an offer is still running; in the caller's transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    Optional<Long> offerNext(long errandId) {
        return offerNext(store.lock(errandId));
    }

    /**
     * One round over every errand waiting for a courier: expired offers pass on, errands nobody took in
     * time end, and the errands without an offer are matched with the free couriers all at once, so that
     * the total distance to the pickups is as small as possible ({@link Matching#optimal}). Returns offers made.
     */
    @Automated({RULE, OFFER_WINDOW, UNASSIGNED})
    public int round() {
        // Errands booked for later wait until their offers are due; the soonest first.
        List<Long> waiting = jdbc.sql("SELECT id FROM errand WHERE state = 'OFFERING' AND window_start <= ? AND (ride_id IS NULL OR ride_id = id) ORDER BY window_start, id LIMIT 1000")
                .param(Sql.ts(clock.instant().plus(OFFER_LEAD))).query(Long.class).list();
        List<Errand> unoffered = new ArrayList<>();
        for (long id : waiting) {
            Errand e = tx.execute(s -> {
                Errand locked = store.lock(id);
                if (!needsOffer(locked, clock.instant()) || offerToStoreCouriers(locked, clock.instant()).isPresent()
                        || teams.selfDispatching(locked.organisationId()) || offerStacked(locked, clock.instant()).isPresent()) {
                    return null;
                }
                return locked;
            });
            if (e != null) {
                unoffered.add(e);
            }
        }
        if (unoffered.isEmpty()) {
            return 0;
        }
        Instant now = clock.instant();
        // Candidates per errand, and every courier among them who is free now: the columns of the matching.
        List<List<GeoIndex.Near>> candidates = new ArrayList<>();
        Map<Long, Integer> column = new LinkedHashMap<>();
        Map<Long, Boolean> free = new java.util.HashMap<>();
        for (Errand e : unoffered) {
            List<GeoIndex.Near> list = candidates(e, now).stream()
                    .filter(c -> free.computeIfAbsent(c.workerId(), w -> !busy(w, now))).toList();
            candidates.add(list);
            list.forEach(c -> column.putIfAbsent(c.workerId(), column.size()));
        }
        double[][] cost = new double[unoffered.size()][column.size()];
        for (int i = 0; i < unoffered.size(); i++) {
            java.util.Arrays.fill(cost[i], Matching.NONE);
            for (GeoIndex.Near c : candidates.get(i)) {
                cost[i][column.get(c.workerId())] = c.km();
            }
        }
        int[] match = Matching.optimal(cost);
        List<Long> couriers = new ArrayList<>(column.keySet());
        int offers = 0;
        for (int i = 0; i < unoffered.size(); i++) {
            if (match[i] < 0) {
                continue;
            }
            long errandId = unoffered.get(i).id();
            GeoIndex.Near chosen = new GeoIndex.Near(couriers.get(match[i]), cost[i][match[i]]);
            String how = "batch of " + unoffered.size() + " errands and " + column.size() + " free couriers";
            Optional<Long> made = tx.execute(s -> {
                Errand e = store.lock(errandId);
                return needsOffer(e, clock.instant()) ? tryOffer(e, List.of(chosen), how) : Optional.<Long>empty();
            });
            offers += made != null && made.isPresent() ? 1 : 0;
        }
        return offers;
    }

    /**
     * Offers the errand at once (when it is booked or passed on): to its store's default couriers first, then, unless the
     * organisation dispatches itself, to the nearest eligible courier.
     */
    private Optional<Long> offerNext(Errand e) {
        Instant now = clock.instant();
        if (!needsOffer(e, now)) {
            return Optional.empty();
        }
        Optional<Long> first = offerToStoreCouriers(e, now);
        if (first.isPresent() || teams.selfDispatching(e.organisationId())) {
            return first;
        }
        Optional<Long> stacked = offerStacked(e, now);
        return stacked.isPresent() ? stacked : tryOffer(e, candidates(e, now), "nearest");
    }

    /**
     * Offers the errand to a courier carrying errands from the same pickup, when it fits their route ({@link Stacking}):
     * one more stop on a ride they are on already, instead of another courier riding to the same shop.
     */
    private Optional<Long> offerStacked(Errand e, Instant now) {
        Map<Long, Instant> asked = askedBefore(e.id());
        Optional<Stacking.Fit> fit = stacking.fit(e, now, w -> !(asked.containsKey(w) && asked.get(w).isAfter(now.minus(REOFFER_AFTER)))
                && lockDuty(w) && !hasOpenOffer(w, now) && takingWork.refusal(w, candidate(e, now)).isEmpty());
        if (fit.isEmpty()) {
            return Optional.empty();
        }
        Stacking.Fit f = fit.get();
        double extra = Math.round(f.extraKm() * 10) / 10.0;
        Instant expires = now.plus(offerWindow);
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("extraKm", extra);
        inputs.put("carrying", f.carrying());
        inputs.put("stackMax", stacking.maxFor(e));
        inputs.put("detourKm", stacking.detourKm());
        inputs.put("pay", e.pay());
        inputs.put("answerWithinSeconds", offerWindow.toSeconds());
        long decision = decisions.record(Decisions.Draft.about(f.workerId(), ErrandDecision.ERRAND_OFFERED)
                .rule(RULE, RULE_VERSION)
                .work(WorkKind.ERRAND, null, e.taskId(), null)
                .inputs(inputs)
                .effect(Words.of("decision.effect.errandOffered", String.valueOf(e.id()), Words.money(e.pay()), Words.at(expires)))
                .reason("You are carrying " + f.carrying() + " errand(s) from the same pickup; this one adds " + extra
                        + " km to your route and keeps every stop on time.")
                .reasonCode("decision.errand.stacked", List.of(f.carrying(), extra)).forOrganisation(e.organisationId()));
        long offer = insertOffer(e, f.workerId(), 0, now, expires, decision, "STACK", null, String.valueOf(extra));
        events.publishEvent(new OfferMade(f.workerId(), offer));
        return Optional.of(offer);
    }

    private boolean hasOpenOffer(long workerId, Instant now) {
        return jdbc.sql("SELECT COUNT(*) FROM errand_offer WHERE worker_id = ? AND state = 'OPEN' AND expires_at > ?")
                .params(workerId, Sql.ts(now)).query(Long.class).single() > 0;
    }

    /**
     * The default couriers of the store the errand is picked up at, in the store's order: the first who is on duty and
     * free, and was not asked about it in the last few minutes, gets the offer.
     */
    private Optional<Long> offerToStoreCouriers(Errand e, Instant now) {
        Optional<CourierTeams.StoreCouriers> store = teams.storeOf(e);
        if (store.isEmpty()) {
            return Optional.empty();
        }
        Map<Long, Instant> asked = askedBefore(e.id());
        for (long w : store.get().workerIds()) {
            if (asked.containsKey(w) && asked.get(w).isAfter(now.minus(REOFFER_AFTER))) {
                continue;
            }
            Optional<Double> km = kmToPickup(w, e);
            if (km.isEmpty() || !offerable(e, w, now)) {
                continue;
            }
            double rounded = Math.round(km.get() * 10) / 10.0;
            int eta = eta(km.get());
            Instant expires = now.plus(offerWindow);
            long decision = decisions.record(Decisions.Draft.about(w, ErrandDecision.ERRAND_OFFERED)
                    .rule(RULE, RULE_VERSION)
                    .work(WorkKind.ERRAND, null, e.taskId(), null)
                    .inputs(Map.of("store", store.get().store(), "defaultCouriers", store.get().workerIds().size(), "distanceToPickupKm", rounded,
                            "answerWithinSeconds", offerWindow.toSeconds()))
                    .effect(Words.of("decision.effect.errandOffered", String.valueOf(e.id()), Words.money(ridePay(e)), Words.at(expires)))
                    .reason("You are one of the default couriers " + e.organisation() + " chose for " + store.get().store()
                            + ", asked before couriers nearby; the pickup is " + rounded + " km away in a straight line, about " + eta + " minutes.")
                    .reasonCode("decision.errand.store", List.of(e.organisation(), store.get().store(), rounded, eta)).forOrganisation(e.organisationId()));
            long offer = insertOffer(e, w, km.get(), now, expires, decision, "STORE", null, store.get().store());
            events.publishEvent(new OfferMade(w, offer));
            return Optional.of(offer);
        }
        return Optional.empty();
    }

    /** The courier's straight-line distance to the pickup from their latest position, if they sent one. */
    Optional<Double> kmToPickup(long workerId, Errand e) {
        return jdbc.sql("SELECT latitude, longitude FROM courier_position WHERE worker_id = ? ORDER BY id DESC LIMIT 1").param(workerId)
                .query((rs, n) -> org.polder.common.Geo.km(rs.getDouble(1), rs.getDouble(2), e.pickup().latitude(), e.pickup().longitude()))
                .optional();
    }

    /**
     * Whether the locked errand wants an offer now. An offer whose window passed is marked expired; an
     * errand whose time window ended is unassigned and its escrow returned.
     */
    private boolean needsOffer(Errand e, Instant now) {
        if (e.state() != Errand.State.OFFERING) {
            return false;
        }
        Optional<Map.Entry<Long, Instant>> open = jdbc.sql("SELECT worker_id, expires_at FROM errand_offer WHERE errand_id = ? AND state = 'OPEN'")
                .param(e.id()).query((rs, n) -> Map.entry(rs.getLong(1), Sql.instant(rs, "expires_at"))).optional();
        if (open.isPresent()) {
            if (open.get().getValue().isAfter(now)) {
                return false;
            }
            jdbc.sql("UPDATE errand_offer SET state = 'EXPIRED', answered_at = ? WHERE errand_id = ? AND state = 'OPEN'")
                    .params(Sql.ts(now), e.id()).update();
            trail.record(TrailEntry.of("ERRAND_OFFER_EXPIRED").aboutWorker(open.get().getKey()).organisation(e.organisationId())
                    .work(WorkKind.ERRAND, e.taskId(), null).with("errandId", e.id()));
        }
        if (!now.isBefore(e.windowEnd())) {
            unassign(e);
            return false;
        }
        return !e.waitsForItsTime(now);
    }

    /**
     * Couriers on duty near the pickup, in the order they may be asked: those not asked about this errand
     * yet, nearest first; then those asked before, once REOFFER_AFTER has passed.
     */
    private List<GeoIndex.Near> candidates(Errand e, Instant now) {
        List<GeoIndex.Near> near = index.nearest(e.pickup().latitude(), e.pickup().longitude(), CANDIDATES, searchKm);
        if (near.isEmpty()) {
            return near;
        }
        Map<Long, Instant> askedBefore = askedBefore(e.id());
        List<GeoIndex.Near> order = new ArrayList<>(near.stream().filter(c -> !askedBefore.containsKey(c.workerId())).toList());
        near.stream().filter(c -> askedBefore.containsKey(c.workerId()) && !askedBefore.get(c.workerId()).isAfter(now.minus(REOFFER_AFTER)))
                .forEach(order::add);
        return order;
    }

    /** Each courier asked about the errand, and when last. */
    private Map<Long, Instant> askedBefore(long errandId) {
        Map<Long, Instant> asked = new java.util.HashMap<>();
        jdbc.sql("SELECT worker_id, MAX(offered_at) AS last FROM errand_offer WHERE errand_id = ? GROUP BY worker_id").param(errandId)
                .query(rs -> {
                    asked.put(rs.getLong(1), Sql.instant(rs, "last"));
                });
        return asked;
    }

    /** The errand as work about to be taken: its expected minutes from now, on top of the duty they are on. */
    static WorkingTime.Candidate candidate(Errand e, Instant now) {
        return candidate(List.of(e), now);
    }

    /** The errands of a ride as work about to be taken: their minutes together. */
    static WorkingTime.Candidate candidate(List<Errand> stops, Instant now) {
        long seconds = stops.stream().mapToLong(s -> s.minutes() * 60L).sum();
        return new WorkingTime.Candidate(WorkKind.ERRAND, now, now.plusSeconds(seconds), seconds).forOrganisation(stops.get(0).organisationId());
    }

    /** Offers the locked errand to the first of these couriers who is on duty, free and not suspended. */
    private Optional<Long> tryOffer(Errand e, List<GeoIndex.Near> order, String how) {
        Instant now = clock.instant();
        for (GeoIndex.Near c : order) {
            if (!offerable(e, c.workerId(), now)) {
                continue;
            }
            long offer = offer(e, c, now, order.size(), how);
            events.publishEvent(new OfferMade(c.workerId(), offer));
            return Optional.of(offer);
        }
        return Optional.empty();
    }

    /**
     * Whether the errand may be offered to the courier now: on duty, free, and not refused the work (suspended, blocked,
     * over their hours). Locks the courier's duty row: their offers and acceptances take turns, on every node.
     */
    boolean offerable(Errand e, long workerId, Instant now) {
        return lockDuty(workerId) && !busy(workerId, now) && takingWork.refusal(workerId, candidate(rideStops(e), now)).isEmpty();
    }

    /** Locks the courier's duty row and says whether they are on duty. */
    boolean lockDuty(long workerId) {
        return jdbc.sql("SELECT on_duty FROM courier_duty WHERE worker_id = ? FOR UPDATE").param(workerId).query(Boolean.class).optional().orElse(false);
    }

    /** Whether the courier has an offer running or an errand under way. */
    boolean busy(long workerId, Instant now) {
        return jdbc.sql("""
                        SELECT (SELECT COUNT(*) FROM errand_offer WHERE worker_id = ? AND state = 'OPEN' AND expires_at > ?)
                             + (SELECT COUNT(*) FROM errand WHERE worker_id = ? AND state IN ('ACCEPTED', 'AT_PICKUP', 'PICKED_UP', 'AT_DROPOFF'))""")
                .params(workerId, Sql.ts(now), workerId).query(Long.class).single() > 0;
    }

    private long offer(Errand e, GeoIndex.Near c, Instant now, int candidates, String how) {
        int eta = eta(c.km());
        double km = Math.round(c.km() * 10) / 10.0;
        Instant expires = now.plus(offerWindow);
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("distanceToPickupKm", km);
        inputs.put("etaMinutes", eta);
        inputs.put("candidates", candidates);
        inputs.put("searchKm", searchKm);
        inputs.put("matching", how);
        inputs.put("pay", ridePay(e));
        inputs.put("stops", rideStops(e).size());
        inputs.put("answerWithinSeconds", offerWindow.toSeconds());
        long decision = decisions.record(Decisions.Draft.about(c.workerId(), ErrandDecision.ERRAND_OFFERED)
                .rule(RULE, RULE_VERSION)
                .work(WorkKind.ERRAND, null, e.taskId(), null)
                .inputs(inputs)
                .effect(Words.of("decision.effect.errandOffered", String.valueOf(e.id()), Words.money(ridePay(e)), Words.at(expires)))
                .reason(("nearest".equals(how) ? "You were the nearest free courier on duty to the pickup: "
                        : "Matched with you so that the total distance to all waiting pickups is smallest (" + how + "); the pickup is ")
                        + km + " km away in a straight line, about " + eta + " minutes. Couriers asked about this errand in the last "
                        + REOFFER_AFTER.toMinutes() + " minutes were not asked again.")
                .reasonCode("nearest".equals(how) ? "decision.errand.offered" : "decision.errand.matched", List.of(km, eta)).forOrganisation(e.organisationId()));
        return insertOffer(e, c.workerId(), c.km(), now, expires, decision, null, null, null);
    }

    /** The offer's row, and the courier's trail; {@code how}, {@code assignedBy} and {@code note} as in {@link Offer}. */
    long insertOffer(Errand e, long workerId, double km, Instant now, Instant expires, Long decision, String how, Long assignedBy, String note) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO errand_offer (errand_id, worker_id, state, distance_m, offered_at, expires_at, decision_id, how, assigned_by, note)
                        VALUES (?, ?, 'OPEN', ?, ?, ?, ?, ?, ?, ?)""")
                .params(e.id(), workerId, (int) Math.round(km * 1000), Sql.ts(now), Sql.ts(expires), decision, how, assignedBy, note).update(key, "id");
        trail.record(TrailEntry.of("ERRAND_OFFERED").aboutWorker(workerId).by(assignedBy).organisation(e.organisationId())
                .work(WorkKind.ERRAND, e.taskId(), null).with("errandId", e.id()).with("distanceKm", Math.round(km * 10) / 10.0)
                .with("expiresAt", expires.toString()).with("how", how == null ? "RULE" : how));
        return key.getKey().longValue();
    }

    /** Minutes to cover a straight-line distance at a courier's city speed. */
    static int eta(double km) {
        return (int) Math.ceil(km / Pricing.KM_PER_HOUR * 60);
    }

    /** Ends the errand nobody accepted in time, with the other stops of its ride still on offer. */
    private void unassign(Errand e) {
        for (Errand r : rideStops(e)) {
            endings.end(r.id() == e.id() ? e : store.lock(r.id()), Endings.How.UNASSIGNED, "No courier accepted it before its time window ended", null);
        }
    }

    /** The offer running for the courier now, if any. */
    @Transactional(readOnly = true)
    public Optional<Offer> current(CurrentUser worker) {
        long id = worker.require(Role.WORKER).id();
        return jdbc.sql("SELECT * FROM errand_offer WHERE worker_id = ? AND state = 'OPEN' AND expires_at > ? ORDER BY id DESC LIMIT 1")
                .params(id, Sql.ts(clock.instant())).query((rs, n) -> rs.getLong("id")).optional().map(this::offer);
    }

    Offer offer(long offerId) {
        return jdbc.sql("SELECT * FROM errand_offer WHERE id = ?").param(offerId)
                .query((rs, n) -> {
                    Errand e = store.get(rs.getLong("errand_id"));
                    List<Errand.CourierView> stops = rideStops(e).stream().map(Errand::forCourier).toList();
                    return new Offer(rs.getLong("id"), e.forCourier(), Math.round(rs.getInt("distance_m") / 100.0) / 10.0,
                            eta(rs.getInt("distance_m") / 1000.0), Sql.instant(rs, "offered_at"), Sql.instant(rs, "expires_at"), rs.getString("state"),
                            Sql.longOrNull(rs, "decision_id"), clientRecord(e.organisationId()), pricing.rulesOf(e).cancelPercent(),
                            rs.getString("how"), rs.getString("note"), stops, stops.stream().mapToLong(Errand.CourierView::pay).sum());
                }).single();
    }

    /** The errands offered or taken together with this one: its ride's stops still on offer, in route order; or the errand alone. */
    List<Errand> rideStops(Errand e) {
        if (e.rideId() == null) {
            return List.of(e);
        }
        List<Errand> open = store.ride(e.rideId()).stream().filter(r -> r.state() == e.state()).toList();
        return open.isEmpty() ? List.of(e) : open;
    }

    /** What the courier is paid for the errand with the other stops of its ride. */
    long ridePay(Errand e) {
        return rideStops(e).stream().mapToLong(Errand::pay).sum();
    }

    /** The requester's record as couriers see it before accepting. */
    Errand.CourierClientRecord clientRecord(long organisationId) {
        return jdbc.sql("""
                        SELECT COUNT(CASE WHEN state = 'DELIVERED' THEN 1 END) AS delivered,
                               COUNT(CASE WHEN state = 'CANCELLED' AND assignment_id IS NOT NULL THEN 1 END) AS cancelled
                        FROM errand WHERE organisation_id = ?""")
                .param(organisationId)
                .query((rs, n) -> new Errand.CourierClientRecord(rs.getLong("delivered"), rs.getLong("cancelled"), ratings.of(organisationId)))
                .single();
    }

    private long errandOfOffer(long workerId, long offerId) {
        return jdbc.sql("SELECT errand_id FROM errand_offer WHERE id = ? AND worker_id = ?").params(offerId, workerId).query(Long.class)
                .optional().orElseThrow(() -> new NotFoundException("Offer", offerId));
    }

    /** The courier accepts: the errand is theirs if the offer is still running and nobody else has it. */
    @Transactional
    public Errand.CourierView accept(CurrentUser worker, long offerId) {
        long w = worker.require(Role.WORKER).id();
        Errand e = store.lock(errandOfOffer(w, offerId));
        lockDuty(w);
        Instant now = clock.instant();
        Offer o = offer(offerId);
        if (!"OPEN".equals(o.state()) || !now.isBefore(o.expiresAt()) || e.state() != Errand.State.OFFERING) {
            throw DomainException.conflict("This offer has ended: errand " + e.id() + " is no longer yours to accept").code("problem.errand.offerEnded");
        }
        return take(e, w, offerId, now, "STACK".equals(o.how()));
    }

    /**
     * Gives the locked errand to the courier through their open offer, with the other stops of its ride: checks they are
     * free and may take the work (all of the ride's time), then an assignment per stop.
     */
    Errand.CourierView take(Errand e, long w, long offerId, Instant now) {
        return take(e, w, offerId, now, false);
    }

    /** As {@link #take(Errand, long, long, Instant)}; a stacked errand joins the ride the courier is on, if it still fits. */
    private Errand.CourierView take(Errand e, long w, long offerId, Instant now, boolean stacked) {
        Long underWay = jdbc.sql("SELECT id FROM errand WHERE worker_id = ? AND state IN ('ACCEPTED', 'AT_PICKUP', 'PICKED_UP', 'AT_DROPOFF') ORDER BY id LIMIT 1")
                .param(w).query(Long.class).optional().orElse(null);
        boolean stillFits = stacked && stacking.carrying(w).stream().allMatch(c -> c.state() == Errand.State.ACCEPTED || c.state() == Errand.State.AT_PICKUP);
        if (underWay != null && !stillFits) {
            throw DomainException.conflict("Finish errand " + underWay + " first").code("problem.errand.busy", underWay);
        }
        List<Errand> stops = new ArrayList<>();
        for (Errand r : rideStops(e)) {
            stops.add(r.id() == e.id() ? e : store.lock(r.id()));
        }
        takingWork.check(w, candidate(stops, now));
        for (Errand r : stops) {
            if (r.state() != Errand.State.OFFERING) {
                continue;   // a stop cancelled meanwhile
            }
            if (!work.takeSlot(r.taskId())) {
                throw new IllegalStateException("Errand " + r.id() + " is on offer, yet its task has no open place");
            }
            long assignment = work.take(new Assignments.Take(WorkKind.ERRAND, r.taskId(), null, w, AssignmentState.ACCEPTED,
                    r.pay(), r.fee(), Money.EUR, now, r.windowEnd()));
            if (jdbc.sql("UPDATE errand SET state = 'ACCEPTED', worker_id = ?, assignment_id = ?, updated_at = ? WHERE id = ? AND state = 'OFFERING'")
                    .params(w, assignment, Sql.ts(now), r.id()).update() != 1) {
                throw new IllegalStateException("Errand " + r.id() + " changed under its lock");
            }
            timeline.record(store.get(r.id()), Errand.State.ACCEPTED, null, w, w, Map.of());
        }
        if (jdbc.sql("UPDATE errand_offer SET state = 'ACCEPTED', answered_at = ? WHERE id = ? AND state = 'OPEN'")
                .params(Sql.ts(now), offerId).update() != 1) {
            throw new IllegalStateException("Offer " + offerId + " changed under its errand's lock");
        }
        if (underWay != null) {
            stacking.join(store.get(e.id()), w, now);
        }
        return store.get(e.id()).forCourier();
    }

    /** The courier declines; the errand goes to the next courier at once. Nothing else follows from it. */
    @Transactional
    public void decline(CurrentUser worker, long offerId) {
        long w = worker.require(Role.WORKER).id();
        Errand e = store.lock(errandOfOffer(w, offerId));
        if (jdbc.sql("UPDATE errand_offer SET state = 'DECLINED', answered_at = ? WHERE id = ? AND state = 'OPEN'")
                .params(Sql.ts(clock.instant()), offerId).update() == 0) {
            throw DomainException.conflict("This offer has ended already").code("problem.errand.offerEnded");
        }
        trail.record(TrailEntry.of("ERRAND_OFFER_DECLINED").aboutWorker(w).by(w).organisation(e.organisationId())
                .work(WorkKind.ERRAND, e.taskId(), null).with("errandId", e.id()));
        offerNext(e);
    }

    /** Withdraws the running offer of an errand that is being cancelled, handed back or assigned by hand. */
    @Transactional(propagation = Propagation.MANDATORY)
    void withdrawOpenOffer(long errandId) {
        jdbc.sql("UPDATE errand_offer SET state = 'WITHDRAWN', answered_at = ? WHERE errand_id = ? AND state = 'OPEN'")
                .params(Sql.ts(clock.instant()), errandId).update();
    }

    /** Declines the courier's running offer (when they go off duty), passing it on. */
    @Transactional(propagation = Propagation.MANDATORY)
    void declineRunningOffers(long workerId) {
        for (long offerId : jdbc.sql("SELECT id FROM errand_offer WHERE worker_id = ? AND state = 'OPEN'").param(workerId).query(Long.class).list()) {
            Errand e = store.lock(errandOfOffer(workerId, offerId));
            jdbc.sql("UPDATE errand_offer SET state = 'DECLINED', answered_at = ? WHERE id = ? AND state = 'OPEN'")
                    .params(Sql.ts(clock.instant()), offerId).update();
            offerNext(e);
        }
    }
}
