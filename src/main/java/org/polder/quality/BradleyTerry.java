package org.polder.quality;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pairwise comparisons ("which of the two is better") turned into one score per item with the Bradley-Terry model:
 * item i beats item j with probability s_i / (s_i + s_j). Fitted with Hunter's (2004) MM iteration, as Crowd-Kit's
 * BradleyTerry is. With {@code prior > 0} every item also wins and loses {@code prior} virtual comparisons against an
 * item of average strength, so that an item that never lost still gets a finite score.
 */
public final class BradleyTerry {

    /** The prior used for requesters' batches: half a win and half a loss against an average item. */
    public static final double DEFAULT_PRIOR = 0.5;

    private BradleyTerry() {
    }

    /** One comparison's outcome. */
    public record Comparison(String winner, String loser) {
    }

    /** An item's score (scores sum to 1), its real wins and how often it was compared. */
    public record Ranked(String item, double score, int wins, int comparisons) {
    }

    /** The items, best first. */
    public record Ranking(List<Ranked> items) {

        public double score(String item) {
            return items.stream().filter(r -> r.item().equals(item)).mapToDouble(Ranked::score).findFirst().orElse(Double.NaN);
        }

        /** The model's probability that {@code a} beats {@code b}. */
        public double probability(String a, String b) {
            double sa = score(a);
            double sb = score(b);
            return sa / (sa + sb);
        }
    }

    public static Ranking fit(List<Comparison> comparisons, double prior) {
        Map<String, Integer> index = new LinkedHashMap<>();
        for (Comparison c : comparisons) {
            index.putIfAbsent(c.winner(), index.size());
            index.putIfAbsent(c.loser(), index.size());
        }
        int n = index.size();
        double[][] games = new double[n][n];   // games[i][j]: comparisons of i and j
        double[] wins = new double[n];
        int[] realWins = new int[n];
        int[] compared = new int[n];
        for (Comparison c : comparisons) {
            int w = index.get(c.winner());
            int l = index.get(c.loser());
            if (w == l) {
                continue;
            }
            games[w][l]++;
            games[l][w]++;
            wins[w]++;
            realWins[w]++;
            compared[w]++;
            compared[l]++;
        }
        double[] s = new double[n];
        java.util.Arrays.fill(s, 1.0 / Math.max(1, n));
        for (int iteration = 0; iteration < 10_000; iteration++) {
            double average = 1.0 / n;
            double[] next = new double[n];
            double total = 0;
            for (int i = 0; i < n; i++) {
                double denominator = 0;
                for (int j = 0; j < n; j++) {
                    if (games[i][j] > 0) {
                        denominator += games[i][j] / (s[i] + s[j]);
                    }
                }
                double w = wins[i];
                if (prior > 0) {
                    w += prior;
                    denominator += 2 * prior / (s[i] + average);
                }
                next[i] = denominator == 0 ? s[i] : w / denominator;
                total += next[i];
            }
            double change = 0;
            for (int i = 0; i < n; i++) {
                next[i] /= total;
                change = Math.max(change, Math.abs(next[i] - s[i]));
            }
            s = next;
            if (change < 1e-12) {
                break;
            }
        }
        List<Ranked> ranked = new ArrayList<>();
        for (Map.Entry<String, Integer> e : index.entrySet()) {
            int i = e.getValue();
            ranked.add(new Ranked(e.getKey(), s[i], realWins[i], compared[i]));
        }
        ranked.sort(Comparator.comparingDouble(Ranked::score).reversed().thenComparing(Ranked::item));
        return new Ranking(List.copyOf(ranked));
    }
}
