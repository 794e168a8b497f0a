package org.polder.errand;

import org.polder.account.Accounts;
import org.polder.account.CurrentUser;
import org.polder.account.Role;
import org.polder.address.Addresses;
import org.polder.common.DomainException;
import org.polder.common.Geo;
import org.polder.common.NotFoundException;
import org.polder.common.Sql;
import org.polder.common.Words;
import org.polder.notify.Notice;
import org.polder.notify.NoticeKind;
import org.polder.trail.Trail;
import org.polder.trail.TrailEntry;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * An organisation's own couriers, for organisations that dispatch their errands themselves (a courier cooperative's
 * dispatcher) or want their regulars asked first (a shop). A courier is invited by username and is on the team only
 * once they accept; they leave when they wish, and the organisation can take them off. While they are on duty the
 * team's dispatchers see whether they are free and how far they are from a pickup, never where they are.
 * Each saved place (a store) can have default couriers from the team, asked first for errands picked up there.
 */
@Service
public class CourierTeams {

    /** How near a pickup must be to a saved place for the errand to be that store's. */
    static final double STORE_KM = 0.15;
    public static final int MAX_STORE_COURIERS = 10;

    public enum State { INVITED, MEMBER }

    /** A courier of the team, or invited to it. */
    public record Member(long workerId, String displayName, State state, Instant invitedAt, Instant joinedAt) {
    }

    /** A team as the courier sees it: the organisation, and whether they joined or are invited. */
    public record Team(long organisationId, String organisation, State state, boolean selfDispatch, Instant invitedAt) {
    }

    /** A saved place with the couriers asked first for its errands, in order. */
    public record Store(long placeId, String name, String address, List<Member> couriers) {
    }

    /** The store an errand is picked up at and its default couriers, in order. */
    record StoreCouriers(String store, List<Long> workerIds) {
    }

    private final JdbcClient jdbc;
    private final Accounts accounts;
    private final Addresses addresses;
    private final Trail trail;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CourierTeams(JdbcClient jdbc, Accounts accounts, Addresses addresses, Trail trail, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.addresses = addresses;
        this.trail = trail;
        this.events = events;
        this.clock = clock;
    }

    // The organisation's side

    /** Whether the organisation dispatches its errands itself: no courier nearby is asked by the rule, only its store's defaults. */
    @Transactional(readOnly = true)
    public boolean selfDispatching(long organisationId) {
        return jdbc.sql("SELECT self_dispatch FROM errand_dispatch WHERE organisation_id = ?").param(organisationId)
                .query(Boolean.class).optional().orElse(false);
    }

    @Transactional
    public boolean setSelfDispatch(CurrentUser requester, boolean selfDispatch) {
        long org = requester.organisation();
        Instant now = clock.instant();
        if (jdbc.sql("UPDATE errand_dispatch SET self_dispatch = ?, changed_by = ?, changed_at = ? WHERE organisation_id = ?")
                .params(selfDispatch, requester.id(), Sql.ts(now), org).update() == 0) {
            jdbc.sql("INSERT INTO errand_dispatch (organisation_id, self_dispatch, changed_by, changed_at) VALUES (?, ?, ?, ?)")
                    .params(org, selfDispatch, requester.id(), Sql.ts(now)).update();
        }
        return selfDispatch;
    }

    @Transactional(readOnly = true)
    public List<Member> members(CurrentUser requester) {
        return members(requester.organisation());
    }

    List<Member> members(long organisationId) {
        return jdbc.sql("""
                        SELECT t.worker_id, a.display_name, t.state, t.invited_at, t.joined_at FROM courier_team t JOIN account a ON a.id = t.worker_id
                        WHERE t.organisation_id = ? ORDER BY t.state DESC, a.display_name, t.worker_id""")
                .param(organisationId)
                .query((rs, n) -> new Member(rs.getLong(1), rs.getString(2), State.valueOf(rs.getString(3)), Sql.instant(rs, "invited_at"),
                        Sql.instant(rs, "joined_at"))).list();
    }

    /** Invites a courier by their username; they are on the team once they accept. Inviting again changes nothing. */
    @Transactional
    public Member invite(CurrentUser requester, String username) {
        long org = requester.organisation();
        if (username == null || username.isBlank()) {
            throw DomainException.invalid("username: the courier's username, as they log in").code("problem.courierTeam.username");
        }
        CurrentUser courier = accounts.byUsername(username.strip()).filter(c -> c.has(Role.WORKER) && accounts.isWorkerFor(c.id(), org))
                .orElseThrow(() -> DomainException.invalid("username: no courier is called \"" + username.strip() + "\"")
                        .code("problem.courierTeam.noSuchCourier", username.strip()));
        Instant now = clock.instant();
        int added = jdbc.sql("""
                        INSERT INTO courier_team (organisation_id, worker_id, state, invited_by, invited_at)
                        VALUES (?, ?, 'INVITED', ?, ?) ON CONFLICT DO NOTHING""")
                .params(org, courier.id(), requester.id(), Sql.ts(now)).update();
        if (added > 0) {
            String name = accounts.organisation(org).name();
            trail.record(TrailEntry.of("COURIER_TEAM_INVITED").aboutWorker(courier.id()).by(requester.id()).organisation(org));
            events.publishEvent(Notice.to(courier.id(), NoticeKind.ERRAND, Words.of("notice.courierTeamInvited", name)));
        }
        return members(org).stream().filter(m -> m.workerId() == courier.id()).findFirst().orElseThrow();
    }

    /** Takes a courier off the team (or withdraws the invitation), and off its stores' defaults. */
    @Transactional
    public void remove(CurrentUser requester, long workerId) {
        long org = requester.organisation();
        if (!leaveTeam(org, workerId, requester.id())) {
            throw new NotFoundException("Courier", workerId);
        }
    }

