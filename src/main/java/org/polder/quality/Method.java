package org.polder.quality;

import org.polder.quality.internal.DawidSkene;
import org.polder.quality.internal.Glad;
import org.polder.quality.internal.Mace;
import org.polder.quality.internal.Wawa;
import org.polder.quality.internal.MajorityVote;
import org.polder.quality.internal.OneCoin;
import org.polder.quality.internal.WeightedMajorityVote;

import java.util.Map;

/** The aggregation models Polder offers. {@link #DEFAULT} is used unless a requester chooses another. */
public enum Method {
    /** Each answer one vote; ties broken at random (seeded). */
    MAJORITY_VOTE,
    /** Votes weighted by each worker's agreement with the others, re-estimated a few rounds (Wawa-like). */
    WEIGHTED_MAJORITY_VOTE,
    /** Dawid and Skene (1979): EM with a full confusion matrix per worker and class priors. */
    DAWID_SKENE,
    /** One-coin model (ZenCrowd, Demartini et al. 2012): EM with one accuracy per worker. */
    ONE_COIN,
    /** Worker agreement with aggregate (Crowd-Kit's Wawa): majority vote, then one vote weighted by agreement with it. */
    WAWA,
    /** GLAD (Whitehill et al. 2009): each worker's ability and each task's easiness. */
    GLAD,
    /** MACE (Hovy et al. 2013): each worker's competence and, when not competent, their habitual answer. */
    MACE;

    public static final Method DEFAULT = DAWID_SKENE;

    /** Aggregates the answers; {@code gold} maps task index to its known class and is held fixed. */
    public Aggregate aggregate(Answers answers, Map<Integer, Integer> gold) {
        Aggregate result = switch (this) {
            case MAJORITY_VOTE -> MajorityVote.aggregate(answers, gold);
            case WEIGHTED_MAJORITY_VOTE -> WeightedMajorityVote.aggregate(answers, gold);
            case DAWID_SKENE -> DawidSkene.aggregate(answers, gold, DawidSkene.Options.DEFAULT);
            case ONE_COIN -> OneCoin.aggregate(answers, gold);
            case WAWA -> Wawa.aggregate(answers, gold);
            case GLAD -> Glad.aggregate(answers, gold);
            case MACE -> Mace.aggregate(answers, gold);
        };
        return result.by(this);
    }

    public Aggregate aggregate(Answers answers) {
        return aggregate(answers, Map.of());
    }
}
