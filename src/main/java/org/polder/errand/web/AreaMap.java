package org.polder.errand.web;

import org.polder.errand.Demand;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The areas where work is, on a map: each area's hexagon numbered as in the list, darker where there is more work. Drawn
 * as SVG in a 400 x 260 box (needing nothing from elsewhere), and on the street map (map.js) where tiles load. Projected
 * flat, as {@link MapView} does.
 */
record AreaMap(List<Hexagon> hexagons, double scaleKm, double scaleWidth, String json, MapTiles tiles) {

    /** An area as drawn: its corners in the box, where its number goes, and how dark (0.15 to 0.6). */
    record Hexagon(String points, double x, double y, int number, double shade) {
    }

    private record Geo(List<GeoArea> areas) {
    }

    private record GeoArea(String name, List<List<Double>> polygon, double shade) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int WIDTH = 400;
    private static final int HEIGHT = 260;
    private static final int MARGIN = 20;

    static AreaMap of(List<Demand.Area> areas, MapTiles tiles) {
        if (areas.isEmpty()) {
            return null;
        }
        double minLat = Double.MAX_VALUE, maxLat = -Double.MAX_VALUE, minLng = Double.MAX_VALUE, maxLng = -Double.MAX_VALUE;
        for (Demand.Area a : areas) {
            for (List<Double> c : a.boundary()) {
                minLat = Math.min(minLat, c.get(0));
                maxLat = Math.max(maxLat, c.get(0));
                minLng = Math.min(minLng, c.get(1));
                maxLng = Math.max(maxLng, c.get(1));
            }
        }
        double cos = Math.cos(Math.toRadians((minLat + maxLat) / 2));
        double spanX = Math.max((maxLng - minLng) * cos, 1 / 111.2);
        double spanY = Math.max(maxLat - minLat, 1 / 111.2);
        double scale = Math.min((WIDTH - 2 * MARGIN) / spanX, (HEIGHT - 2 * MARGIN) / spanY);
        double midLng = (minLng + maxLng) / 2, midLat = (minLat + maxLat) / 2;
        double most = areas.stream().mapToDouble(Demand.Area::errandsPerWeek).max().orElse(1);
        List<Hexagon> hexagons = new ArrayList<>();
        List<GeoArea> geo = new ArrayList<>();
        for (int i = 0; i < areas.size(); i++) {
            Demand.Area a = areas.get(i);
            StringBuilder points = new StringBuilder();
            for (List<Double> c : a.boundary()) {
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", WIDTH / 2.0 + (c.get(1) - midLng) * cos * scale,
                        HEIGHT / 2.0 - (c.get(0) - midLat) * scale));
            }
            double shade = 0.15 + 0.45 * a.errandsPerWeek() / most;
            hexagons.add(new Hexagon(points.toString().strip(), WIDTH / 2.0 + (a.longitude() - midLng) * cos * scale,
                    HEIGHT / 2.0 - (a.latitude() - midLat) * scale, i + 1, Math.round(shade * 100) / 100.0));
            geo.add(new GeoArea(String.valueOf(i + 1), a.boundary(), shade));
        }
        double kmPerPixel = 111.2 / scale;
        double barKm = kmPerPixel * 100 >= 1 ? Math.floor(kmPerPixel * 100) : Math.max(0.1, Math.floor(kmPerPixel * 1000) / 10);
        return new AreaMap(hexagons, barKm, barKm / kmPerPixel, JSON.writeValueAsString(new Geo(geo)), tiles);
    }

    public String scaleLabel() {
        return scaleKm >= 1 ? String.format(Locale.ROOT, "%.0f km", scaleKm) : String.format(Locale.ROOT, "%.0f m", scaleKm * 1000);
    }
}
