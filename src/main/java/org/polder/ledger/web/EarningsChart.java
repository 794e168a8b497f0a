package org.polder.ledger.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A small bar chart drawn as inline SVG by the page: one bar per day, heights scaled to the largest
 * value, and an optional reference line (the pay floor).
 */
public record EarningsChart(List<Bar> bars, long max, Double referenceY, int width, int height) {

    public static final int WIDTH = 600;
    public static final int HEIGHT = 160;

    public record Bar(LocalDate day, long value, double x, double y, double w, double h) {
    }

    public static EarningsChart of(LocalDate first, int days, Map<LocalDate, Long> values, Long reference) {
        long max = Math.max(1, values.values().stream().mapToLong(Long::longValue).max().orElse(0));
        if (reference != null) {
            max = Math.max(max, reference);
        }
        double slot = (double) WIDTH / days;
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < days; i++) {
            LocalDate day = first.plusDays(i);
            long v = values.getOrDefault(day, 0L);
            double h = (double) HEIGHT * v / max;
            bars.add(new Bar(day, v, i * slot + 1, HEIGHT - h, Math.max(slot - 2, 1), h));
        }
        Double ref = reference == null ? null : HEIGHT - (double) HEIGHT * reference / max;
        return new EarningsChart(bars, max, ref, WIDTH, HEIGHT);
    }
}
