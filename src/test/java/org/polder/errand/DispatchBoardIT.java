package org.polder.errand;

import org.junit.jupiter.api.Test;
import org.polder.account.CurrentUser;
import org.polder.address.Addresses;
import org.polder.common.DomainException;
import org.polder.oversight.Decision;
import org.polder.oversight.Decisions;
import org.polder.testing.Api;
import org.polder.testing.Fixtures;
import org.polder.testing.WebSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Dispatching by people: a team of couriers who each joined it, a dispatcher asking one of them by hand with a reason
 * (declined without anything held against them), an organisation that dispatches itself (no courier nearby is asked by
 * the rule; its couriers pick from its open board), and default couriers per store asked before anyone else.
 */
class DispatchBoardIT extends ErrandCityIT {

    @Autowired Errands errands;
    @Autowired Dispatch dispatch;
    @Autowired DispatchBoard board;
    @Autowired CourierTeams teams;
    @Autowired Decisions decisions;
    @Autowired Addresses addresses;
    @Autowired JdbcClient jdbc;
    @Autowired Delivery delivery;


    CurrentUser teamCourier(double kmNorth) {
        CurrentUser c = courier(kmNorth);
        teams.invite(shop, c.username());
        teams.join(c, shop.organisationId());
        return c;
    }

    Errand book() {
        return errands.book(shop, new Errands.ErrandSpec(new Place("Bakery, Main Street 1", lat, lng), new Place("Flat 3, Canal 20", lat - 0.02, lng + 0.01),
                "Sam", null, null, "", Errand.Proof.PIN, null));
    }

    /** Ends the couriers' duty as they would: what they carry handed back or failed first (no duty is left open for other tests). */
    void offDuty(CurrentUser... couriers) {
        for (CurrentUser c : couriers) {
            for (var e = delivery.current(c); e.isPresent(); e = delivery.current(c)) {
                delivery.fail(c, e.get().id(), "Test over");
            }
            duty.goOffDuty(c);
        }
    }

    long offers(long errandId) {
        return jdbc.sql("SELECT COUNT(*) FROM errand_offer WHERE errand_id = ?").param(errandId).query(Long.class).single();
    }

    @Test
    void aCourierIsOnTheTeamOnlyOnceTheyAcceptAndMayLeave() {
        CurrentUser ada = courier(0.5);
        assertThatThrownBy(() -> teams.invite(shop, "nobody-" + ada.username())).isInstanceOf(DomainException.class)
                .hasMessageContaining("username");
        assertThatThrownBy(() -> teams.invite(shop, fixtures.requester().username())).hasMessageContaining("no courier");
        teams.invite(shop, ada.username());
        assertThat(teams.members(shop)).singleElement().satisfies(m -> assertThat(m.state()).isEqualTo(CourierTeams.State.INVITED));
        Errand e = book();
        // Invited is not on the team: the dispatcher cannot ask them.
        assertThatThrownBy(() -> board.assign(shop, e.id(), ada.id(), "You are closest")).hasMessageContaining("not on your team");
        assertThat(teams.mine(ada)).singleElement().satisfies(t -> assertThat(t.state()).isEqualTo(CourierTeams.State.INVITED));
        teams.join(ada, shop.organisationId());
        assertThat(teams.members(shop)).singleElement().satisfies(m -> assertThat(m.state()).isEqualTo(CourierTeams.State.MEMBER));
        assertThat(jdbc.sql("SELECT type FROM trail_event WHERE worker_id = ? AND type LIKE 'COURIER_TEAM_%' ORDER BY id").param(ada.id())
                .query(String.class).list()).containsExactly("COURIER_TEAM_INVITED", "COURIER_TEAM_JOINED");
        teams.leave(ada, shop.organisationId());
        assertThat(teams.members(shop)).isEmpty();
        assertThat(teams.mine(ada)).isEmpty();
        duty.goOffDuty(ada);
    }

