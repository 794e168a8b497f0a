package org.polder.quality;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Which aggregation model the answers themselves support best, without gold: k-fold cross-validation on the answers.
 * Each model is fitted without one fold; its estimate of each task's truth must then explain the answers left out,
 * through the same answer model for every method (each worker's confusion matrix estimated from the answers kept,
 * with the smoothing of {@code DawidSkene.Options.DEFAULT} and the crowd's matrix for a worker never seen). The
 * figure is the mean log-likelihood per left-out answer: higher is better, and it costs no known answers.
 */
public final class ModelChoice {

    public static final int FOLDS = 5;

    private ModelChoice() {
    }

    /** A model's mean log-likelihood per held-out answer (natural log; 0 would be a perfect prediction). */
    public record Fit(Method method, double logLikelihood) {

        /** The geometric mean of the probabilities the model gave the held-out answers: 1 would be a perfect prediction. */
        public double perAnswer() {
            return Math.exp(logLikelihood);
        }
    }

    /** Every model, best supported first; needs at least {@link #FOLDS} answers. */
    public static List<Fit> compare(Answers a, long seed) {
        List<Fit> fits = new ArrayList<>();
        for (Method m : Method.values()) {
            fits.add(new Fit(m, heldOut(m, a, seed)));
        }
        fits.sort(Comparator.comparingDouble(Fit::logLikelihood).reversed());
        return fits;
    }

    /** The mean log-likelihood of held-out answers under {@code method}, over {@link #FOLDS} folds. */
    public static double heldOut(Method method, Answers a, long seed) {
        int n = a.size();
        int[] fold = new int[n];
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        for (int i = 0; i < n; i++) {
            fold[order[i]] = i % FOLDS;
        }
        int k = a.classes();
        double total = 0;
        int counted = 0;
        for (int f = 0; f < FOLDS; f++) {
            Answers.Builder b = Answers.builder(k);
            for (int t = 0; t < a.tasks(); t++) {
                b.task(a.taskId(t));            // every task, in the same order, so that indices match
            }
            for (int i = 0; i < n; i++) {
                if (fold[i] != f) {
                    b.add(a.taskId(a.task(i)), a.workerId(a.worker(i)), a.label(i));
                }
            }
            Answers train = b.build();
            Aggregate fitted = method.aggregate(train);
            double[] q = fitted.posteriors();
            Map<String, double[]> confusion = confusion(train, q);
            double[] population = confusion.get(null);
            double[] classes = classShares(train);
            boolean[] seen = new boolean[a.tasks()];
            for (int i = 0; i < train.size(); i++) {
                seen[train.task(i)] = true;
            }
            for (int i = 0; i < n; i++) {
                if (fold[i] != f) {
                    continue;
                }
                int t = a.task(i);
                double[] pi = confusion.getOrDefault(a.workerId(a.worker(i)), population);
                double probability = 0;
                for (int c = 0; c < k; c++) {
                    double truth = seen[t] ? q[t * k + c] : classes[c];
                    probability += truth * pi[c * k + a.label(i)];
                }
                total += Math.log(Math.max(probability, 1e-12));
                counted++;
            }
        }
        return counted == 0 ? Double.NaN : total / counted;
    }

    /** Each worker's confusion matrix (truth x answer, rows summing to 1), smoothed; the crowd's under the key null. */
    private static Map<String, double[]> confusion(Answers a, double[] q) {
        int k = a.classes();
        double[] crowd = new double[k * k];
        double[][] counts = new double[a.workers()][k * k];
        for (int i = 0; i < a.size(); i++) {
            for (int c = 0; c < k; c++) {
                double weight = q[a.task(i) * k + c];
                counts[a.worker(i)][c * k + a.label(i)] += weight;
                crowd[c * k + a.label(i)] += weight;
            }
        }
        Map<String, double[]> result = new HashMap<>();
        double[] population = rows(crowd, k, 1.0, 0.1);
        result.put(null, population);
        for (int w = 0; w < a.workers(); w++) {
            result.put(a.workerId(w), rows(counts[w], k, 1.0, 0.1));
        }
        return result;
    }

    private static double[] rows(double[] counts, int k, double diagonal, double offDiagonal) {
        double[] out = new double[k * k];
        for (int c = 0; c < k; c++) {
            double sum = 0;
            for (int l = 0; l < k; l++) {
                out[c * k + l] = counts[c * k + l] + (c == l ? diagonal : offDiagonal);
                sum += out[c * k + l];
            }
            for (int l = 0; l < k; l++) {
                out[c * k + l] /= sum;
            }
        }
        return out;
    }

    private static double[] classShares(Answers a) {
        double[] shares = new double[a.classes()];
        for (int i = 0; i < a.size(); i++) {
            shares[a.label(i)]++;
        }
        for (int c = 0; c < shares.length; c++) {
            shares[c] = (shares[c] + 1) / (a.size() + shares.length);
        }
        return shares;
    }
}
