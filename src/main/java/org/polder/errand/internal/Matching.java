package org.polder.errand.internal;

import java.util.Arrays;

/**
 * Pairs waiting errands with free couriers. {@link #optimal} minimises the total pickup distance over
 * all pairs at once (the Hungarian method, O(n²m)); {@link #greedy} gives each errand, in turn, the
 * nearest courier still free. Costs of {@link #NONE} mark pairs that may not be made (a courier too
 * far away); such rows stay unmatched.
 */
public final class Matching {

    public static final double NONE = Double.POSITIVE_INFINITY;
    /** Stands in for NONE inside the algorithm, which needs finite numbers. */
    private static final double FORBIDDEN = 1e9;

    private Matching() {
    }

    /** For each row (errand), the column (courier) it gets, or -1; the total of the chosen costs is the least possible. */
    public static int[] optimal(double[][] cost) {
        int rows = cost.length;
        int cols = rows == 0 ? 0 : cost[0].length;
        int[] result = new int[rows];
        Arrays.fill(result, -1);
        if (rows == 0 || cols == 0) {
            return result;
        }
        boolean transpose = rows > cols;
        int n = transpose ? cols : rows;
        int m = transpose ? rows : cols;
        // Potentials u (rows) and v (columns), p[j] = row matched to column j, all 1-based with 0 as the free slot.
        double[] u = new double[n + 1], v = new double[m + 1];
        int[] p = new int[m + 1], way = new int[m + 1];
        for (int i = 1; i <= n; i++) {
            p[0] = i;
            int j0 = 0;
            double[] minv = new double[m + 1];
            Arrays.fill(minv, Double.MAX_VALUE);
            boolean[] used = new boolean[m + 1];
            do {
                used[j0] = true;
                int i0 = p[j0], j1 = 0;
                double delta = Double.MAX_VALUE;
                for (int j = 1; j <= m; j++) {
                    if (!used[j]) {
                        double c = at(cost, transpose, i0 - 1, j - 1);
                        double cur = c - u[i0] - v[j];
                        if (cur < minv[j]) {
                            minv[j] = cur;
                            way[j] = j0;
                        }
                        if (minv[j] < delta) {
                            delta = minv[j];
                            j1 = j;
                        }
                    }
                }
                for (int j = 0; j <= m; j++) {
                    if (used[j]) {
                        u[p[j]] += delta;
                        v[j] -= delta;
                    } else {
                        minv[j] -= delta;
                    }
                }
                j0 = j1;
            } while (p[j0] != 0);
            do {
                int j1 = way[j0];
                p[j0] = p[j1];
                j0 = j1;
            } while (j0 != 0);
        }
        for (int j = 1; j <= m; j++) {
            if (p[j] == 0) {
                continue;
            }
            int row = transpose ? j - 1 : p[j] - 1;
            int col = transpose ? p[j] - 1 : j - 1;
            if (cost[row][col] != NONE) {
                result[row] = col;
            }
        }
        return result;
    }

    private static double at(double[][] cost, boolean transpose, int i, int j) {
        double c = transpose ? cost[j][i] : cost[i][j];
        return c == NONE ? FORBIDDEN : c;
    }

    /** Each row in order takes the cheapest column nobody took yet. */
    public static int[] greedy(double[][] cost) {
        int[] result = new int[cost.length];
        Arrays.fill(result, -1);
        boolean[] taken = new boolean[cost.length == 0 ? 0 : cost[0].length];
        for (int i = 0; i < cost.length; i++) {
            int best = -1;
            for (int j = 0; j < taken.length; j++) {
                if (!taken[j] && cost[i][j] != NONE && (best < 0 || cost[i][j] < cost[i][best])) {
                    best = j;
                }
            }
            if (best >= 0) {
                taken[best] = true;
                result[i] = best;
            }
        }
        return result;
    }

    public static double total(double[][] cost, int[] assignment) {
        double sum = 0;
        for (int i = 0; i < assignment.length; i++) {
            if (assignment[i] >= 0) {
                sum += cost[i][assignment[i]];
            }
        }
        return sum;
    }
}
