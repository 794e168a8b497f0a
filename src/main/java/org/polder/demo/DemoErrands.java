package org.polder.demo;

import org.polder.account.Accounts;
import org.polder.account.CurrentUser;
import org.polder.common.Rewindable;
import org.polder.address.Addresses;
import org.polder.account.Organisation;
import org.polder.errand.Delivery;
import org.polder.errand.Dispatch;
import org.polder.errand.Duty;
import org.polder.errand.Errand;
import org.polder.errand.Errands;
import org.polder.errand.Place;
import org.polder.errand.PricingRules;
import org.polder.errand.SimulatedCity;
import org.polder.ledger.Funding;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.time.Clock;
import java.util.List;

/**
 * Errands in the demo: a bakery in Amsterdam, a proposed city-centre zone open for comment, bram's morning rounds
 * through the {@link SimulatedCity} (today's and, through {@link DemoHistory}, a month of them), and one errand
 * waiting for a courier, which is offered to the first demo worker who goes on duty within 10 km and sends a
 * position (typed in on the courier page, e.g. 52.372, 4.893).
 */
@Component
class DemoErrands {

    static final String BAKERY = "Bakkerij Zon";

    private final Accounts accounts;
    private final Funding funding;
    private final org.polder.voice.Consultations consultations;
    private final tools.jackson.databind.json.JsonMapper json;
    private final Errands errands;
    private final org.polder.errand.CourierTeams teams;
    private final Dispatch dispatch;
    private final Delivery delivery;
    private final Duty duty;
    private final Clock clock;
    private final Addresses addresses;

    DemoErrands(org.polder.errand.CourierTeams teams, Addresses addresses, Accounts accounts, Funding funding, org.polder.voice.Consultations consultations, tools.jackson.databind.json.JsonMapper json, Errands errands, Dispatch dispatch, Delivery delivery, Duty duty, Clock clock) {
        this.addresses = addresses;
        this.accounts = accounts;
        this.funding = funding;
        this.consultations = consultations;
        this.json = json;
        this.errands = errands;
        this.dispatch = dispatch;
        this.delivery = delivery;
        this.duty = duty;
        this.teams = teams;
        this.clock = clock;
    }

    private static final String[] RECEIVERS = {"Femke de Boer", "Joris Smit", "Noor El Idrissi", "Pieter Mulder", "Sanne Kok",
            "Ahmed Bouali", "Lotte Dekker"};
    private static final String[] STREETS = {"Kerkstraat", "Prinsengracht", "Spuistraat", "Lindengracht", "Utrechtsestraat",
            "Bloemgracht", "Westerstraat", "Elandsgracht", "Vijzelstraat"};

    /**
     * The rider rides to the place, the courier's phone sending a position every 30 seconds of the ride; on the
     * platform's clock those 30 seconds pass, so that the rides take the time rides take.
     */
    private void ride(CurrentUser courier, SimulatedCity.Rider rider, double[] to) {
        rider.target = to;
        while (!rider.ride(30)) {
            pass(Duration.ofSeconds(30));
            duty.position(courier, rider.lat, rider.lng);
        }
        duty.position(courier, rider.lat, rider.lng);
    }

    private void pass(Duration time) {
        if (clock instanceof Rewindable rewindable) {
            rewindable.pass(time);
        }
    }

    /** The bakery's money and its own address, saved so that its errands start there without typing it. */
    Place setUp(CurrentUser admin, Organisation bakery) {
        funding.fund(admin.id(), bakery.id(), 100_000, "Demo funds");
        CurrentUser sara = accounts.byUsername("sara").orElseThrow();
        Place shop = new Place("Haarlemmerstraat 50, 1013 EM Amsterdam", 52.3813, 4.8886);
        org.polder.address.Addresses.Saved saved = addresses.save(sara, BAKERY, shop.address(), shop.latitude(), shop.longitude(), java.util.Locale.ENGLISH);
        // Bram rides for the bakery every morning: he joined its team and is its shop's default courier; Dewi is invited.
        CurrentUser bram = accounts.byUsername("bram").orElseThrow();
        teams.invite(sara, bram.username());
        teams.join(bram, bakery.id());
        teams.setStoreCouriers(sara, saved.id(), List.of(bram.id()));
        teams.invite(sara, "dewi");
        return shop;
    }

