package org.polder.errand;

import org.polder.errand.internal.Endings;
import org.polder.errand.internal.ErrandStore;
import org.polder.work.Assignments;
import org.polder.account.CurrentUser;
import org.polder.account.Role;
import org.polder.common.DomainException;
import org.polder.common.NotFoundException;
import org.polder.common.Sql;
import org.polder.ledger.Escrow;
import org.polder.ledger.Money;
import org.polder.address.Found;
import org.polder.address.Addresses;
import org.polder.work.WorkKind;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Requesters' side of errands: a price before booking, booking with escrow (which offers the errand
 * to the first courier at once), following it, and cancelling with the rules' fee.
 */
@Service
public class Errands {

    private final JdbcClient jdbc;
    private final ErrandStore store;
    private final Pricing pricing;
    private final Escrow escrow;
    private final Timeline timeline;
    private final Dispatch dispatch;
    private final Clock clock;
    private final Assignments work;
    private final Endings endings;
    private final Addresses addresses;
    private final SecureRandom random = new SecureRandom();

    Errands(Addresses addresses, Endings endings, Assignments work, JdbcClient jdbc, ErrandStore store, Pricing pricing, Escrow escrow, Timeline timeline, Dispatch dispatch,
            Clock clock) {
        this.addresses = addresses;
        this.endings = endings;
        this.work = work;
        this.jdbc = jdbc;
        this.store = store;
        this.pricing = pricing;
        this.escrow = escrow;
        this.timeline = timeline;
        this.dispatch = dispatch;
        this.clock = clock;
    }

    /**
     * What a requester books. The window defaults to now until two hours later. {@code quotedTotal}, when
     * given, must still be the price: booking is refused if the rules changed since the quote.
     */
    public record ErrandSpec(Place pickup, Place dropoff, String receiver, Instant windowStart, Instant windowEnd, String notes,
                             Errand.Proof proof, Long quotedTotal) {
    }

    /**
     * The errand with both places located: coordinates given with an address are kept, an address alone is
     * looked up (the organisation's saved places first, then the address service). Call it outside a
     * transaction: the service may take a moment.
     */
    public ErrandSpec located(CurrentUser requester, ErrandSpec spec, Locale locale) {
        Long org = requester.organisationId();
        return new ErrandSpec(locate("pickup", spec.pickup(), org, locale), locate("dropoff", spec.dropoff(), org, locale), spec.receiver(),
                spec.windowStart(), spec.windowEnd(), spec.notes(), spec.proof(), spec.quotedTotal());
    }

    private Place locate(String field, Place p, Long org, Locale locale) {
        if (p == null || p.address() == null || p.address().isBlank() || (p.latitude() != null && p.longitude() != null)) {
            return p; // complete, or wrong in a way Place.checked names
        }
        Found f = addresses.locate(field, p.address(), p.latitude(), p.longitude(), org, locale);
        return new Place(f.address(), f.latitude(), f.longitude());
    }

    /** The price of an errand as it would be booked now, with every line of it. */
    @Transactional(readOnly = true)
    public Pricing.Quote quote(CurrentUser requester, ErrandSpec spec) {
        requester.require(Role.REQUESTER);
        Window w = window(spec);
        return pricing.quote(Place.checked("pickup", spec.pickup()), Place.checked("dropoff", spec.dropoff()), w.start());
    }

    private record Window(Instant start, Instant end) {
    }

    private Window window(ErrandSpec spec) {
        return window(spec.windowStart(), spec.windowEnd());
    }

    private Window window(Instant windowStart, Instant windowEnd) {
        Instant now = clock.instant();
        Instant start = windowStart == null ? now : windowStart;
        Instant end = windowEnd == null ? start.plus(Duration.ofHours(2)) : windowEnd;
        if (start.isBefore(now.minus(Duration.ofMinutes(5))) || start.isAfter(now.plus(Duration.ofDays(7)))) {
            throw DomainException.invalid("windowStart: from now to 7 days ahead").code("problem.errand.windowStart");
        }
        if (Duration.between(start, end).toMinutes() < 15 || Duration.between(start, end).toHours() > 24) {
            throw DomainException.invalid("windowEnd: from 15 minutes to 24 hours after windowStart").code("problem.errand.windowEnd");
        }
        return new Window(start.isBefore(now) ? now : start, end);
    }

