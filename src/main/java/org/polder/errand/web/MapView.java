package org.polder.errand.web;

import org.polder.errand.Place;
import org.polder.errand.Position;
import org.polder.errand.PricingRules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import tools.jackson.databind.json.JsonMapper;

/**
 * The errand's map. With street tiles (Leaflet, map.js) where they load; underneath, a map that needs no internet: the pickup, the drop-off, the courier and the pricing zones around
 * them, drawn as SVG in a 400 x 260 box. The area is projected flat (longitude scaled by the cosine
 * of the latitude), which is exact enough across a city.
 */
record MapView(Dot pickup, Dot dropoff, Dot courier, List<String> zones, List<String> zoneNames, List<Dot> zoneLabels, double scaleKm,
               double scaleWidth, Geo geo, MapTiles tiles) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The same map in degrees, for the street map (map.js): points as [latitude, longitude]. */
    record Geo(double[] pickup, double[] dropoff, double[] courier, List<GeoZone> zones) {
    }

    record GeoZone(String name, List<List<Double>> polygon) {
    }

    /** What map.js draws. */
    public String json() {
        return JSON.writeValueAsString(geo);
    }

    /** Stays the same for one errand while its courier moves, so that the street map is kept between refreshes. */
    public String key() {
        return Integer.toHexString(java.util.Arrays.hashCode(geo.pickup()) * 31 + java.util.Arrays.hashCode(geo.dropoff()));
    }

    static final int WIDTH = 400;
    static final int HEIGHT = 260;
    private static final int MARGIN = 30;

    /** A point in the box. */
    record Dot(double x, double y) {
    }

    static MapView of(Place pickup, Place dropoff, Position courier, List<PricingRules.Zone> zones, MapTiles tiles) {
        double minLat = Math.min(pickup.latitude(), dropoff.latitude()), maxLat = Math.max(pickup.latitude(), dropoff.latitude());
        double minLng = Math.min(pickup.longitude(), dropoff.longitude()), maxLng = Math.max(pickup.longitude(), dropoff.longitude());
        if (courier != null) {
            minLat = Math.min(minLat, courier.latitude());
            maxLat = Math.max(maxLat, courier.latitude());
            minLng = Math.min(minLng, courier.longitude());
            maxLng = Math.max(maxLng, courier.longitude());
        }
        double cos = Math.cos(Math.toRadians((minLat + maxLat) / 2));
        // At least 1 km across, so that two points close together do not fill the whole map.
        double spanX = Math.max((maxLng - minLng) * cos, 1 / 111.2);
        double spanY = Math.max(maxLat - minLat, 1 / 111.2);
        double scale = Math.min((WIDTH - 2 * MARGIN) / spanX, (HEIGHT - 2 * MARGIN) / spanY);
        double midLng = (minLng + maxLng) / 2, midLat = (minLat + maxLat) / 2;
        Projection p = (lat, lng) -> new Dot(WIDTH / 2.0 + (lng - midLng) * cos * scale, HEIGHT / 2.0 - (lat - midLat) * scale);
        List<String> shapes = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Dot> labels = new ArrayList<>();
        List<GeoZone> geoZones = new ArrayList<>();
        for (PricingRules.Zone z : zones) {
            StringBuilder points = new StringBuilder();
            double sx = 0, sy = 0;
            for (List<Double> corner : z.polygon()) {
                Dot d = p.at(corner.get(0), corner.get(1));
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", d.x(), d.y()));
                sx += d.x();
                sy += d.y();
            }
            shapes.add(points.toString().strip());
            names.add(z.name());
            // The zone's name at the middle of its corners, kept inside the box.
            int n = Math.max(1, z.polygon().size());
            labels.add(new Dot(Math.max(30, Math.min(WIDTH - 30, sx / n)), Math.max(20, Math.min(HEIGHT - 20, sy / n))));
            geoZones.add(new GeoZone(z.name(), z.polygon()));
        }
        double kmPerPixel = 111.2 / scale;   // scale is pixels per degree of latitude
        double barKm = niceKm(kmPerPixel * 100);
        Geo geo = new Geo(new double[] {pickup.latitude(), pickup.longitude()}, new double[] {dropoff.latitude(), dropoff.longitude()},
                courier == null ? null : new double[] {courier.latitude(), courier.longitude()}, geoZones);
        return new MapView(p.at(pickup.latitude(), pickup.longitude()), p.at(dropoff.latitude(), dropoff.longitude()),
                courier == null ? null : p.at(courier.latitude(), courier.longitude()), shapes, names, labels, barKm, barKm / kmPerPixel, geo, tiles);
    }

    private interface Projection {
        Dot at(double latitude, double longitude);
    }

    /** 0.1, 0.2, 0.5, 1, 2, 5 ... km: the round length nearest below the given one. */
    private static double niceKm(double km) {
        double step = Math.pow(10, Math.floor(Math.log10(km)));
        for (double f : new double[]{5, 2, 1}) {
            if (f * step <= km) {
                return f * step;
            }
        }
        return step;
    }

    public String scaleLabel() {
        return scaleKm >= 1 ? String.format(Locale.ROOT, "%.0f km", scaleKm) : String.format(Locale.ROOT, "%.0f m", scaleKm * 1000);
    }
}
