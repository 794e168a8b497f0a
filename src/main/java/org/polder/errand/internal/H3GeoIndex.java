package org.polder.errand.internal;

import org.polder.errand.GeoIndex;
import com.uber.h3core.H3Core;
import org.polder.common.Geo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Couriers in H3 cells of resolution 9 (edges of about 200 m). A nearest-k query walks rings of cells
 * outward from the point's cell and stops once the ring is farther away than the k-th courier found,
 * so it looks at a handful of cells, not at every courier. Safe for many threads: each courier's move
 * replaces their entry and cell membership under the courier's own key.
 *
 * <p>Kept fast for dispatch: each cell holds its couriers' positions itself, the first rings around a
 * cell are computed once and remembered, and candidates are compared by the haversine term {@code a}
 * (which grows with the distance), turned into km only for the k kept; a courier whose difference in
 * latitude alone puts them out of the running is skipped after one sine. The km are those of
 * {@link Geo#km}, computed the same way.
 */
public class H3GeoIndex implements GeoIndex {

    public static final int RESOLUTION = 9;
    /** A lower bound of the width of a cell at this resolution, in km: each ring of cells is at least this much farther out. */
    public static final double RING_KM = 0.18;
    private static final int CACHED_RINGS = 3;
    private static final int MAX_CACHED_ORIGINS = 200_000;

    /** A courier's place, with the cosine of its latitude computed once for the distance formula. */
    private record Spot(long id, long cell, double latitude, double longitude, double cosLatitude) {
    }

    private final H3Core h3;
    private final Map<Long, Spot> couriers = new ConcurrentHashMap<>();
    /** Each cell's couriers, as an array replaced whole on every change, so that queries read it without locks. */
    private final Map<Long, Spot[]> cells = new ConcurrentHashMap<>();
    private final Map<Long, long[][]> rings = new ConcurrentHashMap<>();

    public H3GeoIndex() {
        try {
            this.h3 = H3Core.newInstance();
        } catch (IOException e) {
            throw new UncheckedIOException("H3's native library could not be loaded", e);
        }
    }

    @Override
    public void put(long workerId, double latitude, double longitude) {
        long cell = h3.latLngToCell(latitude, longitude, RESOLUTION);
        couriers.compute(workerId, (id, old) -> {
            if (old != null && old.cell() != cell) {
                leave(old.cell(), id);
            }
            Spot spot = new Spot(id, cell, latitude, longitude, Math.cos(Math.toRadians(latitude)));
            cells.compute(cell, (c, members) -> with(members, spot));
            return spot;
        });
    }

    @Override
    public void remove(long workerId) {
        couriers.computeIfPresent(workerId, (id, old) -> {
            leave(old.cell(), id);
            return null;
        });
    }

    private void leave(long cell, long workerId) {
        cells.computeIfPresent(cell, (c, members) -> without(members, workerId));
    }

    /** The members with this courier in (replacing their old entry). */
    private static Spot[] with(Spot[] members, Spot spot) {
        if (members == null) {
            return new Spot[]{spot};
        }
        for (int i = 0; i < members.length; i++) {
            if (members[i].id() == spot.id()) {
                Spot[] copy = members.clone();
                copy[i] = spot;
                return copy;
            }
        }
        Spot[] copy = java.util.Arrays.copyOf(members, members.length + 1);
        copy[members.length] = spot;
        return copy;
    }

    /** The members without this courier; null when none is left. */
    private static Spot[] without(Spot[] members, long workerId) {
        for (int i = 0; i < members.length; i++) {
            if (members[i].id() == workerId) {
                if (members.length == 1) {
                    return null;
                }
                Spot[] copy = new Spot[members.length - 1];
                System.arraycopy(members, 0, copy, 0, i);
                System.arraycopy(members, i + 1, copy, i, members.length - i - 1);
                return copy;
            }
        }
        return members;
    }

    @Override
    public List<Near> nearest(double latitude, double longitude, int k, double maxKm) {
        long origin = h3.latLngToCell(latitude, longitude, RESOLUTION);
        double cosLatitude = Math.cos(Math.toRadians(latitude));
        double maxHalfChord = Math.sin(Math.min(Math.PI / 2, maxKm / (2 * Geo.EARTH_RADIUS_KM)));
        double maxA = maxHalfChord * maxHalfChord;
        // The k best so far by the haversine term a, smallest first.
        long[] ids = new long[k];
        double[] as = new double[k];
        int size = 0;
        int maxRing = (int) Math.ceil(maxKm / RING_KM) + 1;
        for (int ring = 0; ring <= maxRing; ring++) {
            for (long cell : ring(origin, ring)) {
                Spot[] members = cells.get(cell);
                if (members == null) {
                    continue;
                }
                for (Spot s : members) {
                    double limit = size == k ? Math.min(maxA, as[k - 1]) : maxA;
                    double sinLat = Math.sin(Math.toRadians(s.latitude() - latitude) / 2);
                    double a = sinLat * sinLat;
                    if (a > limit) {
                        continue;
                    }
                    double sinLng = Math.sin(Math.toRadians(s.longitude() - longitude) / 2);
                    a += cosLatitude * s.cosLatitude() * sinLng * sinLng;
                    if (a > limit || (size == k && a >= as[k - 1])) {
                        continue;
                    }
                    int at = size < k ? size++ : k - 1;
                    while (at > 0 && as[at - 1] > a) {
                        as[at] = as[at - 1];
                        ids[at] = ids[at - 1];
                        at--;
                    }
                    as[at] = a;
                    ids[at] = s.id();
                }
            }
            // Every courier beyond this ring is at least (ring * RING_KM) away: stop once k are nearer than that.
            if (size == k && km(as[k - 1]) <= ring * RING_KM) {
                break;
            }
        }
        List<Near> found = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            found.add(new Near(ids[i], km(as[i])));
        }
        return found;
    }

    /** The distance for a haversine term, as {@link Geo#km} computes it. */
    private static double km(double a) {
        return 2 * Geo.EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
    }

    /** The cells of one ring around the origin; the first rings are remembered per origin. */
    private long[] ring(long origin, int ring) {
        if (ring > CACHED_RINGS) {
            return h3.gridRing(origin, ring).stream().mapToLong(Long::longValue).toArray();
        }
        long[][] known = rings.get(origin);
        if (known == null) {
            known = new long[CACHED_RINGS + 1][];
            known[0] = new long[]{origin};
            for (int r = 1; r <= CACHED_RINGS; r++) {
                known[r] = h3.gridRing(origin, r).stream().mapToLong(Long::longValue).toArray();
            }
            if (rings.size() >= MAX_CACHED_ORIGINS) {
                rings.clear();
            }
            rings.put(origin, known);
        }
        return known[ring];
    }

    @Override
    public int size() {
        return couriers.size();
    }
}
