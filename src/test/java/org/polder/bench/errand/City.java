package org.polder.bench.errand;

import java.util.Random;

/**
 * A city for the simulator and the benchmark: a disk of the given radius around a centre, couriers who
 * move along straight routes at bicycle speed, and random places for pickups and drop-offs.
 */
final class City {

    static final double KM_PER_DEGREE = 111.2;

    final double latitude;
    final double longitude;
    final double radiusKm;
    private final Random random;

    City(double latitude, double longitude, double radiusKm, long seed) {
        this.latitude = latitude;
        this.longitude = longitude;
        this.radiusKm = radiusKm;
        this.random = new Random(seed);
    }

    /** A uniformly random point in the city: {latitude, longitude}. */
    double[] place() {
        double r = radiusKm * Math.sqrt(random.nextDouble());
        double a = 2 * Math.PI * random.nextDouble();
        return new double[]{latitude + r * Math.sin(a) / KM_PER_DEGREE,
                longitude + r * Math.cos(a) / (KM_PER_DEGREE * Math.cos(Math.toRadians(latitude)))};
    }

    /** A random point in the city from another thread's random source. */
    double[] placeNear(java.util.concurrent.ThreadLocalRandom r) {
        double d = radiusKm * Math.sqrt(r.nextDouble());
        double a = 2 * Math.PI * r.nextDouble();
        return new double[]{latitude + d * Math.sin(a) / KM_PER_DEGREE,
                longitude + d * Math.cos(a) / (KM_PER_DEGREE * Math.cos(Math.toRadians(latitude)))};
    }

    /** A courier riding from place to place. */
    final class Rider {
        double lat;
        double lng;
        double[] target;
        final double kmPerSecond;

        Rider() {
            double[] p = place();
            lat = p[0];
            lng = p[1];
            target = place();
            kmPerSecond = (12 + 6 * random.nextDouble()) / 3600;
        }

        /** Rides towards the target for this many seconds; returns true on arrival (and stops there). */
        boolean ride(double seconds) {
            double dLat = (target[0] - lat) * KM_PER_DEGREE;
            double dLng = (target[1] - lng) * KM_PER_DEGREE * Math.cos(Math.toRadians(lat));
            double left = Math.hypot(dLat, dLng);
            double step = kmPerSecond * seconds;
            if (left <= step) {
                lat = target[0];
                lng = target[1];
                return true;
            }
            lat += (target[0] - lat) * step / left;
            lng += (target[1] - lng) * step / left;
            return false;
        }
    }
}
