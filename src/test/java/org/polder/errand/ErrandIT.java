package org.polder.errand;

import org.polder.errand.internal.ErrandRecords;
import org.junit.jupiter.api.Test;
import org.polder.account.CurrentUser;
import org.polder.common.DomainException;
import org.polder.ledger.Ledger;
import org.polder.ledger.LedgerAccount;
import org.polder.oversight.Appeals;
import org.polder.testing.Api;
import org.polder.testing.Fixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Errands from booking to delivery: prices, offers one courier at a time, statuses, proof, money, cancellation, tracking. */
class ErrandIT extends ErrandCityIT {

    @Autowired Errands errands;
    @Autowired Dispatch dispatch;
    @Autowired Delivery delivery;
    @Autowired Tracking tracking;
    @Autowired Ledger ledger;
    @Autowired Appeals appeals;
    @Autowired JdbcClient jdbc;
    @Autowired Pricing pricing;
    @Autowired org.polder.work.PayFloor floor;


    Errands.ErrandSpec spec(Errand.Proof proof) {
        return new Errands.ErrandSpec(new Place("Bakery, Main Street 1", lat, lng), new Place("Flat 3, Canal 20", lat - 0.02, lng + 0.01),
                "Sam", null, null, "Two boxes, keep upright", proof, null);
    }

    Dispatch.Offer offerOf(CurrentUser c) {
        return dispatch.current(c).orElseThrow(() -> new AssertionError(c.username() + " has no offer"));
    }

    long balance(LedgerAccount account) {
        return ledger.balance(account);
    }

    long platformMoney() {
        return balance(LedgerAccount.platform(LedgerAccount.Type.PLATFORM_FEES)) + balance(LedgerAccount.platform(LedgerAccount.Type.GUARANTEE_FUND));
    }

    @Test
    void aBookedErrandIsPricedEscrowedAndOfferedToTheNearestFreeCourierWithAReason() {
        CurrentUser far = courier(3.0);
        CurrentUser near = courier(0.5);
        Pricing.Quote quote = errands.quote(shop, spec(Errand.Proof.PIN));
        assertThat(quote.lines()).extracting(Pricing.Line::kind).contains("base", "distance");
        assertThat(quote.pay()).isEqualTo(quote.lines().stream().mapToLong(Pricing.Line::cents).sum());
        assertThat(quote.total()).isEqualTo(quote.pay() + quote.fee());

        Errand e = errands.book(shop, spec(Errand.Proof.PIN));
        assertThat(e.total()).isEqualTo(quote.total());
        assertThat(e.pin()).matches("\\d{4}");
        assertThat(balance(LedgerAccount.errandEscrow(e.id()))).isEqualTo(e.total());
        assertThat(balance(LedgerAccount.organisation(shop.organisationId()))).isEqualTo(FUNDS - e.total());

        Dispatch.Offer offer = offerOf(near);
        assertThat(dispatch.current(far)).isEmpty();
        assertThat(offer.errand().id()).isEqualTo(e.id());
        assertThat(offer.distanceKm()).isBetween(0.4, 0.6);
        assertThat(offer.expiresAt()).isEqualTo(offer.offeredAt().plusSeconds(30));
        String reason = jdbc.sql("SELECT reason FROM decision WHERE id = ?").param(offer.decisionId()).query(String.class).single();
        assertThat(reason).contains("nearest free courier", "0.5 km");
        assertThat(jdbc.sql("SELECT rule FROM decision WHERE id = ?").param(offer.decisionId()).query(String.class).single())
                .isEqualTo(Dispatch.RULE);
        // The courier never sees the receiver's PIN.
        Api api = api().login(near.username(), Fixtures.PASSWORD);
        assertThat(api.get("/api/v1/me/errand-offer").body()).contains("Canal 20").doesNotContain("\"pin\"").doesNotContain(e.trackingToken());
    }

