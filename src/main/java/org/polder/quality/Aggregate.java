package org.polder.quality;

/**
 * The outcome of aggregation: per task the chosen class (-1 where nobody answered), its confidence
 * (the model's probability of that class), and per worker the model's estimate of their accuracy.
 */
public record Aggregate(Method method, int[] labels, double[] confidence, double[] workerAccuracy) {

    public int label(int task) {
        return labels[task];
    }
}
