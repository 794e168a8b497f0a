package org.polder.quality.internal;

import org.polder.quality.Aggregate;
import org.polder.quality.Answers;

import java.util.Map;

/**
 * Wawa, "worker agreement with aggregate", as in Crowd-Kit: majority vote first; each worker's skill is the share
 * of their answers that agree with it; then one vote weighted by skill. (WEIGHTED_MAJORITY_VOTE repeats the
 * weighing a few rounds with smoothed weights; Wawa is the one-round original.) Gold tasks count as known answers.
 */
public final class Wawa {

    private Wawa() {
    }

    public static Aggregate aggregate(Answers a, Map<Integer, Integer> gold) {
        int k = a.classes();
        Aggregate vote = MajorityVote.aggregate(a, gold);
        double[] agree = new double[a.workers()];
        int[] count = new int[a.workers()];
        for (int n = 0; n < a.size(); n++) {
            agree[a.worker(n)] += vote.label(a.task(n)) == a.label(n) ? 1 : 0;
            count[a.worker(n)]++;
        }
        double[] skill = new double[a.workers()];
        for (int w = 0; w < skill.length; w++) {
            skill[w] = count[w] == 0 ? 0 : agree[w] / count[w] + 1e-6;   // never quite zero: a task answered only by such workers still counts votes
        }
        double[] p = Posteriors.voteShares(a, skill);
        Posteriors.clampGold(p, k, gold);
        return Posteriors.result(a, p, gold);
    }
}
