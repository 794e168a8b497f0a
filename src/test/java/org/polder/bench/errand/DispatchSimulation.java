package org.polder.bench.errand;

import org.polder.common.Geo;
import org.polder.errand.GeoIndex;
import org.polder.errand.Route;
import org.polder.errand.SimulatedCity;
import org.polder.errand.internal.H3GeoIndex;
import org.polder.errand.internal.Matching;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Greedy nearest, batch matching and stacking, in the same simulated city with the same couriers and the same errands
 * (same seed): couriers ride, errands arrive at a set rate from one of the city's shops, and each second either every new
 * errand takes the nearest free courier in turn (greedy), or all waiting errands are matched with all free couriers for
 * the least total distance (batch, as {@code Dispatch.round} does), or, before that matching, an errand joins a courier
 * already on the way to the same shop when it adds at most the detour to their route and keeps their stops on time
 * (stacked, as {@code Stacking} does, up to {@link #STACK_MAX} errands at once; each courier's stops ordered by
 * {@link Route}). Couriers accept at once; the simulation compares the choice, not the answers. For couriers it also
 * reports pay per hour on duty (every delivered errand paid as the default pricing rules pay it: a base and a price per
 * km from pickup to drop-off, in a straight line) and the share of duty time spent waiting for work.
 */
final class DispatchSimulation {

    enum Mode { GREEDY, BATCH, STACKED }

    record Result(String mode, int couriers, int served, int arrived, int dropped, double meanPickupKm, double p90PickupKm, double meanWaitS,
                  double p90WaitS, int delivered, long payPerDutyHourCents, double waitingShare, double errandsPerRide) {
    }

    /** The default pricing rules' base and price per km, in cents (a zone or the time of day may add to them). */
    static final long BASE_CENTS = 350;
    static final long PER_KM_CENTS = 120;

    private static final int CANDIDATES = 30;
    static final double CITY_KM = 3;
    /** Where errands are picked up: restaurants, shops, a bakery. */
    static final int SHOPS = 25;
    /** An errand nobody took within this many seconds is given up (its time window ended). */
    private static final int GIVE_UP_S = 900;
    /** When an errand must be delivered: this long after it was booked. */
    private static final int DUE_S = 2700;
    static final int STACK_MAX = 2;
    static final double DETOUR_KM = 2;

    static Result run(Mode mode, int couriers, double errandsPerSecond, int seconds, double searchKm, long seed) {
        SimulatedCity city = new SimulatedCity(52.37, 4.90, CITY_KM, seed);
        List<SimulatedCity.Rider> riders = new ArrayList<>();
        for (int i = 0; i < couriers; i++) {
            riders.add(city.rider());
        }
        double[][] shops = new double[SHOPS][];
        for (int i = 0; i < SHOPS; i++) {
            shops[i] = city.place();
        }
        java.util.Random choose = new java.util.Random(seed);
        GeoIndex index = new H3GeoIndex();
        // Each courier's stops still to ride, in order: errand e's pickup has id 2e, its drop-off 2e + 1.
        List<List<Route.Stop>> route = new ArrayList<>();
        for (int i = 0; i < couriers; i++) {
            route.add(new ArrayList<>());
        }
        List<double[][]> errands = new ArrayList<>();   // {pickup, dropoff}
        List<Integer> shopOf = new ArrayList<>();
        List<Integer> arrivedAt = new ArrayList<>();
        List<Integer> waiting = new ArrayList<>();
        List<Double> pickupKm = new ArrayList<>();
        List<Double> waits = new ArrayList<>();
        double owed = 0;
        int dropped = 0;
        int delivered = 0;
        int rides = 0;
        long paid = 0;
        long freeSeconds = 0;
        for (int t = 0; t < seconds; t++) {
            for (int c = 0; c < couriers; c++) {
                SimulatedCity.Rider r = riders.get(c);
                List<Route.Stop> stops = route.get(c);
                if (r.ride(1)) {
                    if (!stops.isEmpty()) {
                        Route.Stop reached = stops.remove(0);
                        int e = (int) (reached.id() / 2);
                        if (reached.id() % 2 == 0) {
                            waits.add((double) (t - arrivedAt.get(e)));
                        } else {
                            double[][] done = errands.get(e);
                            delivered++;
                            paid += BASE_CENTS + Math.round(PER_KM_CENTS * km(done[0], done[1]));
                        }
                    }
                    r.target = stops.isEmpty() ? city.place() : new double[]{stops.get(0).latitude(), stops.get(0).longitude()};
                }
                if (stops.isEmpty()) {
                    freeSeconds++;
                    index.put(c, r.lat, r.lng);
                } else {
                    index.remove(c);
                }
            }
            owed += errandsPerSecond;
            for (; owed >= 1; owed--) {
                int shop = choose.nextInt(SHOPS);
                errands.add(new double[][]{shops[shop], city.place()});
                shopOf.add(shop);
                arrivedAt.add(t);
                waiting.add(errands.size() - 1);
            }
            int now = t;
            int before = waiting.size();
            waiting.removeIf(e -> now - arrivedAt.get(e) > GIVE_UP_S);
            dropped += before - waiting.size();
            if (mode == Mode.STACKED) {
                for (Iterator<Integer> it = waiting.iterator(); it.hasNext(); ) {
                    int e = it.next();
                    int c = stackOnto(e, riders, route, shopOf, errands, arrivedAt, t);
                    if (c >= 0) {
                        SimulatedCity.Rider r = riders.get(c);
                        pickupKm.add(km(new double[]{r.lat, r.lng}, errands.get(e)[0]));
                        it.remove();
                    }
                }
            }
            if (waiting.isEmpty()) {
                continue;
            }
            // Candidates of every waiting errand, in arrival order.
            Map<Long, Integer> column = new LinkedHashMap<>();
            List<List<GeoIndex.Near>> near = new ArrayList<>();
            for (int e : waiting) {
                double[] p = errands.get(e)[0];
                List<GeoIndex.Near> list = index.nearest(p[0], p[1], CANDIDATES, searchKm);
                near.add(list);
                list.forEach(n -> column.putIfAbsent(n.workerId(), column.size()));
            }
            double[][] cost = new double[waiting.size()][column.size()];
            for (int i = 0; i < cost.length; i++) {
                Arrays.fill(cost[i], Matching.NONE);
                for (GeoIndex.Near n : near.get(i)) {
                    cost[i][column.get(n.workerId())] = n.km();
                }
            }
            int[] match = mode == Mode.GREEDY ? Matching.greedy(cost) : Matching.optimal(cost);
            List<Long> ids = new ArrayList<>(column.keySet());
            Iterator<Integer> it = waiting.iterator();
            for (int i = 0; it.hasNext(); i++) {
                int e = it.next();
                if (match[i] < 0) {
                    continue;
                }
                int c = (int) (long) ids.get(match[i]);
                route.get(c).add(pickupStop(e, errands));
                route.get(c).add(dropoffStop(e, errands, arrivedAt));
                riders.get(c).target = errands.get(e)[0];
                pickupKm.add(cost[i][match[i]]);
                rides++;
                index.remove(c);
                it.remove();
            }
        }
        double dutyHours = couriers * (seconds / 3600.0);
        return new Result(mode.name().toLowerCase(java.util.Locale.ROOT), couriers, waits.size(), errands.size(), dropped, mean(pickupKm), p90(pickupKm),
                mean(waits), p90(waits), delivered, Math.round(paid / dutyHours), (double) freeSeconds / ((long) couriers * seconds),
                rides == 0 ? Double.NaN : (double) pickupKm.size() / rides);
    }

    /**
     * The courier the errand joins, if any: one on the way to the same shop (its pickup still ahead of them), carrying
     * fewer than {@link #STACK_MAX} errands, for whom it adds least to the route, within the detour and without making
     * any stop later. Their route becomes the new one; -1 when it fits nobody.
     */
    private static int stackOnto(int e, List<SimulatedCity.Rider> riders, List<List<Route.Stop>> route, List<Integer> shopOf,
                                 List<double[][]> errands, List<Integer> arrivedAt, int t) {
        int best = -1;
        Route.Plan bestPlan = null;
        double bestExtra = Double.MAX_VALUE;
        Instant now = Instant.ofEpochSecond(t);
        for (int c = 0; c < route.size(); c++) {
            List<Route.Stop> stops = route.get(c);
            if (stops.isEmpty()) {
                continue;
            }
            long carrying = stops.stream().map(s -> s.id() / 2).distinct().count();
            boolean samePickupAhead = stops.stream().anyMatch(s -> s.id() % 2 == 0 && shopOf.get((int) (s.id() / 2)).equals(shopOf.get(e)));
            if (carrying >= STACK_MAX || !samePickupAhead) {
                continue;
            }
            SimulatedCity.Rider r = riders.get(c);
            Route.Plan before = Route.evaluate(r.lat, r.lng, now, stops);
            Route.Plan after = Route.insert(r.lat, r.lng, now, stops, List.of(pickupStop(e, errands), dropoffStop(e, errands, arrivedAt)));
            double extra = after.km() - before.km();
            if (extra <= DETOUR_KM && after.lateMinutes() <= before.lateMinutes() && extra < bestExtra) {
                best = c;
                bestPlan = after;
                bestExtra = extra;
            }
        }
        if (best >= 0) {
            route.set(best, new ArrayList<>(bestPlan.stops()));
            Route.Stop next = bestPlan.stops().get(0);
            riders.get(best).target = new double[]{next.latitude(), next.longitude()};
        }
        return best;
    }

    private static Route.Stop pickupStop(int e, List<double[][]> errands) {
        double[] p = errands.get(e)[0];
        return new Route.Stop(2L * e, p[0], p[1], null, null);
    }

    private static Route.Stop dropoffStop(int e, List<double[][]> errands, List<Integer> arrivedAt) {
        double[] d = errands.get(e)[1];
        return new Route.Stop(2L * e + 1, d[0], d[1], Instant.ofEpochSecond(arrivedAt.get(e) + DUE_S), 2L * e);
    }

    private static double mean(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    private static double p90(List<Double> xs) {
        double[] s = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return s.length == 0 ? Double.NaN : s[(int) Math.min(s.length - 1, Math.floor(s.length * 0.9))];
    }

    static double km(double[] a, double[] b) {
        return Geo.km(a[0], a[1], b[0], b[1]);
    }

    /** Runs the simulation alone: {@code DispatchSimulation [couriers]}. */
    public static void main(String[] args) {
        int couriers = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        for (Mode mode : Mode.values()) {
            System.out.println(run(mode, couriers, 0.1, 4 * 3600, 3, 7));
        }
    }

    private DispatchSimulation() {
    }
}
