package org.polder.quality;

import java.util.SplittableRandom;

/** A crowd with known truth for tests: reliable workers, careless ones, spammers and adversaries. */
public final class SimulatedCrowd {

    public final Answers answers;
    public final int[] truth;

    private SimulatedCrowd(Answers answers, int[] truth) {
        this.answers = answers;
        this.truth = truth;
    }

    /**
     * @param reliable    share of workers right 80-95% of the time
     * @param spammers    share answering at random
     * @param adversaries share who answer wrong on purpose (a fixed wrong class per true class)
     *                    (the rest are careless: right 50-65% of the time)
     */
    public static SimulatedCrowd of(int tasks, int workers, int perTask, int classes, double reliable, double spammers,
                                    double adversaries, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] truth = new int[tasks];
        for (int t = 0; t < tasks; t++) {
            truth[t] = random.nextInt(classes);
        }
        double[] accuracy = new double[workers];
        boolean[] adversary = new boolean[workers];
        for (int w = 0; w < workers; w++) {
            double r = random.nextDouble();
            if (r < reliable) {
                accuracy[w] = 0.8 + 0.15 * random.nextDouble();
            } else if (r < reliable + spammers) {
                accuracy[w] = -1;
            } else if (r < reliable + spammers + adversaries) {
                adversary[w] = true;
            } else {
                accuracy[w] = 0.5 + 0.15 * random.nextDouble();
            }
        }
        Answers.Builder builder = Answers.builder(classes);
        for (int t = 0; t < tasks; t++) {
            builder.task("t" + t);
            int first = random.nextInt(workers);
            for (int j = 0; j < perTask; j++) {
                int w = (first + j * 7919) % workers;
                int label;
                if (adversary[w]) {
                    label = (truth[t] + 1) % classes;
                } else if (accuracy[w] < 0) {
                    label = random.nextInt(classes);
                } else {
                    label = random.nextDouble() < accuracy[w] ? truth[t] : (truth[t] + 1 + random.nextInt(classes - 1)) % classes;
                }
                builder.add("t" + t, "w" + w, label);
            }
        }
        return new SimulatedCrowd(builder.build(), truth);
    }

    public double accuracy(Aggregate result) {
        int right = 0;
        for (int t = 0; t < truth.length; t++) {
            right += result.label(t) == truth[t] ? 1 : 0;
        }
        return (double) right / truth.length;
    }
}
