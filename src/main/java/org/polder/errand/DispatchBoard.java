package org.polder.errand;

import org.polder.account.Accounts;
import org.polder.account.CurrentUser;
import org.polder.account.Role;
import org.polder.common.DomainException;
import org.polder.common.NotFoundException;
import org.polder.common.Sql;
import org.polder.common.Words;
import org.polder.errand.internal.ErrandStore;
import org.polder.oversight.Decisions;
import org.polder.work.TakingWork;
import org.polder.work.WorkKind;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Dispatching by people. The dispatcher's board shows an organisation's errands waiting for a courier and its team's
 * couriers with their loads; the dispatcher asks a courier of the team by hand, with a reason: a decision about the
 * courier, taken by a person, that they may decline without anything held against them (RIGHTS.md R10). Couriers of a
 * team that dispatches itself also see its open board and pick an errand from it themselves.
 *
 * <p>Both go through {@link Dispatch}'s locks and checks: the errand's row, then the courier's duty row, so a hand
 * assignment, a pick and the rule's own offers never give one errand to two couriers.
 */
@Service
public class DispatchBoard {

    /** How long a courier has to answer a dispatcher: longer than the rule's offers, as the dispatcher may call them first. */
    public static final Duration HAND_WINDOW = Duration.ofMinutes(2);
    private static final int MAX_REASON = 500;

    private final JdbcClient jdbc;
    private final ErrandStore store;
    private final Dispatch dispatch;
    private final CourierTeams teams;
    private final Decisions decisions;
    private final Accounts accounts;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TakingWork takingWork;

    DispatchBoard(TakingWork takingWork, JdbcClient jdbc, ErrandStore store, Dispatch dispatch, CourierTeams teams, Decisions decisions, Accounts accounts,
                  ApplicationEventPublisher events, Clock clock) {
        this.takingWork = takingWork;
        this.jdbc = jdbc;
        this.store = store;
        this.dispatch = dispatch;
        this.teams = teams;
        this.decisions = decisions;
        this.accounts = accounts;
        this.events = events;
        this.clock = clock;
    }

    /** A courier of the team as a choice for one errand: free or not, and how far from its pickup (null: no position yet). */
    public record Choice(long workerId, String displayName, boolean free, Double km) {
    }

    /** An errand waiting for a courier: the offer running for it, if any, and the team's couriers on duty, nearest first. */
    public record Waiting(long errandId, String pickup, String dropoff, String receiver, Instant windowStart, Instant windowEnd, long pay,
                          int stops, boolean later, String offeredTo, String offerHow, Instant offerUntil, List<Choice> couriers) {
    }

    /** A courier of the team and their load: on duty or not, the errand they carry and the offer they are answering. */
    public record Load(long workerId, String displayName, boolean onDuty, Instant since, Long errandId, Errand.State errandState,
                       Long offeredErrandId) {
    }

    /** The dispatcher's board. */
    public record View(boolean selfDispatch, List<Waiting> waiting, List<Load> couriers, List<CourierTeams.Member> invited,
                       List<CourierTeams.Store> stores) {
    }

    @Transactional(readOnly = true)
    public View board(CurrentUser requester) {
        long org = requester.organisation();
        Instant now = clock.instant();
        List<CourierTeams.Member> team = teams.members(org);
        List<Load> loads = team.stream().filter(m -> m.state() == CourierTeams.State.MEMBER).map(m -> load(m, now)).toList();
        Map<Long, Position> positions = positions(loads);
        List<Waiting> waiting = jdbc.sql("SELECT id FROM errand WHERE organisation_id = ? AND state = 'OFFERING' AND (ride_id IS NULL OR ride_id = id) ORDER BY window_start, id LIMIT 200")
                .param(org).query(Long.class).list().stream().map(id -> waiting(store.get(id), loads, positions, now)).toList();
        return new View(teams.selfDispatching(org), waiting, loads,
                team.stream().filter(m -> m.state() == CourierTeams.State.INVITED).toList(), teams.stores(requester));
    }

    private Load load(CourierTeams.Member m, Instant now) {
        Map<String, Object> duty = jdbc.sql("SELECT on_duty, since FROM courier_duty WHERE worker_id = ?").param(m.workerId())
                .query((rs, n) -> Map.<String, Object>of("on", rs.getBoolean(1), "since", Sql.instant(rs, "since"))).optional().orElse(Map.of());
        boolean on = Boolean.TRUE.equals(duty.get("on"));
        Map.Entry<Long, Errand.State> carrying = jdbc.sql("""
                        SELECT id, state FROM errand WHERE worker_id = ? AND state IN ('ACCEPTED', 'AT_PICKUP', 'PICKED_UP', 'AT_DROPOFF')
                        ORDER BY COALESCE(stop_number, 0), id LIMIT 1""")
                .param(m.workerId()).query((rs, n) -> Map.entry(rs.getLong(1), Errand.State.valueOf(rs.getString(2)))).optional().orElse(null);
        Long offered = jdbc.sql("SELECT errand_id FROM errand_offer WHERE worker_id = ? AND state = 'OPEN' AND expires_at > ?")
                .params(m.workerId(), Sql.ts(now)).query(Long.class).optional().orElse(null);
        return new Load(m.workerId(), m.displayName(), on, on ? (Instant) duty.get("since") : null, carrying == null ? null : carrying.getKey(),
                carrying == null ? null : carrying.getValue(), offered);
    }

