package org.polder.errand;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RouteTests {

    static final Instant NOON = Instant.parse("2026-12-07T11:00:00Z");
    static final double LAT = 52.37;
    static final double LNG = 4.90;

    static double north(double km) {
        return LAT + km / 111.2;
    }

    static double east(double km) {
        return LNG + km / (111.2 * Math.cos(Math.toRadians(LAT)));
    }

    @Test
    void stopsAlongOneLineAreRiddenInOrder() {
        List<Route.Stop> stops = List.of(new Route.Stop(3, north(3), LNG, null, null), new Route.Stop(1, north(1), LNG, null, null),
                new Route.Stop(2, north(2), LNG, null, null));
        Route.Plan p = Route.plan(LAT, LNG, NOON, stops);
        assertThat(p.stops()).extracting(Route.Stop::id).containsExactly(1L, 2L, 3L);
        assertThat(p.km()).isCloseTo(3.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(p.onTime()).isTrue();
        // 1 km at 15 km/h is 4 minutes; each stop takes 3 more.
        assertThat(Duration.between(NOON, p.arrivals().get(1))).isEqualTo(Duration.ofMinutes(4 + 3 + 4));
    }

    @Test
    void anUrgentStopFurtherAwayComesFirstWhenWaitingWouldMakeItLate() {
        // South 2 km due in 10 minutes; north 1 km with no deadline: nearest first would reach the south stop after 4 + 3 + 12 minutes.
        List<Route.Stop> stops = List.of(new Route.Stop(1, north(1), LNG, null, null), new Route.Stop(2, north(-2), LNG, NOON.plus(Duration.ofMinutes(10)), null));
        Route.Plan p = Route.plan(LAT, LNG, NOON, stops);
        assertThat(p.stops()).extracting(Route.Stop::id).containsExactly(2L, 1L);
        assertThat(p.onTime()).isTrue();
        assertThat(Route.evaluate(LAT, LNG, NOON, List.of(stops.get(0), stops.get(1))).lateMinutes()).isPositive();
    }

    @Test
    void aDropOffNeverComesBeforeItsPickupAndTheHeuristicIsCloseToTheBestOrder() {
        Random random = new Random(7);
        double ratios = 0;
        int instances = 200;
        for (int n = 0; n < instances; n++) {
            List<Route.Stop> stops = new ArrayList<>();
            for (int e = 0; e < 3; e++) {
                long pickup = e * 2L + 1;
                stops.add(new Route.Stop(pickup, north(random.nextDouble(-3, 3)), east(random.nextDouble(-3, 3)), null, null));
                Instant due = random.nextBoolean() ? null : NOON.plus(Duration.ofMinutes(20 + random.nextInt(60)));
                stops.add(new Route.Stop(pickup + 1, north(random.nextDouble(-3, 3)), east(random.nextDouble(-3, 3)), due, pickup));
            }
            Route.Plan heuristic = Route.plan(LAT, LNG, NOON, stops);
            Route.Plan best = Route.exact(LAT, LNG, NOON, stops);
            for (Route.Plan p : List.of(heuristic, best)) {
                List<Long> ids = p.stops().stream().map(Route.Stop::id).toList();
                for (Route.Stop s : stops) {
                    if (s.after() != null) {
                        assertThat(ids.indexOf(s.after())).as("pickup before drop-off").isLessThan(ids.indexOf(s.id()));
                    }
                }
                assertThat(ids).hasSize(6).doesNotHaveDuplicates();
            }
            assertThat(Route.cost(best)).isLessThanOrEqualTo(Route.cost(heuristic) + 1e-9);
            ratios += Route.cost(heuristic) / Route.cost(best);
        }
        assertThat(ratios / instances).as("mean cost of the heuristic against the best order").isLessThan(1.05);
    }

    @Test
    void insertingKeepsThePlannedOrderAndRefusesNonsense() {
        List<Route.Stop> planned = List.of(new Route.Stop(1, north(1), LNG, null, null), new Route.Stop(2, north(3), LNG, null, null));
        Route.Plan p = Route.insert(LAT, LNG, NOON, planned, List.of(new Route.Stop(9, north(2), LNG, null, null)));
        assertThat(p.stops()).extracting(Route.Stop::id).containsExactly(1L, 9L, 2L);
        assertThatThrownBy(() -> Route.plan(LAT, LNG, NOON, List.of(new Route.Stop(1, LAT, LNG, null, 5L)))).hasMessageContaining("not on the route");
        List<Route.Stop> ten = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ten.add(new Route.Stop(i, north(i), LNG, null, null));
        }
        assertThatThrownBy(() -> Route.exact(LAT, LNG, NOON, ten)).hasMessageContaining("At most 9");
    }
}