    @Test
    void aDispatcherAsksByHandWithAReasonAndTheCourierMayDeclineFreely() {
        teams.setSelfDispatch(shop, true);
        CurrentUser stranger = courier(0.05);   // the nearest, but not on the team: never asked by the rule
        CurrentUser ada = teamCourier(1.0);
        CurrentUser bram = teamCourier(2.0);
        Errand e = book();
        dispatch.round();
        assertThat(dispatch.current(stranger)).isEmpty();
        assertThat(dispatch.current(ada)).isEmpty();
        assertThat(offers(e.id())).isZero();

        DispatchBoard.View view = board.board(shop);
        assertThat(view.selfDispatch()).isTrue();
        DispatchBoard.Waiting waiting = view.waiting().stream().filter(w -> w.errandId() == e.id()).findFirst().orElseThrow();
        assertThat(waiting.offeredTo()).isNull();
        assertThat(waiting.couriers()).extracting(DispatchBoard.Choice::workerId).containsExactly(ada.id(), bram.id());
        assertThat(waiting.couriers().get(0).km()).isEqualTo(1.0);
        assertThat(view.couriers()).extracting(DispatchBoard.Load::workerId).containsExactlyInAnyOrder(ada.id(), bram.id());

        // Bad input changes nothing.
        assertThatThrownBy(() -> board.assign(shop, e.id(), ada.id(), "  ")).hasMessageContaining("reason");
        assertThatThrownBy(() -> board.assign(shop, e.id(), stranger.id(), "You are closest")).hasMessageContaining("not on your team");
        assertThat(offers(e.id())).isZero();

        Dispatch.Offer asked = board.assign(shop, e.id(), ada.id(), "You know this customer");
        assertThat(asked.how()).isEqualTo("HAND");
        assertThat(Duration.between(asked.offeredAt(), asked.expiresAt())).isEqualTo(DispatchBoard.HAND_WINDOW);
        assertThat(dispatch.current(ada)).get().satisfies(o -> {
            assertThat(o.note()).isEqualTo("You know this customer");
            assertThat(o.errand().id()).isEqualTo(e.id());
        });
        Decision d = decisions.ofWorker(ada.id(), asked.decisionId());
        assertThat(d.decidedBy()).isEqualTo(shop.id());
        assertThat(d.rule()).isNull();
        assertThat(d.reason()).contains("You know this customer");
        assertThat(board.board(shop).waiting()).filteredOn(w -> w.errandId() == e.id())
                .singleElement().satisfies(w -> assertThat(w.offerHow()).isEqualTo("HAND"));
        // Ada is busy now: the dispatcher cannot ask her for a second errand.
        Errand second = book();
        assertThatThrownBy(() -> board.assign(shop, second.id(), ada.id(), "And this one")).hasMessageContaining("answering an offer");

        // Declining: nothing follows but the offer's row and the trail; the errand waits on the board again.
        long decisionsBefore = decisions.forWorker(ada.id(), 0, 100).total();
        dispatch.decline(ada, asked.id());
        assertThat(decisions.forWorker(ada.id(), 0, 100).total()).isEqualTo(decisionsBefore);
        assertThat(dispatch.current(stranger)).isEmpty();
        assertThat(dispatch.current(bram)).isEmpty();
        assertThat(board.open(bram)).extracting(o -> o.errand().id()).contains(e.id(), second.id());
        // A courier not on the team sees no board and cannot pick.
        assertThat(board.open(stranger)).isEmpty();
        assertThatThrownBy(() -> board.pick(stranger, e.id())).hasMessageContaining("Errand");

        Errand.CourierView picked = board.pick(bram, e.id());
        assertThat(picked.state()).isEqualTo(Errand.State.ACCEPTED);
        assertThat(board.open(ada)).extracting(o -> o.errand().id()).doesNotContain(e.id());
        assertThatThrownBy(() -> board.pick(ada, e.id())).hasMessageContaining("no longer on the board");
        assertThat(board.board(shop).couriers()).filteredOn(l -> l.workerId() == bram.id())
                .singleElement().satisfies(l -> assertThat(l.errandId()).isEqualTo(e.id()));

        // Back to the rule: the second errand goes to the nearest courier.
        teams.setSelfDispatch(shop, false);
        clock.advance(Duration.ofSeconds(1));
        dispatch.round();
        assertThat(dispatch.current(stranger)).get().satisfies(o -> assertThat(o.errand().id()).isEqualTo(second.id()));
        offDuty(stranger, ada, bram);
    }

