package org.polder.ledger.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A small bar chart drawn as inline SVG by the page: one bar per day, heights scaled to the largest
 * value, a value axis on the left (nothing, half and the top, in euros), and an optional reference line
 * (the pay floor). The page says in words when there is nothing to draw, and lists the days' values.
 */
public record EarningsChart(List<Bar> bars, long max, Double referenceY, int width, int height, List<Tick> ticks) {

    public static final int WIDTH = 600;
    public static final int HEIGHT = 160;
    /** Room on the left for the amounts of the value axis. */
    public static final int LEFT = 64;

    public record Bar(LocalDate day, long value, double x, double y, double w, double h) {
    }

    /** A line across the chart at an amount, labelled with it. */
    public record Tick(long value, double y) {
    }

    public static EarningsChart of(LocalDate first, int days, Map<LocalDate, Long> values, Long reference) {
        long max = Math.max(1, values.values().stream().mapToLong(Long::longValue).max().orElse(0));
        if (reference != null) {
            max = Math.max(max, reference);
        }
        double slot = (double) (WIDTH - LEFT) / days;
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < days; i++) {
            LocalDate day = first.plusDays(i);
            long v = values.getOrDefault(day, 0L);
            double h = (double) HEIGHT * v / max;
            bars.add(new Bar(day, v, LEFT + i * slot + 1, HEIGHT - h, Math.max(slot - 2, 1), h));
        }
        Double ref = reference == null ? null : HEIGHT - (double) HEIGHT * reference / max;
        List<Tick> ticks = List.of(new Tick(0, HEIGHT), new Tick(max / 2, HEIGHT - HEIGHT * (double) (max / 2) / max), new Tick(max, 0));
        return new EarningsChart(bars, max, ref, WIDTH, HEIGHT, ticks);
    }

    /** Where the bars begin, right of the value axis. */
    public int left() {
        return LEFT;
    }

    /** Nothing earned on any day: the page says so in words instead of drawing empty bars. */
    public boolean empty() {
        return bars.stream().allMatch(b -> b.value() == 0);
    }

    /** The days with a value, for the list under the chart. */
    public List<Bar> withValues() {
        return bars.stream().filter(b -> b.value() != 0).toList();
    }
}
