package org.polder.bench.errand;

import org.polder.errand.Route;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Polder's route heuristic ({@link Route#plan}) against the best order ({@link Route#exact}, every order tried) on the same
 * rides: one pickup and n drop-offs scattered within 3 km, half of them due within 20 to 80 minutes. Reports the mean and
 * worst ratio of the heuristic's cost (km, and far more per minute late) to the best, how often it finds the best order,
 * how often it is late where the best order is not, and the time each takes per ride.
 */
final class RouteComparison {

    record Row(int stops, int rides, double meanRatio, double worstRatio, double sameShare, int lateWhereBestOnTime, double heuristicMicros,
               double exactMicros) {
    }

    static Row run(int stops, int rides, long seed) {
        Random random = new Random(seed);
        Instant noon = Instant.parse("2026-12-07T11:00:00Z");
        double lat = 52.37;
        double lng = 4.90;
        double ratios = 0;
        double worst = 1;
        int same = 0;
        int lateOnly = 0;
        long heuristicNanos = 0;
        long exactNanos = 0;
        for (int n = 0; n < rides; n++) {
            List<Route.Stop> ride = new ArrayList<>();
            for (int i = 0; i < stops; i++) {
                double north = random.nextDouble(-3, 3) / 111.2;
                double east = random.nextDouble(-3, 3) / (111.2 * Math.cos(Math.toRadians(lat)));
                Instant due = random.nextBoolean() ? noon.plus(Duration.ofMinutes(20 + random.nextInt(60))) : null;
                ride.add(new Route.Stop(i, lat + north, lng + east, due, null));
            }
            long t0 = System.nanoTime();
            Route.Plan heuristic = Route.plan(lat, lng, noon, ride);
            long t1 = System.nanoTime();
            Route.Plan best = Route.exact(lat, lng, noon, ride);
            long t2 = System.nanoTime();
            heuristicNanos += t1 - t0;
            exactNanos += t2 - t1;
            double ratio = cost(heuristic) / cost(best);
            ratios += ratio;
            worst = Math.max(worst, ratio);
            same += ratio < 1 + 1e-9 ? 1 : 0;
            lateOnly += best.onTime() && !heuristic.onTime() ? 1 : 0;
        }
        return new Row(stops, rides, ratios / rides, worst, (double) same / rides, lateOnly, heuristicNanos / 1000.0 / rides,
                exactNanos / 1000.0 / rides);
    }

    /** As Route weighs a plan: km, and 100 km for every minute late. */
    private static double cost(Route.Plan p) {
        return p.km() + 100.0 * p.lateMinutes();
    }

    public static void main(String[] args) {
        for (int stops : new int[]{4, 6, 8}) {
            System.out.println(run(stops, 200, 11));
        }
    }

    private RouteComparison() {
    }
}