    @Test
    void aStoresDefaultCouriersAreAskedBeforeAnyoneNearer() {
        CurrentUser nearest = courier(0.05);
        CurrentUser ada = teamCourier(3.0);
        CurrentUser bram = teamCourier(2.0);
        Addresses.Saved shopPlace = addresses.save(shop, "Shop", "Main Street 1", lat + 0.0005, lng, Locale.ENGLISH);
        // Only members of the team; nothing saved when one is not.
        assertThatThrownBy(() -> teams.setStoreCouriers(shop, shopPlace.id(), List.of(ada.id(), nearest.id()))).hasMessageContaining("not on your team");
        assertThat(teams.stores(shop)).singleElement().satisfies(s -> assertThat(s.couriers()).isEmpty());
        teams.setStoreCouriers(shop, shopPlace.id(), List.of(ada.id(), bram.id()));
        assertThat(teams.stores(shop)).singleElement().satisfies(s -> assertThat(s.couriers()).extracting(CourierTeams.Member::workerId)
                .containsExactly(ada.id(), bram.id()));

        Errand e = book();
        Dispatch.Offer first = dispatch.current(ada).orElseThrow();
        assertThat(first.how()).isEqualTo("STORE");
        assertThat(first.note()).isEqualTo("Shop");
        assertThat(decisions.ofWorker(ada.id(), first.decisionId()).reasonCode()).isEqualTo("decision.errand.store");
        assertThat(dispatch.current(nearest)).isEmpty();
        dispatch.decline(ada, first.id());
        assertThat(dispatch.current(bram)).get().satisfies(o -> assertThat(o.how()).isEqualTo("STORE"));
        dispatch.decline(bram, dispatch.current(bram).orElseThrow().id());
        // The store's couriers declined: the rule goes on to the nearest.
        assertThat(dispatch.current(nearest)).get().satisfies(o -> {
            assertThat(o.errand().id()).isEqualTo(e.id());
            assertThat(o.how()).isNull();
        });

        // A courier who leaves the team is no longer a store's default courier.
        teams.leave(bram, shop.organisationId());
        assertThat(teams.stores(shop)).singleElement().satisfies(s -> assertThat(s.couriers()).extracting(CourierTeams.Member::workerId)
                .containsExactly(ada.id()));
        offDuty(nearest, ada, bram);
    }

