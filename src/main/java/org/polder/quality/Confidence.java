package org.polder.quality;

/**
 * How sure Polder is of one task's answer, from the answers it has and how accurate each answering
 * worker is: the posterior of each class under the one-coin model (a worker right with their
 * accuracy, wrong answers spread evenly over the other classes), with a uniform prior.
 */
public final class Confidence {

    private Confidence() {
    }

    /** The probability of each class, given labels[i] answered by a worker of accuracy[i]. */
    public static double[] posterior(int classes, int[] labels, double[] accuracy) {
        double[] log = new double[classes];
        for (int i = 0; i < labels.length; i++) {
            double a = Math.min(Math.max(accuracy[i], 1e-3), 1 - 1e-3);
            double wrong = Math.log((1 - a) / (classes - 1));
            double right = Math.log(a);
            for (int c = 0; c < classes; c++) {
                log[c] += c == labels[i] ? right : wrong;
            }
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double v : log) {
            max = Math.max(max, v);
        }
        double sum = 0;
        double[] p = new double[classes];
        for (int c = 0; c < classes; c++) {
            p[c] = Math.exp(log[c] - max);
            sum += p[c];
        }
        for (int c = 0; c < classes; c++) {
            p[c] /= sum;
        }
        return p;
    }

    /** The probability of the most likely class. */
    public static double of(int classes, int[] labels, double[] accuracy) {
        double best = 0;
        for (double v : posterior(classes, labels, accuracy)) {
            best = Math.max(best, v);
        }
        return best;
    }
}
