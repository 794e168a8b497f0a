package org.polder.errand;

import org.polder.common.Geo;
import org.polder.errand.internal.ErrandStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.LongPredicate;

/**
 * Stacking: a courier on the way to a pickup, or waiting at it, may take one more errand from the same pickup when its
 * drop-off costs their route less than a set detour and every stop stays on time. How many errands a courier carries at
 * once is set per zone (the pricing rules' {@code stackMax}) or for the platform ({@code polder.errand.stack-max}; 1 is no
 * stacking). The errand joins the courier's ride, and the ride's stops are put in route order again ({@link Route#insert}:
 * the stops already planned keep their order).
 */
@Component
class Stacking {

    /** A courier the errand fits: how much longer their route gets with it, and how many errands they would carry. */
    record Fit(long workerId, double extraKm, int carrying) {
    }

    private final JdbcClient jdbc;
    private final ErrandStore store;
    private final Pricing pricing;
    private final int stackMax;
    private final double detourKm;

    Stacking(JdbcClient jdbc, ErrandStore store, Pricing pricing, @Value("${polder.errand.stack-max:1}") int stackMax,
             @Value("${polder.errand.stack-detour-km:2}") double detourKm) {
        if (stackMax < 1 || stackMax > 10) {
            throw new IllegalArgumentException("polder.errand.stack-max must be 1 to 10, was " + stackMax);
        }
        if (detourKm < 0 || detourKm > 20) {
            throw new IllegalArgumentException("polder.errand.stack-detour-km must be 0 to 20, was " + detourKm);
        }
        this.jdbc = jdbc;
        this.store = store;
        this.pricing = pricing;
        this.stackMax = stackMax;
        this.detourKm = detourKm;
    }

    double detourKm() {
        return detourKm;
    }

    /** How many errands a courier may carry at once from this errand's pickup: its zone's setting, else the platform's. */
    int maxFor(Errand e) {
        return pricing.zonesAt(e.pickup().latitude(), e.pickup().longitude()).stream().map(PricingRules.Zone::stackMax)
                .filter(java.util.Objects::nonNull).findFirst().orElse(stackMax);
    }

    /**
     * The courier the errand fits best: one carrying errands from the same pickup (within 150 m) that are not picked up
     * yet, fewer than the most allowed, for whom it adds least to the route, within the detour and on time. {@code eligible}
     * checks the courier may be offered it now (on duty, no offer running, not refused the work).
     */
    Optional<Fit> fit(Errand e, Instant now, LongPredicate eligible) {
        int max = maxFor(e);
        if (max <= 1 || e.rideId() != null) {
            return Optional.empty();
        }
        double d = CourierTeams.STORE_KM / 111.2;
        List<Long> carriers = jdbc.sql("""
                        SELECT DISTINCT worker_id FROM errand WHERE state IN ('ACCEPTED', 'AT_PICKUP') AND worker_id IS NOT NULL
                          AND pickup_lat BETWEEN ? AND ? AND pickup_lng BETWEEN ? AND ? ORDER BY worker_id LIMIT 50""")
                .params(e.pickup().latitude() - d, e.pickup().latitude() + d, e.pickup().longitude() - 2 * d, e.pickup().longitude() + 2 * d)
                .query(Long.class).list();
        List<Fit> fits = new ArrayList<>();
        for (long w : carriers) {
            List<Errand> carrying = carrying(w);
            boolean samePickup = carrying.stream().allMatch(c -> (c.state() == Errand.State.ACCEPTED || c.state() == Errand.State.AT_PICKUP)
                    && Geo.km(c.pickup().latitude(), c.pickup().longitude(), e.pickup().latitude(), e.pickup().longitude()) <= CourierTeams.STORE_KM);
            if (carrying.isEmpty() || carrying.size() >= max || !samePickup) {
                continue;
            }
            List<Route.Stop> planned = carrying.stream().map(Stacking::stop).toList();
            Route.Plan before = Route.evaluate(e.pickup().latitude(), e.pickup().longitude(), now, planned);
            Route.Plan after = Route.insert(e.pickup().latitude(), e.pickup().longitude(), now, planned, List.of(stop(e)));
            double extra = after.km() - before.km();
            if (extra <= detourKm && after.lateMinutes() <= before.lateMinutes()) {
                fits.add(new Fit(w, extra, carrying.size()));
            }
        }
        return fits.stream().sorted(Comparator.comparingDouble(Fit::extraKm)).filter(f -> eligible.test(f.workerId())).findFirst();
    }

    /** The errands the courier carries now, in the order of their route. */
    List<Errand> carrying(long workerId) {
        return jdbc.sql("""
                        SELECT id FROM errand WHERE worker_id = ? AND state IN ('ACCEPTED', 'AT_PICKUP', 'PICKED_UP', 'AT_DROPOFF')
                        ORDER BY COALESCE(stop_number, 0), id""")
                .param(workerId).query(Long.class).list().stream().map(store::get).toList();
    }

    /**
     * The errand the courier just took joins the ride of what they carry (the first of it leads), and the stops are
     * numbered in route order: the ones planned keep their order, the new one where it adds least.
     */
    void join(Errand taken, long workerId, Instant now) {
        List<Errand> others = carrying(workerId).stream().filter(c -> c.id() != taken.id()).toList();
        if (others.isEmpty()) {
            return;
        }
        long lead = others.get(0).rideId() != null ? others.get(0).rideId() : others.get(0).id();
        Route.Plan plan = Route.insert(taken.pickup().latitude(), taken.pickup().longitude(), now,
                others.stream().map(Stacking::stop).toList(), List.of(stop(taken)));
        for (int i = 0; i < plan.stops().size(); i++) {
            jdbc.sql("UPDATE errand SET ride_id = ?, stop_number = ? WHERE id = ?").params(lead, i + 1, plan.stops().get(i).id()).update();
        }
    }

    private static Route.Stop stop(Errand e) {
        return new Route.Stop(e.id(), e.dropoff().latitude(), e.dropoff().longitude(), e.windowEnd(), null);
    }
}