    @Transactional(readOnly = true)
    public List<Store> stores(CurrentUser requester) {
        long org = requester.organisation();
        List<Member> team = members(org);
        return addresses.saved(org).stream().map(p -> new Store(p.id(), p.name(), p.address(),
                jdbc.sql("SELECT worker_id FROM store_courier WHERE place_id = ? ORDER BY position").param(p.id()).query(Long.class).list()
                        .stream().flatMap(w -> team.stream().filter(m -> m.workerId() == w)).toList())).toList();
    }

    /** Sets a store's default couriers, in the order given: members of the team only, up to {@link #MAX_STORE_COURIERS}. */
    @Transactional
    public Store setStoreCouriers(CurrentUser requester, long placeId, List<Long> workerIds) {
        long org = requester.organisation();
        if (addresses.saved(org).stream().noneMatch(p -> p.id() == placeId)) {
            throw new NotFoundException("Place", placeId);
        }
        List<Long> order = new ArrayList<>(new LinkedHashSet<>(workerIds == null ? List.of() : workerIds));
        if (order.size() > MAX_STORE_COURIERS) {
            throw DomainException.invalid("workerIds: at most " + MAX_STORE_COURIERS + " default couriers per store")
                    .code("problem.courierTeam.tooMany", MAX_STORE_COURIERS);
        }
        for (long w : order) {
            if (!isMember(org, w)) {
                throw DomainException.invalid("workerIds: courier " + w + " is not on your team").code("problem.courierTeam.notMember", w);
            }
        }
        jdbc.sql("DELETE FROM store_courier WHERE place_id = ?").param(placeId).update();
        for (int i = 0; i < order.size(); i++) {
            jdbc.sql("INSERT INTO store_courier (place_id, worker_id, position) VALUES (?, ?, ?)").params(placeId, order.get(i), i).update();
        }
        return stores(requester).stream().filter(s -> s.placeId() == placeId).findFirst().orElseThrow();
    }

    // The courier's side

    @Transactional(readOnly = true)
    public List<Team> mine(CurrentUser worker) {
        return jdbc.sql("""
                        SELECT t.organisation_id, o.name, t.state, t.invited_at, COALESCE(d.self_dispatch, FALSE) AS self_dispatch
                        FROM courier_team t JOIN organisation o ON o.id = t.organisation_id
                        LEFT JOIN errand_dispatch d ON d.organisation_id = t.organisation_id
                        WHERE t.worker_id = ? ORDER BY o.name, t.organisation_id""")
                .param(worker.require(Role.WORKER).id())
                .query((rs, n) -> new Team(rs.getLong(1), rs.getString(2), State.valueOf(rs.getString(3)), rs.getBoolean("self_dispatch"),
                        Sql.instant(rs, "invited_at"))).list();
    }

    /** The courier accepts an invitation. */
    @Transactional
    public Team join(CurrentUser worker, long organisationId) {
        long w = worker.require(Role.WORKER).id();
        if (jdbc.sql("UPDATE courier_team SET state = 'MEMBER', joined_at = ? WHERE organisation_id = ? AND worker_id = ? AND state = 'INVITED'")
                .params(Sql.ts(clock.instant()), organisationId, w).update() == 0) {
            throw new NotFoundException("Invitation", organisationId);
        }
        trail.record(TrailEntry.of("COURIER_TEAM_JOINED").aboutWorker(w).by(w).organisation(organisationId));
        return mine(worker).stream().filter(t -> t.organisationId() == organisationId).findFirst().orElseThrow();
    }

    /** The courier leaves a team, or declines its invitation; nothing else follows from it. */
    @Transactional
    public void leave(CurrentUser worker, long organisationId) {
        long w = worker.require(Role.WORKER).id();
        if (!leaveTeam(organisationId, w, w)) {
            throw new NotFoundException("Team", organisationId);
        }
    }

    private boolean leaveTeam(long organisationId, long workerId, long by) {
        jdbc.sql("DELETE FROM store_courier WHERE worker_id = ? AND place_id IN (SELECT id FROM saved_place WHERE organisation_id = ?)")
                .params(workerId, organisationId).update();
        if (jdbc.sql("DELETE FROM courier_team WHERE organisation_id = ? AND worker_id = ?").params(organisationId, workerId).update() == 0) {
            return false;
        }
        trail.record(TrailEntry.of("COURIER_TEAM_LEFT").aboutWorker(workerId).by(by).organisation(organisationId));
        return true;
    }

    // For dispatching

    boolean isMember(long organisationId, long workerId) {
        return jdbc.sql("SELECT COUNT(*) FROM courier_team WHERE organisation_id = ? AND worker_id = ? AND state = 'MEMBER'")
                .params(organisationId, workerId).query(Long.class).single() > 0;
    }

    /** The store the errand is picked up at (a saved place of its organisation within 150 m) and its default couriers on the team. */
    Optional<StoreCouriers> storeOf(Errand e) {
        return addresses.saved(e.organisationId()).stream()
                .filter(p -> Geo.km(p.latitude(), p.longitude(), e.pickup().latitude(), e.pickup().longitude()) <= STORE_KM)
                .min(java.util.Comparator.comparingDouble(p -> Geo.km(p.latitude(), p.longitude(), e.pickup().latitude(), e.pickup().longitude())))
                .map(p -> new StoreCouriers(p.name(), jdbc.sql("""
                                SELECT s.worker_id FROM store_courier s JOIN courier_team t ON t.worker_id = s.worker_id AND t.organisation_id = ?
                                WHERE s.place_id = ? AND t.state = 'MEMBER' ORDER BY s.position""")
                        .params(e.organisationId(), p.id()).query(Long.class).list()))
                .filter(s -> !s.workerIds().isEmpty());
    }
}
