package org.polder.errand;

import com.uber.h3core.H3Core;
import org.polder.common.Geo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Couriers in H3 cells of resolution 9 (edges of about 200 m). A nearest-k query walks rings of cells
 * outward from the point's cell and stops once the ring is farther away than the k-th courier found,
 * so it looks at a handful of cells, not at every courier. Safe for many threads: each courier's move
 * replaces their entry and cell membership under the courier's own key.
 */
public class H3GeoIndex implements GeoIndex {

    static final int RESOLUTION = 9;
    /** A lower bound of the width of a cell at this resolution, in km: each ring of cells is at least this much farther out. */
    static final double RING_KM = 0.18;

    private record Spot(long cell, double latitude, double longitude) {
    }

    private final H3Core h3;
    private final Map<Long, Spot> couriers = new ConcurrentHashMap<>();
    private final Map<Long, Set<Long>> cells = new ConcurrentHashMap<>();

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
            cells.computeIfAbsent(cell, c -> ConcurrentHashMap.newKeySet()).add(id);
            return new Spot(cell, latitude, longitude);
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
        cells.computeIfPresent(cell, (c, members) -> {
            members.remove(workerId);
            return members.isEmpty() ? null : members;
        });
    }

    @Override
    public List<Near> nearest(double latitude, double longitude, int k, double maxKm) {
        long origin = h3.latLngToCell(latitude, longitude, RESOLUTION);
        List<Near> found = new ArrayList<>();
        int maxRing = (int) Math.ceil(maxKm / RING_KM) + 1;
        for (int ring = 0; ring <= maxRing; ring++) {
            for (long cell : ring == 0 ? List.of(origin) : h3.gridRing(origin, ring)) {
                Set<Long> members = cells.get(cell);
                if (members == null) {
                    continue;
                }
                for (long id : members) {
                    Spot s = couriers.get(id);
                    if (s != null) {
                        double km = Geo.km(latitude, longitude, s.latitude(), s.longitude());
                        if (km <= maxKm) {
                            found.add(new Near(id, km));
                        }
                    }
                }
            }
            found.sort(Comparator.comparingDouble(Near::km));
            // Every courier beyond this ring is at least (ring * RING_KM) away: stop once k are nearer than that.
            if (found.size() >= k && found.get(k - 1).km() <= ring * RING_KM) {
                break;
            }
        }
        return found.size() > k ? List.copyOf(found.subList(0, k)) : List.copyOf(found);
    }

    @Override
    public int size() {
        return couriers.size();
    }
}
