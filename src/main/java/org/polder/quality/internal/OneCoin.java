package org.polder.quality.internal;

import org.polder.quality.Aggregate;
import org.polder.quality.Answers;

import java.util.Map;

/**
 * The one-coin model (as in ZenCrowd): each worker is right with one probability, and a wrong
 * answer is equally likely to be any other class. Fewer parameters than Dawid-Skene, so steadier on
 * workers with few answers. EM from majority vote; gold tasks held at their known class.
 */
public final class OneCoin {

    static final int MAX_ITERATIONS = 100;
    static final double TOLERANCE = 1e-6;

    private OneCoin() {
    }

    public static Aggregate aggregate(Answers a, Map<Integer, Integer> gold) {
        int k = a.classes();
        double[] p = Posteriors.voteShares(a, null);
        Posteriors.clampGold(p, k, gold);
        double[] logRight = new double[a.workers()];
        double[] logWrong = new double[a.workers()];
        double[] post = new double[p.length];
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double[] right = new double[a.workers()];
            int[] count = new int[a.workers()];
            for (int n = 0; n < a.size(); n++) {
                right[a.worker(n)] += p[a.task(n) * k + a.label(n)];
                count[a.worker(n)]++;
            }
            for (int w = 0; w < right.length; w++) {
                double accuracy = Math.min(Math.max((right[w] + 1) / (count[w] + 2), 1e-4), 1 - 1e-4);
                logRight[w] = Math.log(accuracy);
                logWrong[w] = Math.log((1 - accuracy) / (k - 1));
            }
            // No class prior, as in ZenCrowd: with one accuracy per worker, a learned prior can feed on
            // itself until every task gets the most common class.
            double[] logPrior = new double[k];
            for (int t = 0; t < a.tasks(); t++) {
                System.arraycopy(logPrior, 0, post, t * k, k);
            }
            for (int n = 0; n < a.size(); n++) {
                int row = a.task(n) * k;
                int w = a.worker(n);
                for (int c = 0; c < k; c++) {
                    post[row + c] += c == a.label(n) ? logRight[w] : logWrong[w];
                }
            }
            double change = Posteriors.normaliseLogInto(post, p, k);
            Posteriors.clampGold(p, k, gold);
            if (change < TOLERANCE) {
                break;
            }
        }
        return Posteriors.result(a, p, gold);
    }
}
