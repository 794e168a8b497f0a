package org.polder.quality.internal;

import org.polder.quality.Aggregate;
import org.polder.quality.Answers;

import java.util.Map;

/**
 * Dawid and Skene (1979). Each worker has a confusion matrix (the chance of answering class l when
 * the truth is k); EM alternates between estimating the truth of each task (E) and the matrices and
 * class priors (M), starting from majority vote. A small Dirichlet prior keeps workers with few
 * answers from getting extreme matrices. Gold tasks are held at their known class.
 */
public final class DawidSkene {

    /**
     * @param maxIterations   EM rounds at most
     * @param tolerance       stop when no posterior moves more than this
     * @param diagonalPrior   pseudo-count added to each worker's right answers
     * @param offDiagonalPrior pseudo-count added to each kind of wrong answer
     * @param populationPrior  weight, in answers, of the crowd's own confusion matrix as every worker's prior
     *                         (0: none); helps where most workers answered little
     */
    public record Options(int maxIterations, double tolerance, double diagonalPrior, double offDiagonalPrior,
                          double populationPrior) {

        public Options(int maxIterations, double tolerance, double diagonalPrior, double offDiagonalPrior) {
            this(maxIterations, tolerance, diagonalPrior, offDiagonalPrior, 0);
        }

        /**
         * One pseudo-answer of being right and a tenth of one for each kind of mistake: enough to keep
         * a worker seen on a handful of tasks from looking perfect or perfectly wrong. Chosen once for
         * all data by a sweep over the seven benchmark datasets (bench/truth-inference/RESULTS.md).
         */
        public static final Options DEFAULT = new Options(100, 1e-6, 1.0, 0.1);
        /** The classical setting: next to no prior. */
        public static final Options CLASSICAL = new Options(100, 1e-6, 0.01, 0.01);
    }

    private DawidSkene() {
    }

    public static Aggregate aggregate(Answers a, Map<Integer, Integer> gold, Options options) {
        int k = a.classes();
        int tasks = a.tasks();
        int workers = a.workers();
        double[] p = Posteriors.voteShares(a, null);
        Posteriors.clampGold(p, k, gold);
        boolean[] answered = Posteriors.answered(a);
        double[] prior = new double[k];
        double[] logConfusion = new double[workers * k * k];
        double[] counts = new double[workers * k * k];
        double[] logPost = new double[tasks * k];

        double[] population = new double[k * k];
        for (int iteration = 0; iteration < options.maxIterations(); iteration++) {
            // M-step: class priors and confusion matrices from the current posteriors.
            java.util.Arrays.fill(prior, 0);
            for (int t = 0; t < tasks; t++) {
                if (answered[t]) {
                    for (int c = 0; c < k; c++) {
                        prior[c] += p[t * k + c];
                    }
                }
            }
            double priorSum = 0;
            for (int c = 0; c < k; c++) {
                prior[c] += 0.01;
                priorSum += prior[c];
            }
            double[] logPrior = new double[k];
            for (int c = 0; c < k; c++) {
                logPrior[c] = Math.log(prior[c] / priorSum);
            }
            // The population's confusion matrix (from the last round), as a prior every worker starts from.
            java.util.Arrays.fill(population, 0);
            for (int n = 0; n < a.size(); n++) {
                int row = a.task(n) * k;
                for (int truth = 0; truth < k; truth++) {
                    population[truth * k + a.label(n)] += p[row + truth];
                }
            }
            for (int truth = 0; truth < k; truth++) {
                double sum = 0;
                for (int l = 0; l < k; l++) {
                    sum += population[truth * k + l];
                }
                for (int l = 0; l < k; l++) {
                    population[truth * k + l] = sum == 0 ? 1.0 / k : population[truth * k + l] / sum;
                }
            }
            for (int w = 0; w < workers; w++) {
                for (int truth = 0; truth < k; truth++) {
                    for (int l = 0; l < k; l++) {
                        counts[(w * k + truth) * k + l] = (truth == l ? options.diagonalPrior() : options.offDiagonalPrior())
                                + options.populationPrior() * population[truth * k + l];
                    }
                }
            }
            for (int n = 0; n < a.size(); n++) {
                int base = a.worker(n) * k * k + a.label(n);
                int row = a.task(n) * k;
                for (int truth = 0; truth < k; truth++) {
                    counts[base + truth * k] += p[row + truth];
                }
            }
            for (int row = 0; row < counts.length; row += k) {
                double sum = 0;
                for (int l = 0; l < k; l++) {
                    sum += counts[row + l];
                }
                for (int l = 0; l < k; l++) {
                    logConfusion[row + l] = Math.log(counts[row + l] / sum);
                }
            }

            // E-step: posteriors of each task from the priors and the answers it got.
            for (int t = 0; t < tasks; t++) {
                System.arraycopy(logPrior, 0, logPost, t * k, k);
            }
            for (int n = 0; n < a.size(); n++) {
                int base = a.worker(n) * k * k + a.label(n);
                int row = a.task(n) * k;
                for (int truth = 0; truth < k; truth++) {
                    logPost[row + truth] += logConfusion[base + truth * k];
                }
            }
            double change = Posteriors.normaliseLogInto(logPost, p, k);
            Posteriors.clampGold(p, k, gold);
            if (change < options.tolerance()) {
                break;
            }
        }
        return Posteriors.result(a, p, gold);
    }
}