    /** The latest position of each courier on duty, read once for the whole board. */
    private Map<Long, Position> positions(List<Load> loads) {
        Map<Long, Position> at = new java.util.HashMap<>();
        for (Load l : loads) {
            if (l.onDuty()) {
                jdbc.sql("SELECT latitude, longitude FROM courier_position WHERE worker_id = ? ORDER BY id DESC LIMIT 1").param(l.workerId())
                        .query((rs, n) -> new Position(rs.getDouble(1), rs.getDouble(2))).optional().ifPresent(p -> at.put(l.workerId(), p));
            }
        }
        return at;
    }

    private Waiting waiting(Errand e, List<Load> loads, Map<Long, Position> positions, Instant now) {
        Map<String, Object> open = jdbc.sql("""
                        SELECT o.how, o.expires_at, a.display_name FROM errand_offer o JOIN account a ON a.id = o.worker_id
                        WHERE o.errand_id = ? AND o.state = 'OPEN' AND o.expires_at > ?""")
                .params(e.id(), Sql.ts(now))
                .query((rs, n) -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("how", rs.getString(1) == null ? "RULE" : rs.getString(1));
                    m.put("until", Sql.instant(rs, "expires_at"));
                    m.put("who", rs.getString(3));
                    return m;
                }).optional().orElse(Map.of());
        List<Choice> choices = loads.stream().filter(Load::onDuty)
                .map(l -> new Choice(l.workerId(), l.displayName(), l.errandId() == null && l.offeredErrandId() == null,
                        java.util.Optional.ofNullable(positions.get(l.workerId()))
                                .map(p -> Math.round(org.polder.common.Geo.km(p.latitude(), p.longitude(), e.pickup().latitude(), e.pickup().longitude()) * 10) / 10.0)
                                .orElse(null)))
                .sorted(Comparator.comparing(Choice::free).reversed().thenComparing(c -> c.km() == null ? Double.MAX_VALUE : c.km()))
                .toList();
        List<Errand> stops = dispatch.rideStops(e);
        return new Waiting(e.id(), e.pickup().address(), e.dropoff().address(), e.receiver(), e.windowStart(), e.windowEnd(), dispatch.ridePay(e),
                stops.size(), e.waitsForItsTime(now), (String) open.get("who"), (String) open.get("how"), (Instant) open.get("until"), choices);
    }

    /**
     * The dispatcher asks a courier of the team to take the errand, with a reason they read: an offer that runs for
     * {@link #HAND_WINDOW}, replacing any offer running for it. Recorded as a decision taken by the dispatcher.
     */
    @Transactional
    public Dispatch.Offer assign(CurrentUser dispatcher, long errandId, long workerId, String reason) {
        long org = dispatcher.organisation();
        errandId = leadOf(errandId);
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty() || why.length() > MAX_REASON) {
            throw DomainException.invalid("reason: 1 to " + MAX_REASON + " characters, which the courier reads with the offer")
                    .code("problem.dispatch.reason", MAX_REASON);
        }
        Errand e = store.lock(errandId);
        if (e.organisationId() != org) {
            throw new NotFoundException("Errand", errandId);
        }
        Instant now = clock.instant();
        if (e.state() != Errand.State.OFFERING || !now.isBefore(e.windowEnd())) {
            throw DomainException.conflict("Errand " + e.id() + " is no longer waiting for a courier").code("problem.dispatch.notWaiting", e.id());
        }
        if (!teams.isMember(org, workerId)) {
            throw DomainException.invalid("workerId: courier " + workerId + " is not on your team").code("problem.courierTeam.notMember", workerId);
        }
        String name = accounts.view(workerId).displayName();
        if (!dispatch.lockDuty(workerId)) {
            throw DomainException.conflict(name + " is not on duty").code("problem.dispatch.offDuty", name);
        }
        if (dispatch.busy(workerId, now)) {
            throw DomainException.conflict(name + " is carrying an errand or answering an offer").code("problem.dispatch.busy", name);
        }
        takingWork.check(workerId, Dispatch.candidate(dispatch.rideStops(e), now));
        Double km = dispatch.kmToPickup(workerId, e).orElse(null);
        dispatch.withdrawOpenOffer(e.id());
        Instant expires = now.plus(HAND_WINDOW);
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("dispatcher", dispatcher.displayName());
        inputs.put("reason", why);
        inputs.put("distanceToPickupKm", km == null ? null : Math.round(km * 10) / 10.0);
        inputs.put("answerWithinSeconds", HAND_WINDOW.toSeconds());
        long decision = decisions.record(Decisions.Draft.about(workerId, ErrandDecision.ERRAND_OFFERED).by(dispatcher.id())
                .work(WorkKind.ERRAND, null, e.taskId(), null)
                .inputs(inputs)
                .effect(Words.of("decision.effect.errandOffered", String.valueOf(e.id()), Words.money(dispatch.ridePay(e)), Words.at(expires)))
                .reason(e.organisation() + "'s dispatcher asks you: " + why + ". Declining, or not answering, changes nothing for later offers.")
                .reasonCode("decision.errand.assigned", List.of(e.organisation(), why)).forOrganisation(org));
        long offer = dispatch.insertOffer(e, workerId, km == null ? 0 : km, now, expires, decision, "HAND", dispatcher.id(), why);
        events.publishEvent(new Dispatch.OfferMade(workerId, offer));
        return dispatch.offer(offer);
    }

    /** The lead of the errand's ride (which carries its offers), or the errand itself. */
    private long leadOf(long errandId) {
        return jdbc.sql("SELECT COALESCE(ride_id, id) FROM errand WHERE id = ?").param(errandId).query(Long.class).optional().orElse(errandId);
    }

    /** An errand on the open board, as a courier of the team sees it, with their own distance to the pickup. */
    public record Open(Errand.CourierView errand, Double kmToPickup) {
    }

    /** The errands waiting on the open boards of the teams the courier is on (those that dispatch themselves), soonest first. */
    @Transactional(readOnly = true)
    public List<Open> open(CurrentUser worker) {
        long w = worker.require(Role.WORKER).id();
        Instant now = clock.instant();
        return jdbc.sql("""
                        SELECT e.id FROM errand e JOIN courier_team t ON t.organisation_id = e.organisation_id AND t.worker_id = ? AND t.state = 'MEMBER'
                        JOIN errand_dispatch d ON d.organisation_id = e.organisation_id AND d.self_dispatch = TRUE
                        WHERE e.state = 'OFFERING' AND e.window_start <= ? AND e.window_end > ? AND (e.ride_id IS NULL OR e.ride_id = e.id)
                          AND NOT EXISTS (SELECT 1 FROM errand_offer o WHERE o.errand_id = e.id AND o.state = 'OPEN' AND o.expires_at > ?)
                        ORDER BY e.window_start, e.id LIMIT 50""")
                .params(w, Sql.ts(now.plus(Dispatch.OFFER_LEAD)), Sql.ts(now), Sql.ts(now)).query(Long.class).list().stream()
                .map(store::get).map(e -> new Open(e.forCourier(), dispatch.kmToPickup(w, e).map(km -> Math.round(km * 10) / 10.0).orElse(null)))
                .toList();
    }

    /** The courier takes an errand from their team's open board: it is theirs at once, if nobody has it or is being asked. */
    @Transactional
    public Errand.CourierView pick(CurrentUser worker, long errandId) {
        long w = worker.require(Role.WORKER).id();
        errandId = leadOf(errandId);
        Errand e = store.lock(errandId);
        if (!teams.isMember(e.organisationId(), w) || !teams.selfDispatching(e.organisationId())) {
            throw new NotFoundException("Errand", errandId);
        }
        Instant now = clock.instant();
        if (e.state() != Errand.State.OFFERING || e.waitsForItsTime(now) || !now.isBefore(e.windowEnd())) {
            throw DomainException.conflict("Errand " + e.id() + " is no longer on the board").code("problem.dispatch.notOnBoard", e.id());
        }
        Optional<Long> asked = jdbc.sql("SELECT worker_id FROM errand_offer WHERE errand_id = ? AND state = 'OPEN' AND expires_at > ?")
                .params(e.id(), Sql.ts(now)).query(Long.class).optional();
        if (asked.isPresent()) {
            throw DomainException.conflict("Errand " + e.id() + " is being offered to " + (asked.get() == w ? "you: answer the offer" : "another courier"))
                    .code(asked.get() == w ? "problem.dispatch.yours" : "problem.dispatch.offered", e.id());
        }
        if (!dispatch.lockDuty(w)) {
            throw DomainException.conflict("Go on duty to take errands").code("problem.dispatch.goOnDuty");
        }
        double km = dispatch.kmToPickup(w, e).orElse(0.0);
        long offer = dispatch.insertOffer(e, w, km, now, now.plus(HAND_WINDOW), null, "BOARD", null, null);
        return dispatch.take(e, w, offer, now);
    }
}
