package org.polder.errand;

import org.polder.common.Geo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The order of a courier's stops: a pickup before its drop-offs, each drop-off by the end of its time window where that
 * can be done, and the fewest km. Travel is a straight line at a courier's city speed plus a few minutes at each stop,
 * as errands are priced.
 *
 * <p>{@link #plan} is the heuristic Polder uses: stops are inserted one by one, each where it adds least (a late arrival
 * costs more than any detour), from a few starting orders; then stops are moved and swapped while that helps.
 * {@link #exact} tries every order and is the yardstick (the benchmark compares the two); it is for a handful of stops.
 */
public final class Route {

    /** Minutes spent at each stop: parking, the door, the handover. */
    static final int STOP_MINUTES = 3;
    /** A minute late weighs as much as this many km of riding: being on time comes first. */
    private static final double KM_PER_LATE_MINUTE = 100;
    /** {@link #exact} refuses more stops than this (9! orders). */
    public static final int EXACT_MAX = 9;

    /** A place to stop: its id, where, by when (null: no deadline), and the stop that must come before it (null: none). */
    public record Stop(long id, double latitude, double longitude, Instant due, Long after) {
    }

    /** Stops in order with the km ridden from the start, the minutes late in total, and when each stop is reached. */
    public record Plan(List<Stop> stops, double km, long lateMinutes, List<Instant> arrivals) {

        public boolean onTime() {
            return lateMinutes == 0;
        }
    }

    private Route() {
    }

    /**
     * The heuristic order of the stops from the start point and time: built by insertion from a few starting orders
     * (earliest deadline, nearest, farthest, and some shuffled ones, always the same for the same stops), each improved by
     * moving and swapping stops; the cheapest wins.
     */
    public static Plan plan(double startLat, double startLng, Instant start, List<Stop> stops) {
        checkPrecedence(stops);
        List<List<Stop>> starts = new ArrayList<>();
        List<Stop> byDeadline = new ArrayList<>(stops);
        byDeadline.sort(Comparator.comparing((Stop s) -> s.due() == null ? Instant.MAX : s.due()).thenComparingLong(Stop::id));
        starts.add(byDeadline);
        List<Stop> nearest = new ArrayList<>(stops);
        nearest.sort(Comparator.comparingDouble((Stop s) -> Geo.km(startLat, startLng, s.latitude(), s.longitude())).thenComparingLong(Stop::id));
        starts.add(nearest);
        List<Stop> farthest = new ArrayList<>(nearest);
        java.util.Collections.reverse(farthest);
        starts.add(farthest);
        java.util.Random shuffle = new java.util.Random(stops.size() * 31L + stops.stream().mapToLong(Stop::id).sum());
        for (int i = 0; i < SHUFFLED_STARTS; i++) {
            List<Stop> order = new ArrayList<>(stops);
            java.util.Collections.shuffle(order, shuffle);
            starts.add(order);
        }
        Plan best = null;
        for (List<Stop> insertionOrder : starts) {
            List<Stop> order = build(insertionOrder, startLat, startLng, start);
            improve(order, startLat, startLng, start);
            Plan p = evaluate(startLat, startLng, start, order);
            if (best == null || cost(p) < cost(best) - 1e-9) {
                best = p;
            }
        }
        return best;
    }

    private static final int SHUFFLED_STARTS = 5;

    /** Inserts the stops in this order, each where it adds least; a stop waits until the stop it follows is placed. */
    private static List<Stop> build(List<Stop> insertionOrder, double lat, double lng, Instant start) {
        List<Stop> order = new ArrayList<>();
        Set<Long> placed = new HashSet<>();
        while (order.size() < insertionOrder.size()) {
            Stop next = insertionOrder.stream().filter(s -> !placed.contains(s.id()) && (s.after() == null || placed.contains(s.after())))
                    .findFirst().orElseThrow();
            insertBest(order, next, lat, lng, start);
            placed.add(next.id());
        }
        return order;
    }

    /**
     * The route with the new stops added where they cost least, the order of the stops already planned kept (a courier's
     * route does not change under them when one more errand joins it).
     */
    public static Plan insert(double startLat, double startLng, Instant start, List<Stop> planned, List<Stop> added) {
        List<Stop> order = new ArrayList<>(planned);
        for (Stop s : added) {
            insertBest(order, s, startLat, startLng, start);
        }
        return evaluate(startLat, startLng, start, order);
    }

    /** The best order of all, by trying every one that keeps pickups first; for at most {@link #EXACT_MAX} stops. */
    public static Plan exact(double startLat, double startLng, Instant start, List<Stop> stops) {
        if (stops.size() > EXACT_MAX) {
            throw new IllegalArgumentException("At most " + EXACT_MAX + " stops for an exact route, was " + stops.size());
        }
        checkPrecedence(stops);
        Plan[] best = {null};
        search(startLat, startLng, start, stops, new ArrayList<>(), new HashSet<>(), best);
        return best[0];
    }

    private static void search(double lat, double lng, Instant start, List<Stop> stops, List<Stop> order, Set<Long> used, Plan[] best) {
        if (order.size() == stops.size()) {
            Plan p = evaluate(lat, lng, start, order);
            if (best[0] == null || cost(p) < cost(best[0])) {
                best[0] = new Plan(List.copyOf(p.stops()), p.km(), p.lateMinutes(), p.arrivals());
            }
            return;
        }
        for (Stop s : stops) {
            if (!used.contains(s.id()) && (s.after() == null || used.contains(s.after()))) {
                order.add(s);
                used.add(s.id());
                search(lat, lng, start, stops, order, used, best);
                used.remove(s.id());
                order.remove(order.size() - 1);
            }
        }
    }

    /** What a plan weighs: its km, and far more for every minute late. */
    static double cost(Plan p) {
        return p.km() + p.lateMinutes() * KM_PER_LATE_MINUTE;
    }

    /** Puts the stop where the whole route costs least, after the stop it must follow. */
    private static void insertBest(List<Stop> order, Stop s, double lat, double lng, Instant start) {
        int from = s.after() == null ? 0 : indexOf(order, s.after()) + 1;
        int bestAt = order.size();
        double bestCost = Double.MAX_VALUE;
        for (int i = from; i <= order.size(); i++) {
            order.add(i, s);
            double c = cost(evaluate(lat, lng, start, order));
            order.remove(i);
            if (c < bestCost) {
                bestCost = c;
                bestAt = i;
            }
        }
        order.add(bestAt, s);
    }

    /** Moves single stops to better places and swaps pairs while that lowers the cost (every stop kept after the one it follows). */
    private static void improve(List<Stop> order, double lat, double lng, Instant start) {
        double current = cost(evaluate(lat, lng, start, order));
        for (int round = 0; round < 50; round++) {
            boolean better = false;
            for (int i = 0; i < order.size(); i++) {
                Stop s = order.remove(i);
                int bestAt = i;
                double bestCost = current;
                for (int j = 0; j <= order.size(); j++) {
                    order.add(j, s);
                    if (valid(order)) {
                        double c = cost(evaluate(lat, lng, start, order));
                        if (c < bestCost - 1e-9) {
                            bestCost = c;
                            bestAt = j;
                        }
                    }
                    order.remove(j);
                }
                order.add(bestAt, s);
                if (bestAt != i) {
                    better = true;
                    current = bestCost;
                }
            }
            for (int i = 0; i < order.size(); i++) {
                for (int j = i + 1; j < order.size(); j++) {
                    java.util.Collections.swap(order, i, j);
                    double c = valid(order) ? cost(evaluate(lat, lng, start, order)) : Double.MAX_VALUE;
                    if (c < current - 1e-9) {
                        current = c;
                        better = true;
                    } else {
                        java.util.Collections.swap(order, i, j);
                    }
                }
            }
            if (!better) {
                return;
            }
        }
    }

    private static boolean valid(List<Stop> order) {
        Set<Long> seen = new HashSet<>();
        for (Stop s : order) {
            if (s.after() != null && !seen.contains(s.after()) && order.stream().anyMatch(o -> o.id() == s.after())) {
                return false;
            }
            seen.add(s.id());
        }
        return true;
    }

    /** Rides the stops in this order from the start: km, minutes late and the time each stop is reached. */
    public static Plan evaluate(double lat, double lng, Instant start, List<Stop> order) {
        double km = 0;
        long late = 0;
        Instant at = start;
        List<Instant> arrivals = new ArrayList<>(order.size());
        for (Stop s : order) {
            double leg = Geo.km(lat, lng, s.latitude(), s.longitude());
            km += leg;
            at = at.plus(Duration.ofSeconds(Math.round(leg / Pricing.KM_PER_HOUR * 3600)));
            arrivals.add(at);
            if (s.due() != null && at.isAfter(s.due())) {
                late += (long) Math.ceil(Duration.between(s.due(), at).toSeconds() / 60.0);
            }
            at = at.plus(Duration.ofMinutes(STOP_MINUTES));
            lat = s.latitude();
            lng = s.longitude();
        }
        return new Plan(List.copyOf(order), km, late, List.copyOf(arrivals));
    }

    private static int indexOf(List<Stop> order, long id) {
        for (int i = 0; i < order.size(); i++) {
            if (order.get(i).id() == id) {
                return i;
            }
        }
        return -1;
    }

    private static void checkPrecedence(List<Stop> stops) {
        Set<Long> ids = new HashSet<>();
        stops.forEach(s -> ids.add(s.id()));
        if (ids.size() != stops.size()) {
            throw new IllegalArgumentException("Stop ids must be unique");
        }
        for (Stop s : stops) {
            if (s.after() != null && !ids.contains(s.after())) {
                throw new IllegalArgumentException("Stop " + s.id() + " follows stop " + s.after() + ", which is not on the route");
            }
        }
    }
}
