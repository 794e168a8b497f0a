package org.polder.quality.internal;

import org.polder.quality.Aggregate;
import org.polder.quality.Answers;

import java.util.Map;

/**
 * MACE (Hovy et al., NAACL 2013): each worker either knows the answer (with probability {@code theta}, their
 * competence) or, spamming, picks a class from their own habit {@code xi} (say, always the first option). EM with
 * light smoothing (half a count on competence either way, half a count per class of habit), no class prior, as in
 * the paper. Finds spammers who always give the same answer, which one-coin models take for reliable workers.
 * Gold tasks are held at their class.
 */
public final class Mace {

    static final int MAX_ITERATIONS = 100;
    static final double TOLERANCE = 1e-6;

    private Mace() {
    }

    public static Aggregate aggregate(Answers a, Map<Integer, Integer> gold) {
        int k = a.classes();
        int workers = a.workers();
        double[] p = Posteriors.voteShares(a, null);
        Posteriors.clampGold(p, k, gold);
        double[] theta = new double[workers];
        double[] xi = new double[workers * k];
        double[] logPost = new double[a.tasks() * k];
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            // M-step (from the posteriors; the first round from majority vote, as the other models start).
            double[] competent = new double[workers];
            double[] habit = new double[workers * k];
            int[] count = new int[workers];
            for (int n = 0; n < a.size(); n++) {
                int w = a.worker(n);
                int l = a.label(n);
                double knew = iteration == 0 ? p[a.task(n) * k + l] * 0.8
                        : p[a.task(n) * k + l] * theta[w] / (theta[w] + (1 - theta[w]) * xi[w * k + l]);
                competent[w] += knew;
                habit[w * k + l] += 1 - knew;
                count[w]++;
            }
            for (int w = 0; w < workers; w++) {
                theta[w] = (competent[w] + 0.5) / (count[w] + 1);
                double sum = 0;
                for (int c = 0; c < k; c++) {
                    sum += habit[w * k + c] + 0.5;
                }
                for (int c = 0; c < k; c++) {
                    xi[w * k + c] = (habit[w * k + c] + 0.5) / sum;
                }
            }
            // E-step.
            java.util.Arrays.fill(logPost, 0);
            for (int n = 0; n < a.size(); n++) {
                int w = a.worker(n);
                int l = a.label(n);
                int row = a.task(n) * k;
                double spam = (1 - theta[w]) * xi[w * k + l];
                double logSpam = Math.log(spam);
                double logKnew = Math.log(theta[w] + spam);
                for (int c = 0; c < k; c++) {
                    logPost[row + c] += c == l ? logKnew : logSpam;
                }
            }
            double change = Posteriors.normaliseLogInto(logPost, p, k);
            Posteriors.clampGold(p, k, gold);
            if (change < TOLERANCE) {
                break;
            }
        }
        return Posteriors.result(a, p, gold);
    }
}
