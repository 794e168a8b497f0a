package org.polder.quality.internal;

import org.polder.quality.Aggregate;
import org.polder.quality.Answers;

import java.util.Map;

/** Each answer counts once; the confidence is the share of votes for the winner. */
public final class MajorityVote {

    private MajorityVote() {
    }

    public static Aggregate aggregate(Answers a, Map<Integer, Integer> gold) {
        double[] p = Posteriors.voteShares(a, null);
        Posteriors.clampGold(p, a.classes(), gold);
        return Posteriors.result(a, p, gold);
    }
}