    @Test
    void manyCouriersPickingOneErrandAtOnceGetItOnceBetweenThem() throws Exception {
        teams.setSelfDispatch(shop, true);
        List<CurrentUser> couriers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            couriers.add(teamCourier(0.2 + i * 0.1));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 3; round++) {
                Errand e = book();
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Boolean>> tries = new ArrayList<>();
                for (CurrentUser c : couriers) {
                    tries.add(pool.submit(() -> {
                        start.await();
                        try {
                            board.pick(c, e.id());
                            return true;
                        } catch (DomainException refused) {
                            return false;
                        }
                    }));
                }
                // The dispatcher asks someone at the same moment.
                CurrentUser chosen = couriers.get(round);
                Future<Boolean> hand = pool.submit(() -> {
                    start.await();
                    try {
                        board.assign(shop, e.id(), chosen.id(), "Quick one");
                        return true;
                    } catch (DomainException refused) {
                        return false;
                    }
                });
                start.countDown();
                int picked = 0;
                for (Future<Boolean> t : tries) {
                    picked += t.get() ? 1 : 0;
                }
                boolean asked = hand.get();
                assertThat(picked + (asked ? 1 : 0)).as("one errand, one courier").isLessThanOrEqualTo(1).isGreaterThanOrEqualTo(picked);
                long assignments = jdbc.sql("SELECT COUNT(*) FROM assignment a JOIN errand e ON e.task_id = a.task_id WHERE e.id = ?")
                        .param(e.id()).query(Long.class).single();
                assertThat(assignments).isEqualTo(picked);
                if (picked == 1) {
                    assertThat(asked).isFalse();
                    assertThat(jdbc.sql("SELECT COUNT(*) FROM errand_offer WHERE errand_id = ? AND state = 'OPEN'").param(e.id()).query(Long.class).single())
                            .isZero();
                }
                // Whoever has it hands it back, so that everyone is free for the next round.
                Long holder = jdbc.sql("SELECT worker_id FROM errand WHERE id = ?").param(e.id()).query(Long.class).optional().orElse(null);
                if (holder != null) {
                    CurrentUser h = couriers.stream().filter(c -> c.id() == holder).findFirst().orElseThrow();
                    delivery.fail(h, e.id(), "Test: handing back");
                } else {
                    jdbc.sql("UPDATE errand_offer SET state = 'WITHDRAWN' WHERE errand_id = ? AND state = 'OPEN'").param(e.id()).update();
                }
            }
        } finally {
            pool.shutdownNow();
            offDuty(couriers.toArray(CurrentUser[]::new));
        }
    }

    @Test
    void theApiAndThePagesCheckWhoIsAsking() throws Exception {
        CurrentUser ada = courier(0.5);
        Api owner = api().login(shop.username(), Fixtures.PASSWORD);
        assertThat(owner.post("/api/v1/dispatch/team", Map.of("username", ada.username())).status()).isEqualTo(201);
        Api courierApi = api().login(ada.username(), Fixtures.PASSWORD);
        assertThat(courierApi.get("/api/v1/me/courier-teams").json().get(0).at("/state").asText()).isEqualTo("INVITED");
        assertThat(courierApi.post("/api/v1/me/courier-teams/" + shop.organisationId() + "/join", null).status()).isEqualTo(200);
        assertThat(owner.put("/api/v1/dispatch/settings", Map.of("selfDispatch", true)).json().at("/selfDispatch").asBoolean()).isTrue();
        Errand e = book();

        // A worker is no dispatcher; another organisation neither sees nor asks about this errand; a viewer cannot ask.
        assertThat(courierApi.get("/api/v1/dispatch/board").status()).isEqualTo(403);
        CurrentUser other = fixtures.requester();
        Api otherApi = api().login(other.username(), Fixtures.PASSWORD);
        assertThat(otherApi.get("/api/v1/dispatch/board").json().at("/waiting").size()).isZero();
        assertThat(otherApi.post("/api/v1/dispatch/errands/" + e.id() + "/assign", Map.of("workerId", ada.id(), "reason", "Mine now")).status())
                .isEqualTo(404);
        CurrentUser viewer = fixtures.colleagueOf(shop);
        jdbc.sql("UPDATE account SET member_role = 'VIEWER' WHERE id = ?").param(viewer.id()).update();
        assertThat(api().login(viewer.username(), Fixtures.PASSWORD).post("/api/v1/dispatch/errands/" + e.id() + "/assign",
                Map.of("workerId", ada.id(), "reason", "Mine now")).status()).isEqualTo(403);
        Api.Response noReason = owner.post("/api/v1/dispatch/errands/" + e.id() + "/assign", Map.of("workerId", ada.id(), "reason", ""));
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.body()).contains("reason");
        assertThat(offers(e.id())).isZero();

        // The courier sees the errand on the board and picks it through the API.
        assertThat(courierApi.get("/api/v1/courier/board").json().at("/0/errand/id").asLong()).isEqualTo(e.id());
        assertThat(courierApi.post("/api/v1/courier/board/" + e.id() + "/pick", null).json().at("/state").asText()).isEqualTo("ACCEPTED");

        // The pages: the dispatcher's board with the team; the courier's page with the team and its board.
        Errand next = book();
        WebSession dispatcher = new WebSession(port).login(shop);
        String page = dispatcher.get("/requester/dispatch").body();
        assertThat(page).contains("data-errand=\"" + next.id() + "\"").contains(ada.displayName()).contains("data-refresh");
        assertThat(dispatcher.get("/requester/errands").body()).contains("/requester/dispatch");
        WebSession phone = new WebSession(port).login(ada);
        assertThat(phone.get("/courier").body()).contains("data-testid=\"teams\"");
        assertThat(new WebSession(port).login(other).get("/requester/dispatch").body()).doesNotContain("data-errand=\"" + next.id() + "\"");
        offDuty(ada);
    }
}
