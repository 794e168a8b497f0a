package org.polder.errand;

import org.junit.jupiter.api.Test;
import org.polder.account.CurrentUser;
import org.polder.ledger.Ledger;
import org.polder.ledger.LedgerAccount;
import org.polder.testing.Api;
import org.polder.testing.Fixtures;
import org.polder.testing.WebSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Several drop-offs in one ride: booked together from one pickup, put in route order and priced per leg, offered to one
 * courier as a whole, picked up at once and delivered stop by stop, each stop an errand with its own receiver, proof,
 * tracking link and escrow.
 */
class RideIT extends ErrandCityIT {

    @Autowired Errands errands;
    @Autowired ErrandImport importer;
    @Autowired Dispatch dispatch;
    @Autowired Delivery delivery;
    @Autowired Ledger ledger;
    @Autowired JdbcClient jdbc;


    Place east(double km, String address) {
        return new Place(address, lat, lng + km / (111.2 * Math.cos(Math.toRadians(lat))));
    }

    Errands.StopSpec stop(double kmEast, String receiver) {
        return new Errands.StopSpec(east(kmEast, "Canal " + (int) (kmEast * 10)), receiver, null, null, "", Errand.Proof.PIN);
    }

    Errands.RideSpec threeStops() {
        // Given far, near, middle: ridden near, middle, far.
        return new Errands.RideSpec(new Place("Bakery, Main Street 1", lat, lng), List.of(stop(3, "Far"), stop(1, "Near"), stop(2, "Middle")));
    }

    @Test
    void aRideIsBookedInRouteOrderEachStopAnErrandPricedForItsLeg() {
        List<Errand> ride = errands.bookRide(shop, threeStops());
        assertThat(ride).extracting(Errand::receiver).containsExactly("Near", "Middle", "Far");
        assertThat(ride).extracting(Errand::stopNumber).containsExactly(1, 2, 3);
        assertThat(ride).allSatisfy(e -> assertThat(e.rideId()).isEqualTo(ride.get(0).id()));
        assertThat(ride).extracting(Errand::trackingToken).doesNotHaveDuplicates();
        assertThat(ride).allSatisfy(e -> assertThat(ledger.balance(LedgerAccount.errandEscrow(e.id()))).isEqualTo(e.total()));
        // Each leg is 1 km: the middle and far stops are priced from the stop before, not from the pickup.
        assertThat(ride).allSatisfy(e -> assertThat(e.distanceKm()).isEqualTo(1.0));
        assertThat(ride.get(1).pay()).isEqualTo(ride.get(0).pay());
        Errand alone = errands.book(shop, new Errands.ErrandSpec(new Place("Bakery, Main Street 1", lat, lng), east(3, "Canal 30"), "Far",
                null, null, "", Errand.Proof.PIN, null));
        assertThat(ride.get(2).pay()).isLessThan(alone.pay());
    }

    @Test
    void aRideIsOfferedWholePickedUpAtOnceAndDeliveredStopByStop() throws Exception {
        CurrentUser ada = courier(0.2);
        CurrentUser bram = courier(0.4);
        List<Errand> ride = errands.bookRide(shop, threeStops());
        Dispatch.Offer offer = dispatch.current(ada).orElseThrow();
        assertThat(offer.stops()).extracting(Errand.CourierView::receiver).containsExactly("Near", "Middle", "Far");
        assertThat(offer.totalPay()).isEqualTo(ride.stream().mapToLong(Errand::pay).sum());
        dispatch.round();
        assertThat(dispatch.current(bram)).as("a ride is not split").isEmpty();
        // The courier's page shows the stops with their pay before accepting.
        assertThat(new WebSession(port).login(ada).get("/courier").body()).contains("data-testid=\"offer-stops\"");

        dispatch.accept(ada, offer.id());
        assertThat(errands.ride(ride.get(0))).allSatisfy(e -> {
            assertThat(e.state()).isEqualTo(Errand.State.ACCEPTED);
            assertThat(e.workerId()).isEqualTo(ada.id());
            assertThat(e.assignmentId()).isNotNull();
        });
        assertThat(dispatch.current(bram)).isEmpty();
        Errand.CourierView first = delivery.current(ada).orElseThrow();
        delivery.advance(ada, first.id(), Errand.State.AT_PICKUP);
        delivery.advance(ada, first.id(), Errand.State.PICKED_UP);
        assertThat(errands.ride(ride.get(0))).extracting(Errand::state).containsOnly(Errand.State.PICKED_UP);
        assertThat(new WebSession(port).login(ada).get("/courier").body()).contains("data-testid=\"ride-progress\"");
        for (Errand stop : ride) {
            Errand.CourierView now = delivery.current(ada).orElseThrow();
            assertThat(now.id()).isEqualTo(stop.id());
            delivery.advance(ada, stop.id(), Errand.State.AT_DROPOFF);
            delivery.deliver(ada, stop.id(), new Delivery.Proof(stop.pin(), null, null));
        }
        assertThat(delivery.current(ada)).isEmpty();
        assertThat(errands.ride(ride.get(0))).extracting(Errand::state).containsOnly(Errand.State.DELIVERED);
        assertThat(ride).allSatisfy(e -> assertThat(ledger.balance(LedgerAccount.errandEscrow(e.id()))).isZero());
        List.of(ada, bram).forEach(duty::goOffDuty);
    }

