package org.polder.quality.internal;

import org.polder.quality.Aggregate;
import org.polder.quality.Answers;

import java.util.Map;

/**
 * GLAD (Whitehill et al., NeurIPS 2009): a worker of ability {@code alpha} answers a task of easiness {@code beta > 0}
 * right with probability sigmoid(alpha * beta), and otherwise picks any other class alike. EM: the E-step gives each
 * task's posterior; the M-step raises the expected log-likelihood in alpha and log beta by a few Newton steps, with
 * Gaussian priors alpha ~ N(1, 1) and log beta ~ N(0, 1) as in the paper's code. Gold tasks are held at their class.
 */
public final class Glad {

    static final int MAX_ITERATIONS = 100;
    static final double TOLERANCE = 1e-6;
    static final int NEWTON_STEPS = 3;

    private Glad() {
    }

    public static Aggregate aggregate(Answers a, Map<Integer, Integer> gold) {
        int k = a.classes();
        int tasks = a.tasks();
        double[] p = Posteriors.voteShares(a, null);
        Posteriors.clampGold(p, k, gold);
        double[] alpha = new double[a.workers()];
        double[] logBeta = new double[tasks];
        java.util.Arrays.fill(alpha, 1);
        double[] logPost = new double[tasks * k];
        double[] right = new double[a.size()];   // P(the answer is right) under the current posteriors
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            for (int n = 0; n < a.size(); n++) {
                right[n] = p[a.task(n) * k + a.label(n)];
            }
            for (int step = 0; step < NEWTON_STEPS; step++) {
                double[] gradA = new double[alpha.length];
                double[] hessA = new double[alpha.length];
                double[] gradB = new double[tasks];
                double[] hessB = new double[tasks];
                for (int n = 0; n < a.size(); n++) {
                    int w = a.worker(n);
                    int t = a.task(n);
                    double beta = Math.exp(logBeta[t]);
                    double z = alpha[w] * beta;
                    double s = sigmoid(z);
                    double residual = right[n] - s;
                    gradA[w] += residual * beta;
                    hessA[w] += s * (1 - s) * beta * beta;
                    gradB[t] += residual * z;
                    hessB[t] += s * (1 - s) * z * z;
                }
                // Newton steps, each at most 0.5 long: a longer one can overshoot into the mirror solution (every ability
                // negative, every label flipped), which explains two-class answers just as well.
                for (int w = 0; w < alpha.length; w++) {
                    alpha[w] += clamp((gradA[w] - (alpha[w] - 1)) / (hessA[w] + 1), 0.5);
                }
                for (int t = 0; t < tasks; t++) {
                    logBeta[t] = Math.max(-5, Math.min(5, logBeta[t] + clamp((gradB[t] - logBeta[t]) / (hessB[t] + 1), 0.5)));
                }
            }
            // No class prior, as in the paper's code (uniform): a learned prior feeds on itself when abilities are free.
            java.util.Arrays.fill(logPost, 0);
            for (int n = 0; n < a.size(); n++) {
                double s = Math.min(Math.max(sigmoid(alpha[a.worker(n)] * Math.exp(logBeta[a.task(n)])), 1e-9), 1 - 1e-9);
                double logRight = Math.log(s);
                double logWrong = Math.log((1 - s) / (k - 1));
                int row = a.task(n) * k;
                for (int c = 0; c < k; c++) {
                    logPost[row + c] += c == a.label(n) ? logRight : logWrong;
                }
            }
            double change = Posteriors.normaliseLogInto(logPost, p, k);
            Posteriors.clampGold(p, k, gold);
            if (change < TOLERANCE) {
                break;
            }
        }
        return Posteriors.result(a, p, gold);
    }

    private static double clamp(double step, double most) {
        return Math.max(-most, Math.min(most, step));
    }

    static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }
}