    /**
     * Bram's morning round from the platform's present time: he goes on duty, rides {@code count} errands from the
     * bakery through the simulated city (his phone sending positions on the way, each delivered with the
     * receiver's PIN, a few minutes' paid wait between them) and goes off duty.
     */
    void round(Place shop, int count, long seed) {
        CurrentUser sara = accounts.byUsername("sara").orElseThrow();
        CurrentUser bram = accounts.byUsername("bram").orElseThrow();
        SimulatedCity city = new SimulatedCity(shop.latitude(), shop.longitude(), 2.5, seed);
        SimulatedCity.Rider rider = city.rider();
        duty.goOnDuty(bram);
        duty.position(bram, rider.lat, rider.lng);
        for (int i = 0; i < count; i++) {
            double[] to = city.place();
            int n = (int) ((seed + i) % STREETS.length);
            Errand e = errands.book(sara, new Errands.ErrandSpec(shop, new Place(STREETS[n] + " " + (10 + 17 * i) + ", Amsterdam", to[0], to[1]),
                    RECEIVERS[n % RECEIVERS.length], null, null, n == 0 ? "A birthday cake: keep it flat" : "Bread and pastries",
                    Errand.Proof.PIN, null));
            dispatch.accept(bram, dispatch.current(bram).orElseThrow().id());
            ride(bram, rider, new double[]{shop.latitude(), shop.longitude()});
            delivery.advance(bram, e.id(), Errand.State.AT_PICKUP);
            delivery.advance(bram, e.id(), Errand.State.PICKED_UP);
            ride(bram, rider, to);
            delivery.advance(bram, e.id(), Errand.State.AT_DROPOFF);
            delivery.deliver(bram, e.id(), new Delivery.Proof(e.pin(), null, null));
            pass(Duration.ofMinutes(4));   // a few minutes' wait for the next order, on duty and paid
        }
        pass(Duration.ofMinutes(6));
        duty.goOffDuty(bram);
    }

    /**
     * Today: a change of the pricing rules open for comment, bram's round of this morning (the clock set back
     * while it is seeded) and an errand waiting for a courier all day.
     */
    void today(CurrentUser admin, Place shop) {
        // A change of the pricing rules is open for comment, as every change is: a Centrum zone.
        PricingRules withCentrum = new PricingRules(350L, 120L, 50,
                List.of(new PricingRules.Zone("Centrum", List.of(List.of(52.3840, 4.8780), List.of(52.3840, 4.9180), List.of(52.3600, 4.9180),
                        List.of(52.3600, 4.8780)), 100L, 1600L, 2)),
                List.of(new PricingRules.TimeBand("18:00", "22:00", 10), new PricingRules.TimeBand("22:00", "06:00", 25)));
        consultations.propose(admin, "errand.pricing", json.writeValueAsString(withCentrum),
                "Errands in the Centrum cost couriers more time in traffic: €1.00 more per errand there, and at least €16.00 "
                        + "for every hour on duty spent mostly there. A courier may carry two errands at once from a pickup there, "
                        + "when the second adds at most 2 km to the route and both stay on time.", null);
        if (clock instanceof Rewindable rewindable) {
            rewindable.setBack(Duration.ofHours(3));
            round(shop, 4, 11);
            rewindable.reset();
        } else {
            round(shop, 4, 11);
        }
        CurrentUser sara = accounts.byUsername("sara").orElseThrow();
        Instant now = clock.instant();
        errands.book(sara, new Errands.ErrandSpec(shop, new Place("Czaar Peterstraat 80, Amsterdam", 52.3668, 4.9284), "Youssef Amrani",
                now, now.plus(Duration.ofHours(24)), "Two loaves and a bag of rolls", Errand.Proof.PIN, null));
    }
}
