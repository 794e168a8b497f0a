package org.polder.quality;

/**
 * The outcome of aggregation: per task the chosen class (-1 where nobody answered), its confidence
 * (the model's probability of that class), per worker the model's estimate of their accuracy, and the
 * model's probability of every class of every task ({@code posteriors}, tasks x classes, row by row);
 * {@link Method#aggregate} names the model.
 */
public record Aggregate(Method method, int[] labels, double[] confidence, double[] workerAccuracy, double[] posteriors) {

    /** The same outcome, named by the model that produced it. */
    public Aggregate by(Method model) {
        return new Aggregate(model, labels, confidence, workerAccuracy, posteriors);
    }

    public int label(int task) {
        return labels[task];
    }
}
