package org.polder.quality;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class AggregationTests {

    @Test
    void majorityVoteCountsVotesAndReportsTheShareAsConfidence() {
        Answers a = Answers.builder(3)
                .add("t1", "a", 0).add("t1", "b", 0).add("t1", "c", 2)
                .add("t2", "a", 1).add("t2", "b", 1).add("t2", "c", 1)
                .build();
        Aggregate r = Method.MAJORITY_VOTE.aggregate(a);
        assertThat(r.label(0)).isZero();
        assertThat(r.confidence()[0]).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(r.label(1)).isEqualTo(1);
        assertThat(r.confidence()[1]).isEqualTo(1.0);
    }

    @Test
    void tasksWithoutAnswersGetNoLabel() {
        Answers.Builder b = Answers.builder(2);
        b.task("empty");
        b.add("t", "w", 1);
        Answers a = b.build();
        for (Method m : Method.values()) {
            assertThat(m.aggregate(a).label(0)).as(m.name()).isEqualTo(-1);
            assertThat(m.aggregate(a).label(1)).as(m.name()).isEqualTo(1);
        }
    }

    @Test
    void tiesAreBrokenTheSameWayEveryRun() {
        Answers.Builder b = Answers.builder(2);
        for (int t = 0; t < 200; t++) {
            b.add("t" + t, "a", 0).add("t" + t, "b", 1);
        }
        Answers a = b.build();
        int[] first = Method.MAJORITY_VOTE.aggregate(a).labels();
        assertThat(Method.MAJORITY_VOTE.aggregate(a).labels()).isEqualTo(first);
        long ones = java.util.Arrays.stream(first).filter(l -> l == 1).count();
        assertThat(ones).as("random, not always the first class").isBetween(60L, 140L);
    }

    @Test
    void dawidSkeneBeatsMajorityVoteWhenSpammersAndAdversariesAreInTheCrowd() {
        SimulatedCrowd crowd = SimulatedCrowd.of(2000, 60, 5, 4, 0.45, 0.25, 0.1, 1);
        double mv = crowd.accuracy(Method.MAJORITY_VOTE.aggregate(crowd.answers));
        double ds = crowd.accuracy(Method.DAWID_SKENE.aggregate(crowd.answers));
        assertThat(ds).isGreaterThan(mv + 0.05);
        assertThat(ds).isGreaterThan(0.9);
    }

    @ParameterizedTest
    @EnumSource(Method.class)
    void everyMethodRecoversTheTruthFromAMostlyReliableCrowd(Method method) {
        SimulatedCrowd crowd = SimulatedCrowd.of(1000, 40, 5, 2, 0.7, 0.2, 0.0, 2);
        assertThat(crowd.accuracy(method.aggregate(crowd.answers))).as(method.name()).isGreaterThan(0.9);
    }

    @ParameterizedTest
    @EnumSource(value = Method.class, names = {"WEIGHTED_MAJORITY_VOTE", "DAWID_SKENE", "ONE_COIN"})
    void modelsThatWeighWorkersFindTheSpammers(Method method) {
        SimulatedCrowd crowd = SimulatedCrowd.of(3000, 50, 5, 2, 0.5, 0.5, 0.0, 3);
        Aggregate r = method.aggregate(crowd.answers);
        double mv = crowd.accuracy(Method.MAJORITY_VOTE.aggregate(crowd.answers));
        assertThat(crowd.accuracy(r)).as(method.name()).isGreaterThanOrEqualTo(mv);
    }

    @Test
    void goldAnswersAreHeldFixedAndInformTheModel() {
        SimulatedCrowd crowd = SimulatedCrowd.of(500, 30, 3, 4, 0.3, 0.5, 0.2, 4);
        Map<Integer, Integer> gold = new HashMap<>();
        for (int t = 0; t < 100; t++) {
            gold.put(t, crowd.truth[t]);
        }
        for (Method m : Method.values()) {
            Aggregate withGold = m.aggregate(crowd.answers, gold);
            for (int t = 0; t < 100; t++) {
                assertThat(withGold.label(t)).isEqualTo(crowd.truth[t]);
                assertThat(withGold.confidence()[t]).isEqualTo(1.0);
            }
        }
        double without = accuracyAfter(crowd, Method.DAWID_SKENE.aggregate(crowd.answers), 100);
        double with = accuracyAfter(crowd, Method.DAWID_SKENE.aggregate(crowd.answers, gold), 100);
        assertThat(with).isGreaterThanOrEqualTo(without);
    }

    @Test
    void workerAccuracyIsEstimated() {
        SimulatedCrowd crowd = SimulatedCrowd.of(2000, 20, 6, 2, 0.6, 0.4, 0.0, 5);
        Aggregate r = Method.DAWID_SKENE.aggregate(crowd.answers);
        double best = java.util.Arrays.stream(r.workerAccuracy()).max().orElseThrow();
        double worst = java.util.Arrays.stream(r.workerAccuracy()).min().orElseThrow();
        assertThat(best).isGreaterThan(0.8);
        assertThat(worst).isLessThan(0.6);
    }

    private static double accuracyAfter(SimulatedCrowd crowd, Aggregate r, int from) {
        int right = 0;
        for (int t = from; t < crowd.truth.length; t++) {
            right += r.label(t) == crowd.truth[t] ? 1 : 0;
        }
        return (double) right / (crowd.truth.length - from);
    }
}
