package org.polder.quality.internal;

import org.polder.quality.Aggregate;
import org.polder.quality.Answers;

import java.util.Map;
import java.util.SplittableRandom;

/** Shared steps of the models: counting votes, holding gold fixed, and turning posteriors into answers. */
final class Posteriors {

    /** Ties are broken at random, but the same way every run, so that results can be reproduced. */
    static final long SEED = 20_240_531L;

    private Posteriors() {
    }

    /** Vote shares per task (row-major tasks x classes); rows of unanswered tasks stay zero. */
    static double[] voteShares(Answers a, double[] weights) {
        int k = a.classes();
        double[] p = new double[a.tasks() * k];
        for (int n = 0; n < a.size(); n++) {
            p[a.task(n) * k + a.label(n)] += weights == null ? 1 : weights[a.worker(n)];
        }
        normaliseRows(p, k);
        return p;
    }

    static void normaliseRows(double[] p, int k) {
        for (int row = 0; row < p.length; row += k) {
            double sum = 0;
            for (int c = 0; c < k; c++) {
                sum += p[row + c];
            }
            if (sum > 0) {
                for (int c = 0; c < k; c++) {
                    p[row + c] /= sum;
                }
            }
        }
    }

    /**
     * Turns log-scores (row-major tasks x classes) into probabilities, written into {@code p}; returns
     * the largest change of any probability, for the models' convergence test.
     */
    static double normaliseLogInto(double[] logScores, double[] p, int k) {
        double change = 0;
        for (int row = 0; row < logScores.length; row += k) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                max = Math.max(max, logScores[row + c]);
            }
            double sum = 0;
            for (int c = 0; c < k; c++) {
                logScores[row + c] = Math.exp(logScores[row + c] - max);
                sum += logScores[row + c];
            }
            for (int c = 0; c < k; c++) {
                double next = logScores[row + c] / sum;
                change = Math.max(change, Math.abs(next - p[row + c]));
                p[row + c] = next;
            }
        }
        return change;
    }

    static void clampGold(double[] p, int k, Map<Integer, Integer> gold) {
        gold.forEach((task, label) -> {
            for (int c = 0; c < k; c++) {
                p[task * k + c] = c == label ? 1 : 0;
            }
        });
    }

    static boolean[] answered(Answers a) {
        boolean[] answered = new boolean[a.tasks()];
        for (int n = 0; n < a.size(); n++) {
            answered[a.task(n)] = true;
        }
        return answered;
    }

    /** The most probable class of each task (ties at random, seeded) and its probability. */
    static Aggregate result(Answers a, double[] p, Map<Integer, Integer> gold) {
        int k = a.classes();
        int[] labels = new int[a.tasks()];
        double[] confidence = new double[a.tasks()];
        boolean[] answered = answered(a);
        SplittableRandom random = new SplittableRandom(SEED);
        for (int t = 0; t < a.tasks(); t++) {
            if (!answered[t] && !gold.containsKey(t)) {
                labels[t] = -1;
                continue;
            }
            int best = -1;
            double bestP = -1;
            int ties = 0;
            for (int c = 0; c < k; c++) {
                double v = p[t * k + c];
                if (v > bestP + 1e-12) {
                    best = c;
                    bestP = v;
                    ties = 1;
                } else if (Math.abs(v - bestP) <= 1e-12 && random.nextInt(++ties) == 0) {
                    best = c;
                }
            }
            labels[t] = best;
            confidence[t] = bestP;
        }
        return new Aggregate(null, labels, confidence, workerAccuracy(a, p), p.clone());
    }

    /** How often, by the model's own posteriors, each worker's answers were right. */
    static double[] workerAccuracy(Answers a, double[] p) {
        int k = a.classes();
        double[] right = new double[a.workers()];
        int[] count = new int[a.workers()];
        for (int n = 0; n < a.size(); n++) {
            right[a.worker(n)] += p[a.task(n) * k + a.label(n)];
            count[a.worker(n)]++;
        }
        for (int w = 0; w < right.length; w++) {
            right[w] = count[w] == 0 ? 0 : right[w] / count[w];
        }
        return right;
    }
}
