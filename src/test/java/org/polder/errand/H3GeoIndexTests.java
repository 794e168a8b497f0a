package org.polder.errand;

import org.polder.errand.internal.H3GeoIndex;
import org.junit.jupiter.api.Test;
import org.polder.common.Geo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The H3 index finds exactly the couriers a scan of all of them finds, over seeded random cities. */
class H3GeoIndexTests {

    record Point(long id, double lat, double lon) {
    }

    @Test
    void nearestKIsExactlyWhatAFullScanFinds() {
        long seed = Long.getLong("polder.seed", 20261123L);
        Random random = new Random(seed);
        H3GeoIndex index = new H3GeoIndex();
        List<Point> points = new ArrayList<>();
        for (long id = 1; id <= 20_000; id++) {
            // Amsterdam and its surroundings, denser in the centre.
            double spread = random.nextDouble() < 0.7 ? 0.03 : 0.2;
            Point p = new Point(id, 52.37 + random.nextGaussian() * spread, 4.90 + random.nextGaussian() * spread * 1.6);
            points.add(p);
            index.put(id, p.lat(), p.lon());
        }
        // Some move, some go off duty: the index must follow.
        for (int i = 0; i < 2_000; i++) {
            int at = random.nextInt(points.size());
            Point p = points.get(at);
            if (i % 4 == 0) {
                index.remove(p.id());
                points.remove(at);
            } else {
                Point moved = new Point(p.id(), p.lat() + random.nextGaussian() * 0.005, p.lon() + random.nextGaussian() * 0.008);
                index.put(moved.id(), moved.lat(), moved.lon());
                points.set(at, moved);
            }
        }
        assertThat(index.size()).isEqualTo(points.size());
        for (int q = 0; q < 300; q++) {
            double lat = 52.37 + random.nextGaussian() * 0.1;
            double lon = 4.90 + random.nextGaussian() * 0.16;
            int k = 1 + random.nextInt(10);
            double maxKm = q % 3 == 0 ? 0.5 : 5;
            List<GeoIndex.Near> expected = points.stream().map(p -> new GeoIndex.Near(p.id(), Geo.km(lat, lon, p.lat(), p.lon())))
                    .filter(n -> n.km() <= maxKm).sorted(Comparator.comparingDouble(GeoIndex.Near::km)).limit(k).toList();
            assertThat(index.nearest(lat, lon, k, maxKm)).as("seed %d, query %d", seed, q).isEqualTo(expected);
        }
    }

    @Test
    void nobodyNearGivesAnEmptyListAndRemovedCouriersAreGone() {
        H3GeoIndex index = new H3GeoIndex();
        index.put(1, 52.37, 4.90);
        index.put(2, 52.371, 4.901);
        assertThat(index.nearest(51.0, 4.0, 3, 5)).isEmpty();
        index.remove(1);
        assertThat(index.nearest(52.37, 4.90, 3, 5)).extracting(GeoIndex.Near::workerId).containsExactly(2L);
    }
}
