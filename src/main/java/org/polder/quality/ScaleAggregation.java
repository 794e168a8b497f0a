package org.polder.quality;

import java.util.Arrays;
import java.util.List;

/**
 * Ratings on a scale (1 to 5, say) and numbers aggregated by their median, which one careless or spiteful answer
 * cannot move far; the confidence is the share of answers within {@code tolerance} of the median (one step of a
 * rating scale; exactly equal for numbers).
 */
public final class ScaleAggregation {

    private ScaleAggregation() {
    }

    /** The median (halfway between the two middle answers when their count is even), its confidence and the count. */
    public record Result(Double median, double confidence, int answers) {
    }

    public static Result aggregate(List<Double> answers, double tolerance) {
        double[] v = answers.stream().filter(java.util.Objects::nonNull).mapToDouble(Double::doubleValue).toArray();
        if (v.length == 0) {
            return new Result(null, 0, 0);
        }
        Arrays.sort(v);
        int m = v.length / 2;
        double median = v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
        long near = Arrays.stream(v).filter(x -> Math.abs(x - median) <= tolerance + 1e-9).count();
        return new Result(median, (double) near / v.length, v.length);
    }
}