    @Test
    void handedBackBeforeThePickupTheRideGoesBackWholeAndACancelledLeadPassesTheLead() {
        CurrentUser ada = courier(0.2);
        List<Errand> ride = errands.bookRide(shop, threeStops());
        dispatch.accept(ada, dispatch.current(ada).orElseThrow().id());
        delivery.fail(ada, ride.get(1).id(), "Flat tyre");
        assertThat(errands.ride(ride.get(0))).extracting(Errand::state).containsOnly(Errand.State.OFFERING);
        duty.goOffDuty(ada);
        CurrentUser bram = courier(0.3);
        clock.advance(Duration.ofSeconds(1));
        dispatch.round();
        Dispatch.Offer again = dispatch.current(bram).orElseThrow();
        assertThat(again.stops()).hasSize(3);

        // The requester cancels the first stop while it is on offer: the others go on as a ride of two, led by the next.
        errands.cancel(shop, ride.get(0).id(), "Customer picked it up");
        assertThat(dispatch.current(bram)).get().satisfies(o -> {
            assertThat(o.errand().id()).isEqualTo(ride.get(1).id());
            assertThat(o.stops()).extracting(Errand.CourierView::id).containsExactly(ride.get(1).id(), ride.get(2).id());
        });
        assertThat(ledger.balance(LedgerAccount.errandEscrow(ride.get(0).id()))).isZero();

        // Nobody accepts before the window ends: every stop ends unassigned and its escrow goes back.
        duty.goOffDuty(bram);
        clock.advance(Duration.ofHours(3));
        dispatch.round();
        assertThat(errands.ride(errands.ofOrganisation(shop, ride.get(1).id()))).extracting(Errand::id).containsExactly(ride.get(1).id(), ride.get(2).id());
        assertThat(errands.ride(errands.ofOrganisation(shop, ride.get(1).id()))).extracting(Errand::state).containsOnly(Errand.State.UNASSIGNED);
        assertThat(List.of(ride.get(1), ride.get(2))).allSatisfy(e -> assertThat(ledger.balance(LedgerAccount.errandEscrow(e.id()))).isZero());
    }

    @Test
    void badInputNamesTheStopAndBooksNothing() throws Exception {
        long before = ledger.balance(LedgerAccount.organisation(shop.organisationId()));
        Place bakery = new Place("Bakery, Main Street 1", lat, lng);
        assertThatThrownBy(() -> errands.bookRide(shop, new Errands.RideSpec(bakery, List.of(stop(1, "Only"))))).hasMessageContaining("stops: 2 to 20");
        Errands.StopSpec noReceiver = new Errands.StopSpec(east(2, "Canal 20"), " ", null, null, "", null);
        assertThatThrownBy(() -> errands.bookRide(shop, new Errands.RideSpec(bakery, List.of(stop(1, "Near"), noReceiver))))
                .hasMessageContaining("stops[1].receiver");
        assertThat(errands.ofOrganisation(shop)).isEmpty();
        assertThat(ledger.balance(LedgerAccount.organisation(shop.organisationId()))).isEqualTo(before);

        // Through the API: JSON, and a file as one ride with a row from another pickup refused by row and column.
        Api api = api().login(shop.username(), Fixtures.PASSWORD);
        Api.Response bad = api.post("/api/v1/errand-rides", Map.of("pickup", Map.of("address", "Bakery", "latitude", lat, "longitude", lng),
                "stops", List.of(Map.of("dropoff", Map.of("address", "Canal 10", "latitude", lat, "longitude", lng + 0.01), "receiver", "Sam"))));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("stops");
        String csv = "pickup,dropoff,receiver,pickup_latitude,pickup_longitude,dropoff_latitude,dropoff_longitude\n"
                + "Bakery," + "Canal 10,Sam," + lat + "," + lng + "," + lat + "," + (lng + 0.01) + "\n"
                + "Bakery," + "Canal 20,Noor," + lat + "," + lng + "," + lat + "," + (lng + 0.02) + "\n"
                + "Other shop," + "Canal 30,Joris," + lat + "," + lng + "," + lat + "," + (lng + 0.03) + "\n";
        Api.Response refused = api.postRaw("/api/v1/errands/import?ride=true", "text/csv", csv.getBytes(StandardCharsets.UTF_8));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().at("/row").asInt()).isEqualTo(4);
        assertThat(refused.json().at("/columnName").asText()).isEqualTo("pickup");
        assertThat(errands.ofOrganisation(shop)).isEmpty();
        Api.Response booked = api.postRaw("/api/v1/errands/import?ride=true", "text/csv",
                csv.replace("Other shop", "Bakery").getBytes(StandardCharsets.UTF_8));
        assertThat(booked.status()).isEqualTo(201);
        assertThat(booked.json().size()).isEqualTo(3);
        assertThat(booked.json().at("/0/rideId").asLong()).isEqualTo(booked.json().at("/0/id").asLong());
        assertThat(booked.json().at("/2/stopNumber").asInt()).isEqualTo(3);
        // Another organisation does not see them.
        assertThat(api().login(fixtures.requester().username(), Fixtures.PASSWORD).get("/api/v1/errands/" + booked.json().at("/0/id").asLong()).status())
                .isEqualTo(404);
        // The requester's page of a stop says which stop of which ride it is.
        assertThat(new WebSession(port).login(shop).get("/requester/errands/" + booked.json().at("/1/id").asLong()).body())
                .contains("data-testid=\"ride-stop\"");
    }
}
