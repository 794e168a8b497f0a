package org.polder.errand;

import org.junit.jupiter.api.Test;
import org.polder.account.CurrentUser;
import org.polder.testing.Api;
import org.polder.testing.Fixtures;
import org.polder.testing.PolderIT;
import org.polder.testing.WebSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where and when work is: the last weeks' errands per area and hour of the week, and couriers' pay per hour on duty,
 * from aggregates only (an area from three errands, pay from three couriers).
 */
class DemandIT extends PolderIT {

    static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");

    @Autowired Demand demand;
    @Autowired Errands errands;
    @Autowired Dispatch dispatch;
    @Autowired Delivery delivery;
    @Autowired Duty duty;
    @Autowired JdbcClient jdbc;

    @Test
    void areasFromThreeErrandsAndPayFromThreeCouriers() throws Exception {
        // Weeks after every other test's errands and duty (couriers left on duty end at their last position, as silent
        // phones do), at the start of an hour, so that all of this happens within one hour of the week.
        clock.advance(Duration.ofDays(60));
        duty.endSilentDuty();
        ZonedDateTime next = clock.instant().atZone(ZONE).truncatedTo(ChronoUnit.HOURS).plusHours(1).plusMinutes(1);
        clock.advance(Duration.between(clock.instant(), next.toInstant()));
        double lat = ThreadLocalRandom.current().nextDouble(-50, 50);
        double lng = ThreadLocalRandom.current().nextDouble(-150, 150);
        CurrentUser bakery = fixtures.requester();
        CurrentUser florist = fixtures.requester();
        fixtures.fund(bakery, 100_000);
        fixtures.fund(florist, 100_000);
        Place bakeryAt = new Place("Bakery, Main Street 1", lat, lng);

        // Two couriers on duty deliver two of the bakery's errands; the florist, far off, has one errand.
        List<CurrentUser> couriers = List.of(fixtures.worker(), fixtures.worker(), fixtures.worker());
        onDuty(couriers.get(0), lat, lng);   // waiting at the bakery: their time on duty counts in its area
        onDuty(couriers.get(1), lat, lng);
        deliver(bakery, bakeryAt, couriers, lat, lng);
        deliver(bakery, bakeryAt, couriers, lat, lng);
        duty.goOffDuty(couriers.get(0));
        duty.goOffDuty(couriers.get(1));
        errands.book(florist, new Errands.ErrandSpec(new Place("Florist, Canal 5", lat + 0.5, lng), new Place("Flat 9", lat + 0.51, lng),
                "Kim", null, null, "", Errand.Proof.PIN, null));
        CurrentUser asking = fixtures.worker();
        Demand.Picture soFar = later(asking, next);
        assertThat(soFar.areas()).isEmpty();   // two errands make no area yet
        assertThat(soFar.hours().get(next.getHour()).earnedPerHourOnDuty()).isNull();   // two couriers are too few to say

        clock.setBack(Duration.ofDays(7).plusMinutes(1));   // back to the same hour of the week: a third courier, a third errand
        onDuty(couriers.get(2), lat, lng);
        deliver(bakery, bakeryAt, couriers, lat, lng);
        clock.advance(Duration.ofMinutes(20));   // waiting for the next one
        duty.goOffDuty(couriers.get(2));
        assertThat(clock.instant().atZone(ZONE).getHour()).as("still the same hour").isEqualTo(next.getHour());
        Demand.Picture picture = later(asking, next);
        assertThat(picture.areas()).singleElement().satisfies(a -> {
            assertThat(a.near()).isEqualTo("Bakery, Main Street 1");
            assertThat(a.errandsPerWeek()).isEqualTo(0.75);   // three errands in four weeks
            // Its hexagon: six corners around its middle, the bakery inside.
            assertThat(a.boundary()).hasSize(6);
            assertThat(a.boundary()).allSatisfy(c -> assertThat(org.polder.common.Geo.km(c.get(0), c.get(1), a.latitude(), a.longitude())).isLessThan(1.0));
        });
        // Couriers' pay per hour on duty at that hour: all they were paid over all their time on duty then.
        long paid = jdbc.sql("SELECT SUM(pay) FROM errand WHERE organisation_id = ? AND state = 'DELIVERED'").param(bakery.organisationId())
                .query(Long.class).single();
        double seconds = couriers.stream().mapToDouble(c -> jdbc.sql("SELECT started_at, ended_at FROM courier_duty_session WHERE worker_id = ?")
                .param(c.id()).query((rs, n) -> Duration.between(rs.getTimestamp(1).toInstant(), rs.getTimestamp(2).toInstant()).getSeconds())
                .list().stream().mapToLong(Long::longValue).sum()).sum();
        assertThat(picture.hours().get(next.getHour()).earnedPerHourOnDuty().cents()).isEqualTo(Math.round(paid * 3600 / seconds));
        // And in the bakery's area: what its errands paid over the time couriers spent on duty there (70 minutes by three couriers),
        // from aggregates that name nobody.
        Demand.Area area = picture.areas().get(0);
        long inArea = jdbc.sql("SELECT SUM(seconds) FROM demand_duty WHERE cell = ?").param(area.cell()).query(Long.class).single();
        assertThat(inArea).isEqualTo(70 * 60);
        assertThat(area.earnedPerHourOnDuty().cents()).isEqualTo(Math.round(paid * 3600.0 / inArea));
        assertThat(picture.hours().get(next.getHour()).errandsPerWeek()).isGreaterThanOrEqualTo(1.0);

        // Through the API and on the phone page; requesters have no such page.
        Api api = api().login(asking.username(), Fixtures.PASSWORD);
        assertThat(api.get("/api/v1/me/demand?day=" + next.getDayOfWeek() + "&hour=" + next.getHour()).json().at("/areas/0/near").asText())
                .isEqualTo("Bakery, Main Street 1");
        assertThat(api().login(bakery.username(), Fixtures.PASSWORD).get("/api/v1/me/demand").status()).isEqualTo(403);
        String page = new WebSession(port).login(asking).get("/courier/demand?day=" + next.getDayOfWeek() + "&hour=" + next.getHour()).body();
        assertThat(page).contains("data-testid=\"area\"").contains("Bakery, Main Street 1").contains("data-testid=\"area-map\"")
                .contains("data-testid=\"area-earned\"");
        assertThat(new WebSession(port).login(asking).get("/courier").body()).contains("data-testid=\"demand-link\"");
    }