    @Test
    void anOfferNobodyAnswersPassesToTheNextCourierAndADeclineToTheOneAfter() {
        CurrentUser first = courier(0.2);
        CurrentUser second = courier(0.6);
        CurrentUser third = courier(1.2);
        Errand e = errands.book(shop, spec(Errand.Proof.PIN));
        Dispatch.Offer offer = offerOf(first);

        clock.advance(Duration.ofSeconds(29));
        dispatch.round();
        assertThat(dispatch.current(first)).isPresent();
        assertThat(dispatch.current(second)).isEmpty();

        clock.advance(Duration.ofSeconds(2));
        dispatch.round();
        assertThat(dispatch.current(first)).isEmpty();
        Dispatch.Offer next = offerOf(second);
        assertThat(next.errand().id()).isEqualTo(e.id());
        assertThatThrownBy(() -> dispatch.accept(first, offer.id()))
                .isInstanceOfSatisfying(DomainException.class, x -> assertThat(x.code()).isEqualTo("problem.errand.offerEnded"));

        dispatch.decline(second, next.id());
        assertThat(offerOf(third).errand().id()).isEqualTo(e.id());
        // Declining held nothing against the second courier: the next errand nearby is offered to them first.
        clock.advance(Duration.ofSeconds(31));
        dispatch.round();
        assertThat(errands.get(e.id()).state()).isEqualTo(Errand.State.OFFERING);
        Errand another = errands.book(shop, new Errands.ErrandSpec(new Place("Shop", lat + 0.6 / 111.2, lng), spec(null).dropoff(), "Kim",
                null, null, "", null, null));
        assertThat(offerOf(second).errand().id()).isEqualTo(another.id());

        // Nobody is left for the first errand; when its window ends it is unassigned and its escrow goes back.
        clock.advance(Duration.ofHours(2));
        dispatch.round();
        Errand ended = errands.get(e.id());
        assertThat(ended.state()).isEqualTo(Errand.State.UNASSIGNED);
        assertThat(balance(LedgerAccount.errandEscrow(e.id()))).isZero();
        assertThat(jdbc.sql("SELECT state FROM errand_offer WHERE errand_id = ? ORDER BY id").param(e.id()).query(String.class).list())
                .containsExactly("EXPIRED", "DECLINED", "EXPIRED");
    }

    @Test
    void aCourierWhoLetAnOfferPassIsAskedAgainOnlyAfterFiveMinutes() {
        CurrentUser only = courier(0.4);
        Errand e = errands.book(shop, spec(Errand.Proof.PIN));
        dispatch.decline(only, offerOf(only).id());
        dispatch.round();
        assertThat(dispatch.current(only)).isEmpty();
        clock.advance(Dispatch.REOFFER_AFTER.minusSeconds(1));
        dispatch.round();
        assertThat(dispatch.current(only)).isEmpty();
        clock.advance(Duration.ofSeconds(2));
        dispatch.round();
        assertThat(offerOf(only).errand().id()).isEqualTo(e.id());
    }

    @Test
    void errandsWaitingTogetherAreMatchedForTheLeastTotalDistanceNotOneByOne() {
        // On a line north: pickups at 0 and 1 km, couriers at 0.6 and -0.7 km. One by one, the first errand would take the
        // courier at 0.6 and the second get the one 1.7 km away (2.3 km in all); matched together it is 0.7 + 0.4 = 1.1 km.
        Errand first = errands.book(shop, spec(Errand.Proof.PIN));
        Errand second = errands.book(shop, new Errands.ErrandSpec(new Place("Shop 2", lat + 1.0 / 111.2, lng), spec(null).dropoff(), "Kim",
                null, null, "", null, null));
        CurrentUser between = courier(0.6);
        CurrentUser south = courier(-0.7);
        dispatch.round();
        assertThat(offerOf(south).errand().id()).isEqualTo(first.id());
        assertThat(offerOf(between).errand().id()).isEqualTo(second.id());
        assertThat(jdbc.sql("SELECT reason FROM decision WHERE id = ?").param(offerOf(south).decisionId()).query(String.class).single())
                .contains("total distance");
    }

