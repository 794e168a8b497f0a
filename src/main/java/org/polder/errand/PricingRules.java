package org.polder.errand;

import org.polder.common.DomainException;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * How the platform prices an errand: a base price, a price per km, surcharges for zones drawn as
 * polygons, and percentages for times of day. Zones may also guarantee couriers an hourly minimum
 * while on duty there. The cancellation share is what the courier gets of the pay when the errand is
 * cancelled after they accepted it and before pickup; after pickup they get all of it.
 */
public record PricingRules(Long baseCents, Long perKmCents, Integer cancelPercent, List<Zone> zones, List<TimeBand> times) {

    /**
     * A zone: its corners as [latitude, longitude] pairs, in order. {@code stackMax}: how many errands a courier may carry at
     * once from a pickup in the zone (1: one at a time; none: the platform's setting).
     */
    public record Zone(String name, List<List<Double>> polygon, Long surchargeCents, Long minimumHourlyCents, Integer stackMax) {

        /** Whether the point lies inside the polygon (ray casting; fine at the size of a city). */
        public boolean contains(double latitude, double longitude) {
            boolean inside = false;
            for (int i = 0, j = polygon.size() - 1; i < polygon.size(); j = i++) {
                double yi = polygon.get(i).get(0), xi = polygon.get(i).get(1);
                double yj = polygon.get(j).get(0), xj = polygon.get(j).get(1);
                if ((yi > latitude) != (yj > latitude) && longitude < (xj - xi) * (latitude - yi) / (yj - yi) + xi) {
                    inside = !inside;
                }
            }
            return inside;
        }
    }

    /** A time of day, local time; {@code to} before {@code from} runs past midnight. */
    public record TimeBand(String from, String to, Integer percent) {

        public boolean covers(LocalTime t) {
            LocalTime a = LocalTime.parse(from), b = LocalTime.parse(to);
            return a.isBefore(b) ? !t.isBefore(a) && t.isBefore(b) : !t.isBefore(a) || t.isBefore(b);
        }
    }

    public List<Zone> zones() {
        return zones == null ? List.of() : zones;
    }

    public List<TimeBand> times() {
        return times == null ? List.of() : times;
    }

    /** Refuses rules that cannot price an errand, naming the field that is wrong. */
    public PricingRules validated() {
        if (baseCents == null || baseCents < 0 || baseCents > 100_000) {
            throw invalid("baseCents: from 0 to 100000 cents");
        }
        if (perKmCents == null || perKmCents < 0 || perKmCents > 10_000) {
            throw invalid("perKmCents: from 0 to 10000 cents");
        }
        if (cancelPercent == null || cancelPercent < 0 || cancelPercent > 100) {
            throw invalid("cancelPercent: from 0 to 100");
        }
        if (zones().size() > 100) {
            throw invalid("zones: at most 100");
        }
        for (int i = 0; i < zones().size(); i++) {
            Zone z = zones().get(i);
            String at = "zones[" + i + "]";
            if (z == null || z.name() == null || z.name().isBlank() || z.name().length() > 100) {
                throw invalid(at + ".name: 1 to 100 characters");
            }
            if (z.polygon() == null || z.polygon().size() < 3 || z.polygon().size() > 500) {
                throw invalid(at + ".polygon: 3 to 500 corners");
            }
            for (List<Double> p : z.polygon()) {
                if (p == null || p.size() != 2 || p.get(0) == null || p.get(1) == null || Math.abs(p.get(0)) > 90 || Math.abs(p.get(1)) > 180) {
                    throw invalid(at + ".polygon: every corner is [latitude, longitude] in degrees");
                }
            }
            if (z.surchargeCents() == null || z.surchargeCents() < 0 || z.surchargeCents() > 100_000) {
                throw invalid(at + ".surchargeCents: from 0 to 100000 cents");
            }
            if (z.minimumHourlyCents() != null && (z.minimumHourlyCents() < 0 || z.minimumHourlyCents() > 100_000)) {
                throw invalid(at + ".minimumHourlyCents: from 0 to 100000 cents, or none");
            }
            if (z.stackMax() != null && (z.stackMax() < 1 || z.stackMax() > 10)) {
                throw invalid(at + ".stackMax: from 1 to 10 errands at once, or none");
            }
        }
        if (times().size() > 24) {
            throw invalid("times: at most 24");
        }
        for (int i = 0; i < times().size(); i++) {
            TimeBand t = times().get(i);
            String at = "times[" + i + "]";
            try {
                if (t == null || t.from() == null || t.to() == null || LocalTime.parse(t.from()).equals(LocalTime.parse(t.to()))) {
                    throw invalid(at + ": from and to as HH:mm, not equal");
                }
            } catch (DateTimeParseException e) {
                throw invalid(at + ": from and to as HH:mm");
            }
            if (t.percent() == null || t.percent() < -50 || t.percent() > 200) {
                throw invalid(at + ".percent: from -50 to 200");
            }
        }
        return this;
    }

    private static DomainException invalid(String message) {
        return DomainException.invalid(message).code("problem.errand.pricing", message);
    }
}
