package org.polder.bench.errand;

import org.polder.common.Geo;
import org.polder.errand.GeoIndex;
import org.polder.errand.SimulatedCity;
import org.polder.errand.internal.H3GeoIndex;
import org.polder.errand.internal.Matching;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Greedy nearest against batch matching, in the same simulated city with the same couriers and the same
 * errands (same seed): couriers ride, errands arrive at a set rate, and each second either every new
 * errand takes the nearest free courier in turn (greedy) or all waiting errands are matched with all
 * free couriers for the least total distance (batch, as {@code Dispatch.round} does). Couriers accept at
 * once; the simulation compares the choice, not the answers. For couriers it also reports pay per hour on duty (every
 * delivered errand paid as the default pricing rules pay it: a base and a price per km from pickup to drop-off, in a
 * straight line) and the share of duty time spent waiting for work, unpaid unless the hourly minimum tops it up.
 */
final class DispatchSimulation {

    record Result(String mode, int couriers, int served, int arrived, int dropped, double meanPickupKm, double p90PickupKm, double meanWaitS,
                  double p90WaitS, int delivered, long payPerDutyHourCents, double waitingShare) {
    }

    /** The default pricing rules' base and price per km, in cents (a zone or the time of day may add to them). */
    static final long BASE_CENTS = 350;
    static final long PER_KM_CENTS = 120;

    private static final int CANDIDATES = 30;
    static final double CITY_KM = 3;
    /** An errand nobody took within this many seconds is given up (its time window ended). */
    private static final int GIVE_UP_S = 900;

    static Result run(boolean batch, int couriers, double errandsPerSecond, int seconds, double searchKm, long seed) {
        SimulatedCity city = new SimulatedCity(52.37, 4.90, CITY_KM, seed);
        List<SimulatedCity.Rider> riders = new ArrayList<>();
        for (int i = 0; i < couriers; i++) {
            riders.add(city.rider());
        }
        GeoIndex index = new H3GeoIndex();
        // A courier's job: -1 free; else the errand, and whether they are on the way to its pickup or its drop-off.
        int[] job = new int[couriers];
        boolean[] toPickup = new boolean[couriers];
        Arrays.fill(job, -1);
        List<double[][]> errands = new ArrayList<>();   // {pickup, dropoff}
        List<Integer> arrivedAt = new ArrayList<>();
        List<Integer> waiting = new ArrayList<>();
        List<Double> pickupKm = new ArrayList<>();
        List<Double> waits = new ArrayList<>();
        double owed = 0;
        int dropped = 0;
        int delivered = 0;
        long paid = 0;
        long freeSeconds = 0;
        for (int t = 0; t < seconds; t++) {
            for (int c = 0; c < couriers; c++) {
                SimulatedCity.Rider r = riders.get(c);
                if (r.ride(1)) {
                    if (job[c] < 0) {
                        r.target = city.place();          // free: keep riding about
                    } else if (toPickup[c]) {
                        waits.add((double) (t - arrivedAt.get(job[c])));
                        toPickup[c] = false;
                        r.target = errands.get(job[c])[1];
                    } else {
                        double[][] done = errands.get(job[c]);
                        delivered++;
                        paid += BASE_CENTS + Math.round(PER_KM_CENTS * km(done[0], done[1]));
                        job[c] = -1;
                        r.target = city.place();
                    }
                }
                if (job[c] < 0) {
                    freeSeconds++;
                    index.put(c, r.lat, r.lng);
                } else {
                    index.remove(c);
                }
            }
            owed += errandsPerSecond;
            for (; owed >= 1; owed--) {
                errands.add(new double[][]{city.place(), city.place()});
                arrivedAt.add(t);
                waiting.add(errands.size() - 1);
            }
            int now = t;
            int before = waiting.size();
            waiting.removeIf(e -> now - arrivedAt.get(e) > GIVE_UP_S);
            dropped += before - waiting.size();
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
            int[] match = batch ? Matching.optimal(cost) : Matching.greedy(cost);
            List<Long> ids = new ArrayList<>(column.keySet());
            Iterator<Integer> it = waiting.iterator();
            for (int i = 0; it.hasNext(); i++) {
                int e = it.next();
                if (match[i] < 0) {
                    continue;
                }
                int c = (int) (long) ids.get(match[i]);
                job[c] = e;
                toPickup[c] = true;
                riders.get(c).target = errands.get(e)[0];
                pickupKm.add(cost[i][match[i]]);
                index.remove(c);
                it.remove();
            }
        }
        double dutyHours = couriers * (seconds / 3600.0);
        return new Result(batch ? "batch" : "greedy", couriers, waits.size(), errands.size(), dropped, mean(pickupKm), p90(pickupKm), mean(waits),
                p90(waits), delivered, Math.round(paid / dutyHours), (double) freeSeconds / ((long) couriers * seconds));
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
        for (boolean batch : new boolean[]{false, true}) {
            System.out.println(run(batch, couriers, 0.1, 4 * 3600, 3, 7));
        }
    }

    private DispatchSimulation() {
    }
}