    @Test
    void twoCouriersAcceptingTheSameErrandAtOnceGetItOnceBetweenThem() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 6; round++) {
                city();
                CurrentUser a = courier(0.1);
                CurrentUser b = courier(0.3);
                Errand e = errands.book(shop, spec(Errand.Proof.PIN));
                long offerA = offerOf(a).id();
                // A answers at the last moment while dispatchers on two nodes pass the offer on and B accepts as soon as it can.
                clock.advance(Duration.ofSeconds(29));
                CountDownLatch start = new CountDownLatch(1);
                CountDownLatch dispatched = new CountDownLatch(2);
                List<Future<Boolean>> tries = new ArrayList<>();
                List<Future<Integer>> nodes = new ArrayList<>();
                for (int t = 0; t < 3; t++) {
                    tries.add(pool.submit(() -> {
                        start.await();
                        try {
                            dispatch.accept(a, offerA);
                            return true;
                        } catch (DomainException refused) {
                            return false;
                        }
                    }));
                }
                for (int node = 0; node < 2; node++) {
                    nodes.add(pool.submit(() -> {
                        start.await();
                        try {
                            clock.advance(Duration.ofMillis(700));
                            return dispatch.round();
                        } finally {
                            dispatched.countDown();
                        }
                    }));
                }
                for (int t = 0; t < 3; t++) {
                    tries.add(pool.submit(() -> {
                        start.await();
                        // B accepts as soon as the offer reaches them; once both dispatchers are done without one, there is none.
                        while (true) {
                            boolean last = dispatched.getCount() == 0;
                            var offer = dispatch.current(b);
                            if (offer.isPresent()) {
                                try {
                                    dispatch.accept(b, offer.get().id());
                                    return true;
                                } catch (DomainException refused) {
                                    return false;
                                }
                            }
                            if (last) {
                                return false;
                            }
                        }
                    }));
                }
                start.countDown();
                int accepted = 0;
                for (Future<Boolean> f : tries) {
                    accepted += f.get() ? 1 : 0;
                }
                for (Future<Integer> n : nodes) {
                    n.get();
                }
                assertThat(accepted).as("round " + round).isEqualTo(1);
                assertThat(jdbc.sql("SELECT COUNT(*) FROM assignment WHERE task_id = ?").param(e.taskId()).query(Long.class).single()).isEqualTo(1);
                Errand after = errands.get(e.id());
                assertThat(after.state()).isEqualTo(Errand.State.ACCEPTED);
                assertThat(after.workerId()).isIn(a.id(), b.id());
                assertThat(jdbc.sql("SELECT COUNT(*) FROM errand_offer WHERE errand_id = ? AND state = 'ACCEPTED'").param(e.id())
                        .query(Long.class).single()).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aDeliveryGoesStepByStepAndAWrongPinIsRefusedChangingNothing() {
        CurrentUser c = courier(0.3);
        Errand e = errands.book(shop, spec(Errand.Proof.PIN));
        dispatch.accept(c, offerOf(c).id());
        assertThatThrownBy(() -> delivery.advance(c, e.id(), Errand.State.PICKED_UP))
                .isInstanceOfSatisfying(DomainException.class, x -> assertThat(x.code()).isEqualTo("problem.errand.order"));
        delivery.advance(c, e.id(), Errand.State.AT_PICKUP);
        delivery.advance(c, e.id(), Errand.State.PICKED_UP);
        delivery.advance(c, e.id(), Errand.State.AT_DROPOFF);

        String wrong = e.pin().equals("0000") ? "1111" : "0000";
        Api api = api().login(c.username(), Fixtures.PASSWORD);
        Api.Response refused = api.post("/api/v1/courier/errands/" + e.id() + "/deliver", Map.of("pin", wrong));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("pin").contains("4 tries left");
        assertThat(errands.get(e.id()).state()).isEqualTo(Errand.State.AT_DROPOFF);
        assertThat(balance(LedgerAccount.worker(c.id()))).isZero();
        assertThat(balance(LedgerAccount.errandEscrow(e.id()))).isEqualTo(e.total());

        long fees = balance(LedgerAccount.platform(LedgerAccount.Type.PLATFORM_FEES));
        assertThat(api.post("/api/v1/courier/errands/" + e.id() + "/deliver", Map.of("pin", e.pin())).status()).isEqualTo(200);
        Errand done = errands.get(e.id());
        assertThat(done.state()).isEqualTo(Errand.State.DELIVERED);
        assertThat(balance(LedgerAccount.worker(c.id()))).isEqualTo(e.pay());
        assertThat(balance(LedgerAccount.errandEscrow(e.id()))).isZero();
        assertThat(balance(LedgerAccount.platform(LedgerAccount.Type.PLATFORM_FEES)) - fees).isGreaterThanOrEqualTo(e.fee());
        assertThat(jdbc.sql("SELECT state FROM assignment WHERE id = ?").param(done.assignmentId()).query(String.class).single()).isEqualTo("PAID");
        assertThat(errands.history(e.id())).extracting(Timeline.Step::status).containsExactly(Errand.State.OFFERING, Errand.State.ACCEPTED,
                Errand.State.AT_PICKUP, Errand.State.PICKED_UP, Errand.State.AT_DROPOFF, Errand.State.DELIVERED);
        assertThat(jdbc.sql("SELECT type FROM trail_event WHERE task_id = ? ORDER BY id").param(e.taskId()).query(String.class).list())
                .contains("ERRAND_ACCEPTED", "ERRAND_AT_PICKUP", "ERRAND_PICKED_UP", "ERRAND_AT_DROPOFF", "ERRAND_DELIVERED");
        // The courier can go off duty now, not while carrying it.
        duty.goOffDuty(c);
    }

    @Test
    void fiveWrongPinsStopGuessing() {
        CurrentUser c = courier(0.3);
        Errand e = errands.book(shop, spec(Errand.Proof.PIN));
        dispatch.accept(c, offerOf(c).id());
        delivery.advance(c, e.id(), Errand.State.AT_PICKUP);
        delivery.advance(c, e.id(), Errand.State.PICKED_UP);
        assertThatThrownBy(() -> duty.goOffDuty(c))
                .isInstanceOfSatisfying(DomainException.class, x -> assertThat(x.code()).isEqualTo("problem.errand.underWay"));
        String wrong = e.pin().equals("0000") ? "1111" : "0000";
        for (int i = 0; i < Delivery.PIN_TRIES; i++) {
            assertThatThrownBy(() -> delivery.deliver(c, e.id(), new Delivery.Proof(wrong, null, null)))
                    .isInstanceOfSatisfying(DomainException.class, x -> assertThat(x.code()).isEqualTo("problem.errand.wrongPin"));
        }
        assertThatThrownBy(() -> delivery.deliver(c, e.id(), new Delivery.Proof(e.pin(), null, null)))
                .isInstanceOfSatisfying(DomainException.class, x -> assertThat(x.code()).isEqualTo("problem.errand.pinTries"));
        // Nobody at the door: reported failed after pickup, the courier is paid all of it.
        delivery.fail(c, e.id(), "Nobody opened; the phone was off");
        assertThat(errands.get(e.id()).state()).isEqualTo(Errand.State.FAILED);
        assertThat(balance(LedgerAccount.worker(c.id()))).isEqualTo(e.pay());
        assertThat(balance(LedgerAccount.organisation(shop.organisationId()))).isEqualTo(FUNDS - e.pay());
    }

    @Test
    void aPhotoOrSignatureIsTheProofWhenAskedFor() {
        CurrentUser c = courier(0.3);
        Errand e = errands.book(shop, spec(Errand.Proof.PHOTO));
        assertThat(e.pin()).isNull();
        dispatch.accept(c, offerOf(c).id());
        delivery.advance(c, e.id(), Errand.State.AT_PICKUP);
        delivery.advance(c, e.id(), Errand.State.PICKED_UP);
        assertThatThrownBy(() -> delivery.deliver(c, e.id(), new Delivery.Proof("1234", null, null)))
                .isInstanceOfSatisfying(DomainException.class, x -> assertThat(x.code()).isEqualTo("problem.errand.image"));
        assertThatThrownBy(() -> delivery.deliver(c, e.id(), new Delivery.Proof(null, "data:text/html;base64,PGgxPg==", null)))
                .isInstanceOfSatisfying(DomainException.class, x -> assertThat(x.code()).isEqualTo("problem.errand.image"));
        String png = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
        delivery.deliver(c, e.id(), new Delivery.Proof(null, png, null));
        Api owner = api().login(shop.username(), Fixtures.PASSWORD);
        Api.Response proof = owner.get("/api/v1/errands/" + e.id() + "/proof");
        assertThat(proof.status()).isEqualTo(200);
        assertThat(proof.contentType()).isEqualTo("image/png");
        assertThat(api().login(fixtures.requester().username(), Fixtures.PASSWORD).get("/api/v1/errands/" + e.id() + "/proof").status()).isEqualTo(404);
    }

    @Test
    void cancellingCostsNothingBeforeAcceptanceAndTheRulesShareAfterAndAnAppealPaysTheRest() {
        CurrentUser c = courier(0.3);
        Errand free = errands.book(shop, spec(Errand.Proof.PIN));
        Dispatch.Offer offer = offerOf(c);
        errands.cancel(shop, free.id(), "Customer changed their mind");
        assertThat(balance(LedgerAccount.organisation(shop.organisationId()))).isEqualTo(FUNDS);
        assertThat(dispatch.current(c)).isEmpty();
        assertThatThrownBy(() -> dispatch.accept(c, offer.id())).isInstanceOf(DomainException.class);

        Errand e = errands.book(shop, spec(Errand.Proof.PIN));
        dispatch.accept(c, offerOf(c).id());
        delivery.advance(c, e.id(), Errand.State.AT_PICKUP);
        errands.cancel(shop, e.id(), "Sold out");
        long share = (e.pay() * 50 + 50) / 100;
        assertThat(balance(LedgerAccount.worker(c.id()))).isEqualTo(share);
        assertThat(balance(LedgerAccount.organisation(shop.organisationId()))).isEqualTo(100_000 - share);
        assertThat(balance(LedgerAccount.errandEscrow(e.id()))).isZero();
        assertThatThrownBy(() -> errands.cancel(shop, e.id(), "again"))
                .isInstanceOfSatisfying(DomainException.class, x -> assertThat(x.code()).isEqualTo("problem.errand.ended"));

        long decision = jdbc.sql("SELECT id FROM decision WHERE worker_id = ? AND type = 'ERRAND_CANCELLED'").param(c.id()).query(Long.class).single();
        var appeal = appeals.appeal(c, decision, "I waited 20 minutes at the bakery");
        appeals.decide(fixtures.moderator(), appeal.id(), true, "The wait was long; pay in full");
        assertThat(balance(LedgerAccount.worker(c.id()))).isEqualTo(e.pay());
    }

    @Test
    void aCourierWhoCannotGoHandsTheErrandBackBeforePickupAtNoCost() {
        CurrentUser first = courier(0.2);
        CurrentUser second = courier(0.8);
        Errand e = errands.book(shop, spec(Errand.Proof.PIN));
        dispatch.accept(first, offerOf(first).id());
        delivery.fail(first, e.id(), "Flat tyre");
        assertThat(errands.get(e.id()).state()).isEqualTo(Errand.State.OFFERING);
        assertThat(offerOf(second).errand().id()).isEqualTo(e.id());
        assertThat(balance(LedgerAccount.worker(first.id()))).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM decision WHERE worker_id = ? AND type = 'ERRAND_FAILED'").param(first.id()).query(Long.class).single())
                .isZero();
    }

    @Test
    void theReceiverSeesTheCourierOnlyWhileTheErrandIsUnderWay() {
        CurrentUser c = courier(0.3);
        Errand e = errands.book(shop, spec(Errand.Proof.PIN));
        Api anonymous = api();
        Api.Response before = anonymous.get("/api/v1/tracking/" + e.trackingToken());
        assertThat(before.status()).isEqualTo(200);
        assertThat(before.json().get("courier").isNull()).isTrue();
        assertThat(before.json().get("pin").asString()).isEqualTo(e.pin());

        dispatch.accept(c, offerOf(c).id());
        duty.position(c, lat + 0.001, lng + 0.001);
        Tracking.View under = tracking.view(e.trackingToken());
        assertThat(under.courier()).isNotNull();
        assertThat(under.courier().latitude()).isEqualTo(lat + 0.001);
        assertThat(anonymous.get("/api/v1/tracking/" + e.trackingToken()).body()).doesNotContain(c.username());

        delivery.advance(c, e.id(), Errand.State.AT_PICKUP);
        delivery.advance(c, e.id(), Errand.State.PICKED_UP);
        delivery.deliver(c, e.id(), new Delivery.Proof(e.pin(), null, null));
        Tracking.View after = tracking.view(e.trackingToken());
        assertThat(after.state()).isEqualTo(Errand.State.DELIVERED);
        assertThat(after.courier()).isNull();
        assertThat(after.pin()).isNull();
        assertThat(anonymous.get("/api/v1/tracking/" + e.trackingToken().substring(1) + "x").status()).isEqualTo(404);
    }

    /** New pricing rules, the only way there is once errands exist: a consultation, its comment period, and the change. */
    Api.Response proposePricing(CurrentUser admin, Object rules) {
        Api adminApi = api().login(admin.username(), Fixtures.PASSWORD);
        return adminApi.post("/api/v1/admin/consultations", Map.of("parameter", "errand.pricing", "value", Api.json(rules),
                "explanation", "New errand pricing rules for couriers to comment on"));
    }

    void changePricing(CurrentUser admin, Object rules) {
        Api.Response proposed = proposePricing(admin, rules);
        assertThat(proposed.status()).as(proposed.body()).isEqualTo(201);
        Api adminApi = api().login(admin.username(), Fixtures.PASSWORD);
        assertThat(adminApi.post("/api/v1/admin/consultations/" + proposed.id() + "/apply", Map.of()).status()).as("not before the period").isEqualTo(409);
        clock.advance(Duration.ofDays(14));
        adminApi = api().login(admin.username(), Fixtures.PASSWORD);
        assertThat(adminApi.post("/api/v1/admin/consultations/" + proposed.id() + "/apply", Map.of()).status()).isEqualTo(200);
    }

    @Test
    void pricesFollowZonesAndTimesOfDayAndAChangedPriceIsNotBookedUnseen() {
        CurrentUser admin = fixtures.admin();
        Api adminApi = api().login(admin.username(), Fixtures.PASSWORD);
        Map<String, Object> zone = Map.of("name", "Centre", "surchargeCents", 150, "polygon",
                List.of(List.of(lat - 0.01, lng - 0.01), List.of(lat - 0.01, lng + 0.01), List.of(lat + 0.01, lng + 0.01), List.of(lat + 0.01, lng - 0.01)));
        Map<String, Object> rules = Map.of("baseCents", 400, "perKmCents", 100, "cancelPercent", 50, "zones", List.of(zone),
                "times", List.of(Map.of("from", "00:00", "to", "23:59", "percent", 10)));
        Api.Response bad = proposePricing(admin, Map.of("baseCents", 400, "perKmCents", 100, "cancelPercent", 50,
                "zones", List.of(Map.of("name", "X", "surchargeCents", 1, "polygon", List.of(List.of(1, 1), List.of(2, 2))))));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("zones[0].polygon");
        Api.Response notJson = adminApi.post("/api/v1/admin/consultations", Map.of("parameter", "errand.pricing", "value", "{\"baseCents\": ",
                "explanation", "Broken rules that must be refused whole"));
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.body()).contains("not valid JSON at line 1");
        Pricing.Quote before = errands.quote(shop, spec(null));
        try {
            changePricing(admin, rules);
            Pricing.Quote q = errands.quote(shop, spec(null));
            assertThat(q.lines()).extracting(Pricing.Line::kind).contains("zone", "time");
            assertThat(q.lines().stream().filter(l -> l.kind().equals("zone")).findFirst().orElseThrow().cents()).isEqualTo(150);
            Api shopApi = api().login(shop.username(), Fixtures.PASSWORD);
            Map<String, Object> booking = new java.util.HashMap<>(Map.of("pickup", Map.of("address", "Bakery", "latitude", lat, "longitude", lng),
                    "dropoff", Map.of("address", "Home", "latitude", lat + 0.03, "longitude", lng), "receiver", "Sam", "quotedTotal", before.total()));
            Api.Response changed = shopApi.post("/api/v1/errands", booking);
            assertThat(changed.status()).isEqualTo(409);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM errand WHERE organisation_id = ?").param(shop.organisationId()).query(Long.class).single()).isZero();
            booking.put("quotedTotal", shopApi.post("/api/v1/errands/quote", booking).json().get("total").asLong());
            assertThat(shopApi.post("/api/v1/errands", booking).status()).isEqualTo(201);
            assertThat(shopApi.post("/api/v1/errands/quote", Map.of("pickup", Map.of("address", "Bakery", "latitude", lat, "longitude", lng),
                    "dropoff", Map.of("address", "", "latitude", lat, "longitude", lng))).body()).contains("dropoff.address");
        } finally {
            // Back to the rules the other tests expect.
            Map<String, Object> plain = Map.of("baseCents", 350, "perKmCents", 120, "cancelPercent", 50, "zones", List.of(),
                    "times", List.of(Map.of("from", "18:00", "to", "22:00", "percent", 10), Map.of("from", "22:00", "to", "06:00", "percent", 25)));
            changePricing(admin, plain);
        }
        assertThat(api().login(fixtures.worker().username(), Fixtures.PASSWORD).post("/api/v1/admin/consultations", Map.of("parameter",
                "errand.pricing", "value", Api.json(rules), "explanation", "A worker cannot propose rules alone")).status()).isEqualTo(403);
    }

    @Test
    void waitingIsSettledForTheDayAsAWholeAndNeverPaidTwice() {
        // An hour on duty with one errand, then half an hour waiting: the day earns the floor for 1.5 hours in all.
        CurrentUser c = courier(0.3);
        Errand e = errands.book(shop, spec(Errand.Proof.PIN));
        dispatch.accept(c, offerOf(c).id());
        delivery.advance(c, e.id(), Errand.State.AT_PICKUP);
        delivery.advance(c, e.id(), Errand.State.PICKED_UP);
        delivery.deliver(c, e.id(), new Delivery.Proof(e.pin(), null, null));
        clock.advance(Duration.ofHours(1));
        duty.goOffDuty(c);
        long afterFirst = balance(LedgerAccount.worker(c.id()));
        assertThat(afterFirst).isEqualTo(Math.max(e.pay(), floor.hourlyCents()));
        duty.goOnDuty(c);
        clock.advance(Duration.ofMinutes(30));
        duty.goOffDuty(c);
        assertThat(balance(LedgerAccount.worker(c.id()))).as("the errand's pay counts once, for the day")
                .isEqualTo(Math.max(e.pay(), floor.hourlyCents() * 3 / 2));
        duty.goOffDuty(c);
        assertThat(balance(LedgerAccount.worker(c.id()))).isEqualTo(Math.max(e.pay(), floor.hourlyCents() * 3 / 2));
        assertThat(ledger.audit()).isEmpty();
    }

    /** The admin's pricing page proposes; broken rules come back to it with what was typed, good ones open a consultation. */
    @Test
    void thePricingPageProposesAConsultation() throws Exception {
        org.polder.testing.WebSession web = new org.polder.testing.WebSession(port).login(fixtures.admin());
        assertThat(web.get("/admin/errand-pricing").body()).contains("action=\"/admin/consultations\"", "name=\"back\"");
        java.net.http.HttpResponse<String> broken = web.post("/admin/consultations", "/admin/errand-pricing", Map.of("parameter", "errand.pricing",
                "value", "{\"baseCents\": ", "explanation", "Broken rules that must come back", "back", "/admin/errand-pricing"));
        assertThat(broken.headers().firstValue("Location").orElseThrow()).endsWith("/admin/errand-pricing");
        assertThat(web.get("/admin/errand-pricing").body()).contains("line 1, column").contains("{&quot;baseCents&quot;: ");
        PricingRules rules = pricing.current().rules();
        String changed = tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(
                new PricingRules(rules.baseCents() + 1, rules.perKmCents(), rules.cancelPercent(), rules.zones(), rules.times()));
        java.net.http.HttpResponse<String> proposed = web.post("/admin/consultations", "/admin/errand-pricing", Map.of("parameter", "errand.pricing",
                "value", changed, "explanation", "One cent more base price for the test", "back", "/admin/errand-pricing"));
        assertThat(proposed.headers().firstValue("Location").orElseThrow()).endsWith("/consultations");
        assertThat(pricing.current().rules().baseCents()).as("nothing changes before the comment period").isEqualTo(rules.baseCents());
        long id = jdbc.sql("SELECT MAX(id) FROM consultation WHERE parameter = 'errand.pricing'").query(Long.class).single();
        api().login(fixtures.admin().username(), Fixtures.PASSWORD).post("/api/v1/admin/consultations/" + id + "/withdraw", Map.of("note", "test"));
    }

    @Test
    void timeOnDutyIsPaidAtLeastTheFloorAndAZonesHigherMinimum() {
        CurrentUser admin = fixtures.admin();
        PricingRules before = pricing.current().rules();
        PricingRules.Zone zone = new PricingRules.Zone("Test centre " + lat, List.of(List.of(lat - 0.05, lng - 0.05), List.of(lat - 0.05, lng + 0.05),
                List.of(lat + 0.05, lng + 0.05), List.of(lat + 0.05, lng - 0.05)), 0L, 1500L, null);
        changePricing(admin, new PricingRules(before.baseCents(), before.perKmCents(), before.cancelPercent(), List.of(zone), before.times()));
        try {
            CurrentUser inside = courier(0.3);
            CurrentUser outside = fixtures.worker();
            duty.goOnDuty(outside);
            duty.position(outside, lat + 1, lng);
            Errand e = errands.book(shop, spec(Errand.Proof.PIN));
            dispatch.accept(inside, offerOf(inside).id());
            delivery.advance(inside, e.id(), Errand.State.AT_PICKUP);
            delivery.advance(inside, e.id(), Errand.State.PICKED_UP);
            delivery.deliver(inside, e.id(), new Delivery.Proof(e.pin(), null, null));
            long platform = platformMoney();
            clock.advance(Duration.ofHours(2));
            duty.goOffDuty(inside);
            duty.goOffDuty(outside);
            // Inside the zone its minimum of 15.00 an hour; elsewhere the platform's floor; waiting counts in both.
            assertThat(balance(LedgerAccount.worker(inside.id()))).isEqualTo(3000);
            long outsidePaid = floor.hourlyCents() * 2;
            assertThat(balance(LedgerAccount.worker(outside.id()))).isEqualTo(outsidePaid);
            assertThat(platformMoney()).as("the platform's fees and guarantee fund paid the top-ups").isEqualTo(platform - (3000 - e.pay()) - outsidePaid);
            assertThat(jdbc.sql("SELECT reason FROM decision WHERE worker_id = ? AND type = 'ERRAND_MINIMUM_TOPUP'").param(inside.id())
                    .query(String.class).single()).contains("in Test centre", "where you were mostly");
            assertThat(jdbc.sql("SELECT reason FROM decision WHERE worker_id = ? AND type = 'ERRAND_MINIMUM_TOPUP'").param(outside.id())
                    .query(String.class).single()).contains("the platform's floor", "waiting included");
            // Going off duty again pays nothing twice.
            duty.goOffDuty(inside);
            assertThat(balance(LedgerAccount.worker(inside.id()))).isEqualTo(3000);

            // The courier's own record of it all, in their export.
            var files = new ErrandRecords(jdbc, tools.jackson.databind.json.JsonMapper.builder().build()).filesFor(inside);
            String text = new String(files.get(0).content(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(text).contains("\"dutySessions\"", "\"answer\":\"ACCEPTED\"", "\"state\":\"DELIVERED\"", "\"status\":\"PICKED_UP\"");
        } finally {
            changePricing(admin, before);
        }
    }

    @Test
    void whereAZoneAllowsItACourierAtThePickupTakesOneMoreErrandThatFitsTheirRoute() {
        CurrentUser admin = fixtures.admin();
        PricingRules before = pricing.current().rules();
        PricingRules.Zone zone = new PricingRules.Zone("Stacking " + lat, List.of(List.of(lat - 0.05, lng - 0.05), List.of(lat - 0.05, lng + 0.05),
                List.of(lat + 0.05, lng + 0.05), List.of(lat + 0.05, lng - 0.05)), 0L, null, 2);
        changePricing(admin, new PricingRules(before.baseCents(), before.perKmCents(), before.cancelPercent(), List.of(zone), before.times()));
        try {
            CurrentUser ada = courier(0.1);
            CurrentUser bram = courier(0.3);
            Errand first = errands.book(shop, spec(Errand.Proof.PIN));
            dispatch.accept(ada, offerOf(ada).id());
            delivery.advance(ada, first.id(), Errand.State.AT_PICKUP);
            // A second errand to a door near the first one's: offered to Ada, who is at the pickup, though Bram is free.
            Place pickup = new Place("Bakery, Main Street 1", lat, lng);
            Errand second = errands.book(shop, new Errands.ErrandSpec(pickup, new Place("Flat 5, Canal 24", lat - 0.021, lng + 0.011), "Noor",
                    null, null, "", Errand.Proof.PIN, null));
            Dispatch.Offer stacked = offerOf(ada);
            assertThat(stacked.how()).isEqualTo("STACK");
            assertThat(stacked.errand().id()).isEqualTo(second.id());
            assertThat(jdbc.sql("SELECT reason_code FROM decision WHERE id = ?").param(stacked.decisionId()).query(String.class).single())
                    .isEqualTo("decision.errand.stacked");
            assertThat(dispatch.current(bram)).isEmpty();
            dispatch.accept(ada, stacked.id());
            Errand joined = errands.ofOrganisation(shop, second.id());
            assertThat(joined.rideId()).isEqualTo(first.id());
            assertThat(errands.ride(joined)).extracting(Errand::id).containsExactlyInAnyOrder(first.id(), second.id());
            // A third in the other direction is a long detour, and Ada carries as many as the zone allows: it goes to Bram.
            Errand third = errands.book(shop, new Errands.ErrandSpec(pickup, new Place("Dike 1", lat + 0.04, lng), "Joris", null, null, "",
                    Errand.Proof.PIN, null));
            assertThat(offerOf(bram).errand().id()).isEqualTo(third.id());
            // Picked up together; delivered in the order of the route.
            delivery.advance(ada, first.id(), Errand.State.PICKED_UP);
            assertThat(errands.ride(joined)).extracting(Errand::state).containsOnly(Errand.State.PICKED_UP);
            for (Errand stop : errands.ride(joined)) {
                assertThat(delivery.current(ada)).get().extracting(Errand.CourierView::id).isEqualTo(stop.id());
                delivery.advance(ada, stop.id(), Errand.State.AT_DROPOFF);
                delivery.deliver(ada, stop.id(), new Delivery.Proof(stop.pin(), null, null));
            }
            assertThat(errands.ride(joined)).extracting(Errand::state).containsOnly(Errand.State.DELIVERED);
            duty.goOffDuty(ada);
            dispatch.decline(bram, offerOf(bram).id());
            duty.goOffDuty(bram);
        } finally {
            changePricing(admin, before);
        }
    }

    @Test
    void aPriceNeverFallsBelowTheHourlyFloorForTheEstimatedTime() {
        PricingRules cheap = new PricingRules(0L, 0L, 50, List.of(), List.of());
        Pricing.Quote q = pricing.quote(new Pricing.Version(1, cheap, clock.instant()), new Place("A", lat, lng), new Place("B", lat + 0.05, lng),
                clock.instant());
        assertThat(q.lines()).extracting(Pricing.Line::kind).contains("floor");
        assertThat(q.pay()).isEqualTo(org.polder.work.PayFloor.lowestReward(floor.hourlyCents(), q.minutes() * 60L));
    }
}
