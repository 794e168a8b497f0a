package org.polder.microtask.internal;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class GoldScheduleTests {

    private static List<Integer> positions(int percent, int tasks, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Integer> gold = new ArrayList<>();
        for (int t = 0; t < tasks; t++) {
            if (GoldSchedule.due(gold.size(), t, percent, random::nextDouble)) {
                gold.add(t);
            }
            assertThat(Math.abs(gold.size() - percent / 100.0 * (t + 1))).as("within one question of the rate at task %d", t)
                    .isLessThanOrEqualTo(1.0 + 1e-9);
        }
        return gold;
    }

    @Test
    void theRateHoldsAndThePlacesDifferFromWorkerToWorker() {
        List<Integer> a = positions(10, 10_000, 1);
        List<Integer> b = positions(10, 10_000, 2);
        assertThat(a.size()).isBetween(999, 1001);
        assertThat(b.size()).isBetween(999, 1001);
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void theFirstTaskIsGoldOnlySometimes() {
        int first = 0;
        for (long seed = 0; seed < 1000; seed++) {
            first += positions(10, 1, seed).isEmpty() ? 0 : 1;
        }
        assertThat(first).isBetween(60, 140);
    }

    @Test
    void withoutChanceItIsDeterministic() {
        assertThat(GoldSchedule.due(0, 0, 20, () -> 0.0)).isTrue();
        assertThat(GoldSchedule.due(1, 1, 20, () -> 0.0)).isFalse();
        assertThat(GoldSchedule.due(1, 5, 20, () -> 0.0)).isTrue();
        assertThat(GoldSchedule.due(0, 9, 0, () -> 0.0)).isFalse();
    }
}
