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
    @EnumSource(value = Method.class, names = {"WEIGHTED_MAJORITY_VOTE", "DAWID_SKENE", "ONE_COIN", "WAWA", "GLAD", "MACE"})
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

    @Test
    void wawaWeighsEachWorkerByAgreementWithTheMajority() {
        // Majority: t1 class 0, t2 class 1, t3 class 1 (two of three), t4 class 1. Agreement with it: w1 2/3, w2 1, w3 2/3, w4 1.
        Answers a = Answers.builder(2)
                .add("t1", "w1", 0).add("t1", "w2", 0).add("t1", "w3", 1)
                .add("t2", "w1", 1).add("t2", "w2", 1).add("t2", "w3", 1)
                .add("t3", "w1", 0).add("t3", "w3", 1).add("t3", "w4", 1)
                .add("t4", "w4", 1).build();
        Aggregate r = Method.WAWA.aggregate(a);
        assertThat(r.labels()).containsExactly(0, 1, 1, 1);
        // t1: (2/3 + 1) for class 0 against 2/3; t3: (2/3 + 1) for class 1 against 2/3: both 5/7.
        assertThat(r.confidence()[0]).isCloseTo(5.0 / 7, org.assertj.core.api.Assertions.within(1e-5));
        assertThat(r.confidence()[2]).isCloseTo(5.0 / 7, org.assertj.core.api.Assertions.within(1e-5));
    }

    @Test
    void maceSeesThroughWorkersWhoAlwaysGiveTheSameAnswer() {
        // 45% of the workers always answer class 0, whatever the task; the rest are right 75% of the time.
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        int[] truth = new int[2000];
        Answers.Builder b = Answers.builder(2);
        for (int t = 0; t < truth.length; t++) {
            truth[t] = random.nextInt(2);
            for (int j = 0; j < 5; j++) {
                int w = random.nextInt(40);
                int label = w < 18 ? 0 : random.nextDouble() < 0.75 ? truth[t] : 1 - truth[t];
                b.add("t" + t, "w" + w, label);
            }
        }
        Answers a = b.build();
        java.util.function.ToDoubleFunction<Aggregate> accuracy = r -> {
            int right = 0;
            for (int t = 0; t < truth.length; t++) {
                right += r.label(a.taskId(t).equals("t" + t) ? t : -1) == truth[t] ? 1 : 0;
            }
            return (double) right / truth.length;
        };
        double mv = accuracy.applyAsDouble(Method.MAJORITY_VOTE.aggregate(a));
        double mace = accuracy.applyAsDouble(Method.MACE.aggregate(a));
        assertThat(mace).isGreaterThan(mv + 0.1);
        // One accuracy per worker takes the habitual answerers for reliable ones (they agree with each other).
        double oneCoin = accuracy.applyAsDouble(Method.ONE_COIN.aggregate(a));
        assertThat(mace).isGreaterThan(oneCoin + 0.2);
        assertThat(mace).isGreaterThan(0.8);
    }

    @Test
    void theAnswersThemselvesSayWhichModelFitsThemBest() {
        // A crowd with adversaries (always one particular wrong class): a model of each worker's confusion explains
        // held-out answers far better than a plain vote; the best-supported model is at least as accurate as the vote.
        SimulatedCrowd crowd = SimulatedCrowd.of(1500, 50, 5, 3, 0.5, 0.2, 0.2, 11);
        java.util.List<ModelChoice.Fit> fits = ModelChoice.compare(crowd.answers, 1);
        assertThat(fits).hasSize(Method.values().length);
        assertThat(fits).allSatisfy(f -> assertThat(f.logLikelihood()).isNegative().isGreaterThan(Math.log(1e-12)));
        double mv = fits.stream().filter(f -> f.method() == Method.MAJORITY_VOTE).findFirst().orElseThrow().logLikelihood();
        double ds = fits.stream().filter(f -> f.method() == Method.DAWID_SKENE).findFirst().orElseThrow().logLikelihood();
        assertThat(ds).isGreaterThan(mv);
        Method best = fits.get(0).method();
        assertThat(crowd.accuracy(best.aggregate(crowd.answers))).isGreaterThanOrEqualTo(crowd.accuracy(Method.MAJORITY_VOTE.aggregate(crowd.answers)));
        assertThat(ModelChoice.compare(crowd.answers, 1)).as("the same folds every time").isEqualTo(fits);
    }

    private static double accuracyAfter(SimulatedCrowd crowd, Aggregate r, int from) {
        int right = 0;
        for (int t = from; t < crowd.truth.length; t++) {
            right += r.label(t) == crowd.truth[t] ? 1 : 0;
        }
        return (double) right / (crowd.truth.length - from);
    }
}