    /** Books the errand: takes the price from the organisation's balance into escrow and offers it to the nearest free courier. */
    @Transactional
    public Errand book(CurrentUser requester, ErrandSpec spec) {
        long org = requester.require(Role.REQUESTER).organisation();
        Place pickup = Place.checked("pickup", spec.pickup());
        Place dropoff = Place.checked("dropoff", spec.dropoff());
        Window w = window(spec);
        String receiver = text("receiver", spec.receiver(), 1, 200);
        String notes = text("notes", spec.notes(), 0, 1000);
        Errand.Proof proof = spec.proof() == null ? Errand.Proof.PIN : spec.proof();
        Pricing.Version rules = pricing.current();
        Pricing.Quote q = pricing.quote(rules, pickup, dropoff, w.start());
        if (spec.quotedTotal() != null && spec.quotedTotal() != q.total()) {
            throw DomainException.conflict("quotedTotal: the price is now " + Money.euros(q.total()) + ", not " + Money.euros(spec.quotedTotal())
                    + "; check the new price and book again").code("problem.errand.priceChanged", Money.euros(q.total()).decimal());
        }
        long id = insert(requester, org, pickup, dropoff, w, receiver, notes, proof, q, null);
        dispatch.offerNext(id);
        return get(id);
    }

    /** The errand's row, its escrow and the first step of its timeline; offered by the caller. */
    private long insert(CurrentUser requester, long org, Place pickup, Place dropoff, Window w, String receiver, String notes, Errand.Proof proof,
                        Pricing.Quote q, Integer stopNumber) {
        Instant now = clock.instant();
        long taskId = work.openTask(WorkKind.ERRAND, 1);
        String pin = proof == Errand.Proof.PIN ? String.format("%04d", random.nextInt(10_000)) : null;
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO errand (task_id, organisation_id, created_by, pickup_address, pickup_lat, pickup_lng, dropoff_address,
                                            dropoff_lat, dropoff_lng, receiver, window_start, window_end, notes, proof, pin, distance_m, minutes,
                                            pay, fee, currency, pricing_version, price_lines, state, tracking_token, created_at, updated_at, stop_number)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'OFFERING', ?, ?, ?, ?)""")
                .params(taskId, org, requester.id(), pickup.address(), pickup.latitude(), pickup.longitude(), dropoff.address(),
                        dropoff.latitude(), dropoff.longitude(), receiver, Sql.ts(w.start()), Sql.ts(w.end()), notes, proof.name(), pin,
                        (int) Math.round(q.distanceKm() * 1000), q.minutes(), q.pay(), q.fee(), Money.EUR, q.pricingVersion(),
                        pricing.linesJson(q.lines()), token(), Sql.ts(now), Sql.ts(now), stopNumber)
                .update(key, "id");
        long id = key.getKey().longValue();
        escrow.fund(new Escrow.Of(WorkKind.ERRAND, id, org), q.total(), new Escrow.Entry("ERRAND_ESCROW", "Escrow for errand " + id,
                requester.id(), "errand:" + id));
        Errand e = get(id);
        timeline.record(e, Errand.State.OFFERING, null, requester.id(), null, Map.of("pay", q.pay(), "total", q.total()));
        return id;
    }

    /** The most drop-offs one ride may have. */
    public static final int MAX_STOPS = 20;

    /** One drop-off of a ride: its receiver, its time window (empty: the ride's first stop's, or from now for two hours), notes and proof. */
    public record StopSpec(Place dropoff, String receiver, Instant windowStart, Instant windowEnd, String notes, Errand.Proof proof) {
    }

    /** A ride: one pickup, several drop-offs, one courier. */
    public record RideSpec(Place pickup, List<StopSpec> stops) {
    }

    /** The ride with its places located, as {@link #located(CurrentUser, ErrandSpec, Locale)} does; outside a transaction. */
    public RideSpec located(CurrentUser requester, RideSpec ride, Locale locale) {
        Long org = requester.organisationId();
        Place pickup = locate("pickup", ride.pickup(), org, locale);
        List<StopSpec> stops = ride.stops() == null ? null : ride.stops().stream().map(s -> s == null ? null
                : new StopSpec(locate("dropoff", s.dropoff(), org, locale), s.receiver(), s.windowStart(), s.windowEnd(), s.notes(), s.proof())).toList();
        return new RideSpec(pickup, stops);
    }

    /**
     * Books several drop-offs from one pickup as one ride: one courier takes them all. Each stop is an errand of its own
     * (its receiver, window, proof, tracking link and escrow); the stops are ordered by {@link Route} from the pickup, on
     * time where it can be, and each is priced for its leg of the route (from the pickup or the stop before), so the
     * courier is paid per stop and distance. The ride is offered as a whole; a problem names the stop (1 is the first given).
     */
    @Transactional
    public List<Errand> bookRide(CurrentUser requester, RideSpec spec) {
        long org = requester.require(Role.REQUESTER).organisation();
        Place pickup = Place.checked("pickup", spec.pickup());
        List<StopSpec> given = spec.stops() == null ? List.of() : spec.stops();
        if (given.size() < 2 || given.size() > MAX_STOPS) {
            throw DomainException.invalid("stops: 2 to " + MAX_STOPS + " drop-offs in one ride, was " + given.size())
                    .code("problem.ride.stops", MAX_STOPS, given.size());
        }
        Instant rideStart = given.stream().map(StopSpec::windowStart).filter(java.util.Objects::nonNull).min(Instant::compareTo).orElse(null);
        List<Place> drops = new java.util.ArrayList<>();
        List<Window> windows = new java.util.ArrayList<>();
        List<Route.Stop> route = new java.util.ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            StopSpec s = given.get(i);
            int n = i;
            if (s == null) {
                throw DomainException.invalid("stops[" + i + "]: a drop-off with its receiver").code("problem.ride.stop", i + 1, "empty");
            }
            Place drop = atStop(n, () -> Place.checked("dropoff", s == null ? null : s.dropoff()));
            Window w = atStop(n, () -> window(s.windowStart() == null ? rideStart : s.windowStart(), s.windowEnd()));
            atStop(n, () -> text("receiver", s.receiver(), 1, 200));
            atStop(n, () -> text("notes", s.notes(), 0, 1000));
            drops.add(drop);
            windows.add(w);
            route.add(new Route.Stop(i, drop.latitude(), drop.longitude(), w.end(), null));
        }
        Instant start = windows.stream().map(Window::start).min(Instant::compareTo).orElseThrow();
        Route.Plan plan = Route.plan(pickup.latitude(), pickup.longitude(), start, route);
        Pricing.Version rules = pricing.current();
        List<Long> ids = new java.util.ArrayList<>();
        Place from = pickup;
        for (int k = 0; k < plan.stops().size(); k++) {
            int i = (int) plan.stops().get(k).id();
            StopSpec s = given.get(i);
            Place leg = from;
            Pricing.Quote q = atStop(i, () -> pricing.quote(rules, leg, drops.get(i), windows.get(i).start()));
            ids.add(insert(requester, org, pickup, drops.get(i), windows.get(i), s.receiver().strip(), s.notes() == null ? "" : s.notes().strip(),
                    s.proof() == null ? Errand.Proof.PIN : s.proof(), q, k + 1));
            from = drops.get(i);
        }
        long lead = ids.get(0);
        for (long id : ids) {
            jdbc.sql("UPDATE errand SET ride_id = ? WHERE id = ?").params(lead, id).update();
        }
        dispatch.offerNext(lead);
        return ids.stream().map(this::get).toList();
    }

    /** Checks one drop-off of a ride on its own (its place, window and texts), with the plain field names. */
    public void checkStop(StopSpec s) {
        Place.checked("dropoff", s.dropoff());
        window(s.windowStart(), s.windowEnd());
        text("receiver", s.receiver(), 1, 200);
        text("notes", s.notes(), 0, 1000);
    }

    /** Runs a check of one stop, naming the stop (1 is the first given) in its refusal. */
    private static <T> T atStop(int index, java.util.function.Supplier<T> check) {
        try {
            return check.get();
        } catch (DomainException e) {
            throw new DomainException(e.status(), e.title(), "stops[" + index + "]." + e.getMessage(), e.properties())
                    .code("problem.ride.stop", index + 1, e.getMessage());
        }
    }

    /** The errands of a ride in the order of its route; empty for an errand on its own. */
    @Transactional(readOnly = true)
    public List<Errand> ride(Errand e) {
        return e.rideId() == null ? List.of() : store.ride(e.rideId());
    }

    /** 128 random bits: the receiver's link cannot be guessed. */
    private String token() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String text(String field, String value, int min, int max) {
        String v = value == null ? "" : value.strip();
        if (v.length() < min || v.length() > max) {
            throw DomainException.invalid(field + ": " + min + " to " + max + " characters, was " + v.length())
                    .code("problem.errand.text", field, min, max);
        }
        return v;
    }

    /** An errand of the requester's organisation; 404 for anyone else's. */
    @Transactional(readOnly = true)
    public Errand ofOrganisation(CurrentUser requester, long id) {
        Errand e = store.find(id).orElseThrow(() -> new NotFoundException("Errand", id));
        if (e.organisationId() != requester.require(Role.REQUESTER).organisation()) {
            throw new NotFoundException("Errand", id);
        }
        return e;
    }

    @Transactional(readOnly = true)
    public List<Errand> ofOrganisation(CurrentUser requester) {
        return jdbc.sql(ErrandStore.SELECT + " WHERE e.organisation_id = ? ORDER BY e.id DESC LIMIT 200")
                .param(requester.require(Role.REQUESTER).organisation()).query((rs, n) -> store.map(rs)).list();
    }

    /** The errand's history, for its requester or its courier. */
    @Transactional(readOnly = true)
    public List<Timeline.Step> history(long id) {
        return timeline.of(id);
    }

    /** A position older than this says nothing about where the courier is now. */
    static final Duration FRESH = Duration.ofMinutes(15);

    /** Where the courier is, for an errand under way: their latest position if it is recent; empty otherwise. */
    @Transactional(readOnly = true)
    public Optional<Position> courierPosition(Errand e) {
        if (!e.state().underWay() || e.workerId() == null) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT latitude, longitude FROM courier_position WHERE worker_id = ? AND recorded_at >= ? ORDER BY id DESC LIMIT 1")
                .params(e.workerId(), Sql.ts(clock.instant().minus(FRESH))).query((rs, n) -> new Position(rs.getDouble(1), rs.getDouble(2))).optional();
    }

    /** The photo or signature the courier gave as proof, for the requester. */
    @Transactional(readOnly = true)
    public Optional<String> proofOf(CurrentUser requester, long id) {
        ofOrganisation(requester, id);
        return jdbc.sql("SELECT proof_data FROM errand WHERE id = ?").param(id).query(String.class).optional();
    }

    /**
     * The requester cancels. Before a courier accepts it costs nothing; after, the courier gets the rules'
     * share of the pay, and after pickup all of it. The fee is charged only for delivered errands.
     */
    @Transactional
    public Errand cancel(CurrentUser requester, long id, String reason) {
        ofOrganisation(requester, id);
        String why = text("reason", reason, 1, 1000);
        Errand e = store.lock(id);
        if (e.state().ended()) {
            throw DomainException.conflict("Errand " + id + " has ended (" + e.state() + ")").code("problem.errand.ended");
        }
        dispatch.withdrawOpenOffer(id);
        Errand ended = endings.end(e, Endings.How.CANCELLED, why, requester.id());
        if (e.state() == Errand.State.OFFERING && e.rideId() != null && e.rideId() == e.id()) {
            // The ride's other stops go on without it: the next stop leads and is offered.
            jdbc.sql("SELECT id FROM errand WHERE ride_id = ? AND state = 'OFFERING' ORDER BY stop_number LIMIT 1").param(id).query(Long.class)
                    .optional().ifPresent(next -> {
                        jdbc.sql("UPDATE errand SET ride_id = ? WHERE ride_id = ? AND state = 'OFFERING'").params(next, id).update();
                        dispatch.offerNext(next);
                    });
        }
        return ended;
    }

    Errand get(long id) {
        return store.get(id);
    }
}
