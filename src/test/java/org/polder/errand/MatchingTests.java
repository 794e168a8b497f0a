package org.polder.errand;

import org.polder.errand.internal.Matching;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Batch matching finds the least total pickup distance: checked against every permutation on small cases. */
class MatchingTests {

    @Test
    void greedyCanBeWorseAndOptimalIsNot() {
        // Errand 0 is a little nearer to courier 0, but errand 1 can only use courier 0.
        double[][] cost = {{1.0, 1.5}, {1.1, Matching.NONE}};
        assertThat(Matching.greedy(cost)).containsExactly(0, -1);
        assertThat(Matching.optimal(cost)).containsExactly(1, 0);
    }

    @Test
    void optimalIsTheBestOfAllAssignments() {
        Random random = new Random(11);
        for (int round = 0; round < 300; round++) {
            int rows = 1 + random.nextInt(5), cols = 1 + random.nextInt(5);
            double[][] cost = new double[rows][cols];
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    cost[i][j] = random.nextInt(6) == 0 ? Matching.NONE : Math.round(random.nextDouble() * 100) / 10.0;
                }
            }
            int[] got = Matching.optimal(cost);
            int matched = 0;
            boolean[] used = new boolean[cols];
            for (int c : got) {
                if (c >= 0) {
                    assertThat(used[c]).as("a courier is given twice").isFalse();
                    used[c] = true;
                    matched++;
                }
            }
            double[] best = best(cost, 0, new boolean[cols]);
            assertThat(matched).as("pairs made").isEqualTo((int) best[0]);
            assertThat(Matching.total(cost, got)).isCloseTo(best[1], org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    /** {most pairs, least total for that many} over every assignment. */
    private static double[] best(double[][] cost, int row, boolean[] used) {
        if (row == cost.length) {
            return new double[]{0, 0};
        }
        double[] best = best(cost, row + 1, used);
        for (int j = 0; j < used.length; j++) {
            if (!used[j] && cost[row][j] != Matching.NONE) {
                used[j] = true;
                double[] rest = best(cost, row + 1, used);
                used[j] = false;
                double pairs = rest[0] + 1, total = rest[1] + cost[row][j];
                if (pairs > best[0] || (pairs == best[0] && total < best[1] - 1e-12)) {
                    best = new double[]{pairs, total};
                }
            }
        }
        return best;
    }
}
