package org.polder.errand;

import java.util.Random;

/**
 * A simulated city: a disk around a centre, random places in it, and couriers who ride along straight
 * routes at bicycle speed. It feeds the demo (a courier's rides, with the positions a phone would send)
 * and the dispatch simulation and benchmark.
 */
public final class SimulatedCity {

    static final double KM_PER_DEGREE = 111.2;

    private final double latitude;
    private final double longitude;
    private final double radiusKm;
    private final Random random;

    public SimulatedCity(double latitude, double longitude, double radiusKm, long seed) {
        this.latitude = latitude;
        this.longitude = longitude;
        this.radiusKm = radiusKm;
        this.random = new Random(seed);
    }

    public double radiusKm() {
        return radiusKm;
    }

    public double latitude() {
        return latitude;
    }

    /** A uniformly random point in the city: {latitude, longitude}. */
    public double[] place() {
        return place(random);
    }

    /** The same, from another random source (one per thread). */
    public double[] place(Random r) {
        double d = radiusKm * Math.sqrt(r.nextDouble());
        double a = 2 * Math.PI * r.nextDouble();
        return new double[]{latitude + d * Math.sin(a) / KM_PER_DEGREE,
                longitude + d * Math.cos(a) / (KM_PER_DEGREE * Math.cos(Math.toRadians(latitude)))};
    }

    public Rider rider() {
        return new Rider();
    }

    /** A courier riding from place to place at 12-18 km/h. */
    public final class Rider {
        public double lat;
        public double lng;
        public double[] target;
        private final double kmPerSecond;

        private Rider() {
            double[] p = place();
            lat = p[0];
            lng = p[1];
            target = place();
            kmPerSecond = (12 + 6 * random.nextDouble()) / 3600;
        }

        /** Rides towards the target for this many seconds; returns true on arrival (and stops there). */
        public boolean ride(double seconds) {
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
