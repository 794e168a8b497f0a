package org.polder.errand.internal;

import org.polder.errand.GeoIndex;
import com.uber.h3core.H3Core;
import org.polder.common.Geo;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The geo index in the database, for several application nodes: every node sees every courier. Couriers
 * are filed under the same H3 cells as in {@link H3GeoIndex}, and a query walks the same rings, reading
 * one ring of cells at a time with an indexed lookup.
 */
public class DatabaseGeoIndex implements GeoIndex {

    private final JdbcClient jdbc;
    private final H3Core h3;

    public DatabaseGeoIndex(JdbcClient jdbc) {
        this.jdbc = jdbc;
        try {
            this.h3 = H3Core.newInstance();
        } catch (IOException e) {
            throw new UncheckedIOException("H3's native library could not be loaded", e);
        }
    }

    @Override
    public void put(long workerId, double latitude, double longitude) {
        long cell = h3.latLngToCell(latitude, longitude, H3GeoIndex.RESOLUTION);
        if (jdbc.sql("UPDATE courier_spot SET cell = ?, latitude = ?, longitude = ? WHERE worker_id = ?")
                .params(cell, latitude, longitude, workerId).update() == 0) {
            jdbc.sql("INSERT INTO courier_spot (worker_id, cell, latitude, longitude) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")
                    .params(workerId, cell, latitude, longitude).update();
        }
    }

    @Override
    public void remove(long workerId) {
        jdbc.sql("DELETE FROM courier_spot WHERE worker_id = ?").param(workerId).update();
    }

    @Override
    public List<Near> nearest(double latitude, double longitude, int k, double maxKm) {
        long origin = h3.latLngToCell(latitude, longitude, H3GeoIndex.RESOLUTION);
        List<Near> found = new ArrayList<>();
        int maxRing = (int) Math.ceil(maxKm / H3GeoIndex.RING_KM) + 1;
        for (int ring = 0; ring <= maxRing; ring++) {
            List<Long> cells = ring == 0 ? List.of(origin) : h3.gridRing(origin, ring);
            String in = cells.stream().map(c -> "?").collect(Collectors.joining(","));
            jdbc.sql("SELECT worker_id, latitude, longitude FROM courier_spot WHERE cell IN (" + in + ")").params(new ArrayList<Object>(cells))
                    .query(rs -> {
                        double km = Geo.km(latitude, longitude, rs.getDouble(2), rs.getDouble(3));
                        if (km <= maxKm) {
                            found.add(new Near(rs.getLong(1), km));
                        }
                    });
            found.sort(Comparator.comparingDouble(Near::km));
            if (found.size() >= k && found.get(k - 1).km() <= ring * H3GeoIndex.RING_KM) {
                break;
            }
        }
        return found.size() > k ? List.copyOf(found.subList(0, k)) : List.copyOf(found);
    }

    @Override
    public boolean persistent() {
        return true;
    }

    @Override
    public int size() {
        return jdbc.sql("SELECT COUNT(*) FROM courier_spot").query(Integer.class).single();
    }
}