    /** The picture a week and a bit after {@code at}, for its day and hour. */
    private Demand.Picture later(CurrentUser courier, ZonedDateTime at) {
        clock.advance(Duration.ofDays(7).plusMinutes(1));
        return demand.at(courier, at.getDayOfWeek(), at.getHour());
    }

    private void onDuty(CurrentUser courier, double lat, double lng) {
        duty.goOnDuty(courier);
        duty.position(courier, lat, lng);
    }

    /** The nearest free courier on duty takes and delivers one of the shop's errands in ten minutes. */
    private void deliver(CurrentUser shop, Place from, List<CurrentUser> couriers, double lat, double lng) {
        Errand e = errands.book(shop, new Errands.ErrandSpec(from, new Place("Flat 3, Canal 20", lat - 0.01, lng + 0.01), "Sam", null, null, "",
                Errand.Proof.PIN, null));
        CurrentUser courier = couriers.stream().filter(c -> dispatch.current(c).isPresent()).findFirst().orElseThrow();
        dispatch.accept(courier, dispatch.current(courier).orElseThrow().id());
        delivery.advance(courier, e.id(), Errand.State.AT_PICKUP);
        delivery.advance(courier, e.id(), Errand.State.PICKED_UP);
        clock.advance(Duration.ofMinutes(10));
        delivery.deliver(courier, e.id(), new Delivery.Proof(e.pin(), null, null));
    }
}
