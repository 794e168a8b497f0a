package org.polder.quality.internal;

import org.polder.quality.Aggregate;
import org.polder.quality.Answers;

import java.util.Map;

/**
 * Votes weighted by how often each worker agrees with the current answers (smoothed, so that one
 * answer says little), re-estimated for a few rounds starting from majority vote. Gold tasks count
 * as known answers when weighing workers.
 */
public final class WeightedMajorityVote {

    static final int ROUNDS = 5;

    private WeightedMajorityVote() {
    }

    public static Aggregate aggregate(Answers a, Map<Integer, Integer> gold) {
        return Posteriors.result(a, shares(a, gold), gold);
    }

    /** The weighted vote shares per task (row-major tasks x classes). */
    static double[] shares(Answers a, Map<Integer, Integer> gold) {
        int k = a.classes();
        double[] p = Posteriors.voteShares(a, null);
        Posteriors.clampGold(p, k, gold);
        for (int round = 0; round < ROUNDS; round++) {
            double[] agree = new double[a.workers()];
            int[] count = new int[a.workers()];
            for (int n = 0; n < a.size(); n++) {
                agree[a.worker(n)] += p[a.task(n) * k + a.label(n)];
                count[a.worker(n)]++;
            }
            double[] weight = new double[a.workers()];
            for (int w = 0; w < weight.length; w++) {
                weight[w] = (agree[w] + 1) / (count[w] + 2);
            }
            p = Posteriors.voteShares(a, weight);
            Posteriors.clampGold(p, k, gold);
        }
        return p;
    }
}
