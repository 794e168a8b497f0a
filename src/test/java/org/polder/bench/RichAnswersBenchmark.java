package org.polder.bench;

import org.polder.quality.BoxAggregation;
import org.polder.quality.BradleyTerry;
import org.polder.quality.ScaleAggregation;
import org.polder.quality.TextAgreement;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * The aggregations of richer answers (boxes, comparisons, free text, ratings) on simulated crowds whose truth is
 * known, each beside a simple baseline measured in the same run: one worker's answer, win counts, the raw most
 * frequent text, the mean. Not a test: run it with {@code bench/rich-answers/run}; results in RESULTS.md there.
 *
 * <p>Every crowd mixes careful workers, sloppy ones and spammers (answers at random); the seeds are fixed, so a
 * run gives the same figures on any machine (times aside).
 */
public final class RichAnswersBenchmark {

    static final int SEEDS = 5;

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "bench/rich-answers/RESULTS.md");
        StringBuilder report = new StringBuilder();
        report.append("# Richer answers on simulated crowds: results\n\n")
                .append("Produced by `bench/rich-answers/run` (which runs `org.polder.bench.RichAnswersBenchmark`) on ")
                .append(LocalDate.now()).append(", with Java ").append(System.getProperty("java.version")).append(" on ")
                .append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.arch")).append(" (")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores available to the JVM).\n\n")
                .append("Each figure is the mean over ").append(SEEDS).append(" seeded crowds. Crowds: 60% careful workers, 25% sloppy ones, ")
                .append("15% spammers who answer at random. The baseline of each table is measured in the same run; the ratio is ours / baseline ")
                .append("(higher is better for F1 and accuracy; lower is better for errors); for Kendall's tau, which the baseline can bring ")
                .append("to zero, the difference.\n\n");
        report.append(boxes()).append(pairwise()).append(text()).append(ratings());
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, report.toString(), StandardCharsets.UTF_8);
        System.out.println(report);
    }

    // Workers: kind 0 careful, 1 sloppy, 2 spammer.
    static int kind(SplittableRandom r) {
        double u = r.nextDouble();
        return u < 0.6 ? 0 : u < 0.85 ? 1 : 2;
    }

    // ---- Boxes ------------------------------------------------------------------------------------------------

    static BoxAggregation.Box randomBox(SplittableRandom r) {
        double w = 0.1 + 0.25 * r.nextDouble();
        double h = 0.1 + 0.25 * r.nextDouble();
        return new BoxAggregation.Box(r.nextDouble() * (1 - w), r.nextDouble() * (1 - h), w, h, null);
    }

    static List<BoxAggregation.Box> drawn(List<BoxAggregation.Box> truth, int kind, SplittableRandom r) {
        List<BoxAggregation.Box> boxes = new ArrayList<>();
        if (kind == 2) {
            int n = r.nextInt(4);
            for (int i = 0; i < n; i++) {
                boxes.add(randomBox(r));
            }
            return boxes;
        }
        double jitter = kind == 0 ? 0.05 : 0.15;      // edge noise as a share of the box's size
        double miss = kind == 0 ? 0.05 : 0.2;
        for (BoxAggregation.Box t : truth) {
            if (r.nextDouble() < miss) {
                continue;
            }
            double left = t.x() + gauss(r) * jitter * t.w();
            double right = t.x() + t.w() + gauss(r) * jitter * t.w();
            double top = t.y() + gauss(r) * jitter * t.h();
            double bottom = t.y() + t.h() + gauss(r) * jitter * t.h();
            left = clamp(left);
            right = clamp(right);
            top = clamp(top);
            bottom = clamp(bottom);
            if (right - left > 0.01 && bottom - top > 0.01) {
                boxes.add(new BoxAggregation.Box(left, top, right - left, bottom - top, null));
            }
        }
        if (r.nextDouble() < (kind == 0 ? 0.05 : 0.2)) {
            boxes.add(randomBox(r));   // something that is not there
        }
        return boxes;
    }

    /** F1 of boxes against the truth, a match being IoU >= 0.5 (matched greedily, best first), and the matches' mean IoU. */
    static double[] f1(List<BoxAggregation.Box> found, List<BoxAggregation.Box> truth) {
        record Pair(int f, int t, double iou) {
        }
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < found.size(); i++) {
            for (int j = 0; j < truth.size(); j++) {
                double iou = found.get(i).iou(truth.get(j));
                if (iou >= 0.5) {
                    pairs.add(new Pair(i, j, iou));
                }
            }
        }
        pairs.sort(Comparator.comparingDouble(Pair::iou).reversed());
        boolean[] fu = new boolean[found.size()];
        boolean[] tu = new boolean[truth.size()];
        int matched = 0;
        double iouSum = 0;
        for (Pair p : pairs) {
            if (!fu[p.f()] && !tu[p.t()]) {
                fu[p.f()] = true;
                tu[p.t()] = true;
                matched++;
                iouSum += p.iou();
            }
        }
        double precision = found.isEmpty() ? (truth.isEmpty() ? 1 : 0) : (double) matched / found.size();
        double recall = truth.isEmpty() ? 1 : (double) matched / truth.size();
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new double[]{f1, matched == 0 ? Double.NaN : iouSum / matched};
    }

    static String boxes() {
        StringBuilder t = new StringBuilder("## Bounding boxes: merged by overlap (IoU clustering, median edges)\n\n")
                .append("2,000 pictures per crowd with 0 to 4 objects each; careful workers miss 5% of objects and move edges by 5% of the box, ")
                .append("sloppy ones miss 20% and move edges by 15%; both sometimes add a box where nothing is. Scored by F1 at IoU >= 0.5 ")
                .append("against the true boxes, and the mean IoU of the boxes that match. Baseline: one worker's boxes, picked at random.\n\n")
                .append("| workers per picture | F1 merged | F1 one worker | F1 ratio | mean IoU merged | mean IoU one worker | ms per 1,000 pictures |\n")
                .append("|---:|---:|---:|---:|---:|---:|---:|\n");
        for (int workers : new int[]{3, 5, 7}) {
            double f1Ours = 0;
            double f1Base = 0;
            double iouOurs = 0;
            double iouBase = 0;
            double millis = 0;
            for (int seed = 0; seed < SEEDS; seed++) {
                SplittableRandom r = new SplittableRandom(1000 + seed);
                int[] kinds = new int[50];
                for (int k = 0; k < kinds.length; k++) {
                    kinds[k] = kind(r);
                }
                List<List<BoxAggregation.Box>> truths = new ArrayList<>();
                List<List<List<BoxAggregation.Box>>> answers = new ArrayList<>();
                for (int p = 0; p < 2000; p++) {
                    List<BoxAggregation.Box> truth = new ArrayList<>();
                    int objects = r.nextInt(5);
                    while (truth.size() < objects) {
                        BoxAggregation.Box b = randomBox(r);
                        if (truth.stream().allMatch(o -> o.iou(b) < 0.1)) {
                            truth.add(b);
                        }
                    }
                    truths.add(truth);
                    List<List<BoxAggregation.Box>> perWorker = new ArrayList<>();
                    for (int w = 0; w < workers; w++) {
                        perWorker.add(drawn(truth, kinds[r.nextInt(kinds.length)], r));
                    }
                    answers.add(perWorker);
                }
                long start = System.nanoTime();
                List<BoxAggregation.Result> merged = answers.stream().map(a -> BoxAggregation.aggregate(a, BoxAggregation.DEFAULT_IOU)).toList();
                millis += (System.nanoTime() - start) / 1e6 / 2;
                double[] sums = new double[4];
                int[] iouCounts = new int[2];
                for (int p = 0; p < truths.size(); p++) {
                    double[] ours = f1(merged.get(p).boxes().stream().map(BoxAggregation.Merged::box).toList(), truths.get(p));
                    double[] base = f1(answers.get(p).get(r.nextInt(workers)), truths.get(p));
                    sums[0] += ours[0];
                    sums[1] += base[0];
                    if (!Double.isNaN(ours[1])) {
                        sums[2] += ours[1];
                        iouCounts[0]++;
                    }
                    if (!Double.isNaN(base[1])) {
                        sums[3] += base[1];
                        iouCounts[1]++;
                    }
                }
                f1Ours += sums[0] / truths.size();
                f1Base += sums[1] / truths.size();
                iouOurs += sums[2] / iouCounts[0];
                iouBase += sums[3] / iouCounts[1];
            }
            t.append(String.format(Locale.ROOT, "| %d | %.3f | %.3f | %.2f | %.3f | %.3f | %.1f |%n", workers, f1Ours / SEEDS, f1Base / SEEDS,
                    f1Ours / f1Base, iouOurs / SEEDS, iouBase / SEEDS, millis / SEEDS));
        }
        return t.append('\n').toString();
    }

    // ---- Pairwise comparisons ---------------------------------------------------------------------------------

    static String pairwise() {
        StringBuilder t = new StringBuilder("## Pairwise comparisons: Bradley-Terry\n\n")
                .append("50 items with true strengths exp(N(0, 1.5)); a careful worker answers as the true model says, a sloppy one does so ")
                .append("half the time and guesses otherwise, a spammer guesses. Two designs: *random* pairs, and *near* pairs (each item compared ")
                .append("with one at most five places from it in the true order, as when a requester compares similar items or a tournament ")
                .append("pairs equals). Scored by Kendall's tau between the ranking and the true order, and by accuracy on 2,000 held-out pairs ")
                .append("(which item is stronger). Baseline: items ranked by their share of wins.\n\n")
                .append("| design | comparisons | tau Bradley-Terry | tau win share | tau difference (BT - win share) | held-out accuracy BT | held-out accuracy win share | ms per fit |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        int items = 50;
        for (boolean near : new boolean[]{false, true})
        for (int comparisons : new int[]{200, 500, 1000, 3000}) {
            double tauBt = 0;
            double tauWins = 0;
            double accBt = 0;
            double accWins = 0;
            double millis = 0;
            for (int seed = 0; seed < SEEDS; seed++) {
                SplittableRandom r = new SplittableRandom(2000 + seed);
                double[] strength = new double[items];
                for (int i = 0; i < items; i++) {
                    strength[i] = Math.exp(1.5 * gauss(r));
                }
                Integer[] order = new Integer[items];   // items by true strength, weakest first
                for (int i = 0; i < items; i++) {
                    order[i] = i;
                }
                java.util.Arrays.sort(order, Comparator.comparingDouble(i -> strength[i]));
                List<BradleyTerry.Comparison> answers = new ArrayList<>();
                Map<String, int[]> wins = new HashMap<>();
                for (int c = 0; c < comparisons; c++) {
                    int i;
                    int j;
                    if (near) {
                        int at = r.nextInt(items);
                        int other = Math.max(0, Math.min(items - 1, at + (r.nextBoolean() ? 1 : -1) * (1 + r.nextInt(5))));
                        other = other == at ? (at == 0 ? 1 : at - 1) : other;
                        i = order[at];
                        j = order[other];
                    } else {
                        i = r.nextInt(items);
                        j = r.nextInt(items - 1);
                        j = j >= i ? j + 1 : j;
                    }
                    int kind = kind(r);
                    double pI = strength[i] / (strength[i] + strength[j]);
                    boolean iWins = switch (kind) {
                        case 0 -> r.nextDouble() < pI;
                        case 1 -> r.nextBoolean() ? r.nextDouble() < pI : r.nextBoolean();
                        default -> r.nextBoolean();
                    };
                    String w = "item" + (iWins ? i : j);
                    String l = "item" + (iWins ? j : i);
                    answers.add(new BradleyTerry.Comparison(w, l));
                    wins.computeIfAbsent(w, k -> new int[2])[0]++;
                    wins.computeIfAbsent(w, k -> new int[2])[1]++;
                    wins.computeIfAbsent(l, k -> new int[2])[1]++;
                }
                long start = System.nanoTime();
                BradleyTerry.Ranking ranking = BradleyTerry.fit(answers, BradleyTerry.DEFAULT_PRIOR);
                millis += (System.nanoTime() - start) / 1e6;
                Function<Integer, Double> bt = i -> {
                    double s = ranking.score("item" + i);
                    return Double.isNaN(s) ? 1.0 / items : s;
                };
                Function<Integer, Double> share = i -> {
                    int[] w = wins.get("item" + i);
                    return w == null ? 0.5 : (w[0] + 0.5) / (w[1] + 1.0);
                };
                tauBt += tau(strength, bt);
                tauWins += tau(strength, share);
                int rightBt = 0;
                int rightWins = 0;
                for (int h = 0; h < 2000; h++) {
                    int i = r.nextInt(items);
                    int j = r.nextInt(items - 1);
                    j = j >= i ? j + 1 : j;
                    boolean truth = strength[i] > strength[j];
                    rightBt += (bt.apply(i) > bt.apply(j)) == truth ? 1 : 0;
                    rightWins += (share.apply(i) > share.apply(j)) == truth ? 1 : 0;
                }
                accBt += rightBt / 2000.0;
                accWins += rightWins / 2000.0;
            }
            t.append(String.format(Locale.ROOT, "| %s | %d | %.3f | %.3f | %+.3f | %.1f%% | %.1f%% | %.1f |%n", near ? "near" : "random", comparisons,
                    tauBt / SEEDS, tauWins / SEEDS,
                    (tauBt - tauWins) / SEEDS, 100 * accBt / SEEDS, 100 * accWins / SEEDS, millis / SEEDS));
        }
        return t.append('\n').toString();
    }

    static double tau(double[] truth, Function<Integer, Double> score) {
        long concordant = 0;
        long discordant = 0;
        for (int i = 0; i < truth.length; i++) {
            for (int j = i + 1; j < truth.length; j++) {
                double a = Math.signum(truth[i] - truth[j]);
                double b = Math.signum(score.apply(i) - score.apply(j));
                if (a * b > 0) {
                    concordant++;
                } else if (a * b < 0) {
                    discordant++;
                }
            }
        }
        return (double) (concordant - discordant) / (truth.length * (truth.length - 1) / 2.0);
    }

    // ---- Free text --------------------------------------------------------------------------------------------

    static final String[] WORDS = {"amsterdam", "rotterdam", "utrecht", "eindhoven", "groningen", "tilburg", "almere", "breda", "nijmegen",
            "apeldoorn", "haarlem", "arnhem", "enschede", "amersfoort", "zaanstad", "maastricht", "leiden", "dordrecht", "zoetermeer", "zwolle"};

    static String typo(String word, SplittableRandom r) {
        int at = r.nextInt(word.length());
        return switch (r.nextInt(3)) {
            case 0 -> word.substring(0, at) + word.substring(at + 1);
            case 1 -> word.substring(0, at) + (char) ('a' + r.nextInt(26)) + word.substring(at + 1);
            default -> word.substring(0, at) + (char) ('a' + r.nextInt(26)) + word.substring(at);
        };
    }

    static String styled(String word, SplittableRandom r) {
        return switch (r.nextInt(4)) {
            case 0 -> word;
            case 1 -> Character.toUpperCase(word.charAt(0)) + word.substring(1);
            case 2 -> " " + word.toUpperCase(Locale.ROOT) + " ";
            default -> Character.toUpperCase(word.charAt(0)) + word.substring(1) + ".";
        };
    }

    static String text() {
        StringBuilder t = new StringBuilder("## Free text: agreement after normalising, else the answer closest to all\n\n")
                .append("5,000 tasks per crowd asking for a place name; careful workers type it right 85% of the time (else with one typo), ")
                .append("sloppy ones 50%, spammers type another place; everyone varies case, spacing and a final full stop. Scored by the ")
                .append("share of tasks whose answer, normalised, is the true name. Baselines: one worker's answer, and the most frequent ")
                .append("answer exactly as typed (ties at random).\n\n")
                .append("| workers per task | accuracy agreement | accuracy one worker | accuracy raw most frequent | ratio to raw most frequent | ms per 1,000 tasks |\n")
                .append("|---:|---:|---:|---:|---:|---:|\n");
        for (int workers : new int[]{3, 5}) {
            double ours = 0;
            double one = 0;
            double raw = 0;
            double millis = 0;
            for (int seed = 0; seed < SEEDS; seed++) {
                SplittableRandom r = new SplittableRandom(3000 + seed);
                int[] kinds = new int[50];
                for (int k = 0; k < kinds.length; k++) {
                    kinds[k] = kind(r);
                }
                int tasks = 5000;
                List<List<String>> answers = new ArrayList<>();
                List<String> truths = new ArrayList<>();
                for (int task = 0; task < tasks; task++) {
                    String truth = WORDS[r.nextInt(WORDS.length)];
                    truths.add(truth);
                    List<String> given = new ArrayList<>();
                    for (int w = 0; w < workers; w++) {
                        int kind = kinds[r.nextInt(kinds.length)];
                        String word = kind == 2 ? WORDS[r.nextInt(WORDS.length)]
                                : r.nextDouble() < (kind == 0 ? 0.85 : 0.5) ? truth : typo(truth, r);
                        given.add(styled(word, r));
                    }
                    answers.add(given);
                }
                long start = System.nanoTime();
                List<TextAgreement.Result> results = answers.stream().map(TextAgreement::aggregate).toList();
                millis += (System.nanoTime() - start) / 1e6 / (tasks / 1000.0);
                int right = 0;
                int rightOne = 0;
                int rightRaw = 0;
                for (int task = 0; task < tasks; task++) {
                    String truth = truths.get(task);
                    right += same(results.get(task).value(), truth) ? 1 : 0;
                    rightOne += same(answers.get(task).get(r.nextInt(workers)), truth) ? 1 : 0;
                    Map<String, Integer> counts = new HashMap<>();
                    answers.get(task).forEach(a -> counts.merge(a, 1, Integer::sum));
                    int most = counts.values().stream().max(Integer::compare).orElse(0);
                    List<String> leaders = counts.entrySet().stream().filter(e -> e.getValue() == most).map(Map.Entry::getKey).sorted().toList();
                    rightRaw += same(leaders.get(r.nextInt(leaders.size())), truth) ? 1 : 0;
                }
                ours += (double) right / tasks;
                one += (double) rightOne / tasks;
                raw += (double) rightRaw / tasks;
            }
            t.append(String.format(Locale.ROOT, "| %d | %.1f%% | %.1f%% | %.1f%% | %.2f | %.1f |%n", workers, 100 * ours / SEEDS, 100 * one / SEEDS,
                    100 * raw / SEEDS, ours / raw, millis / SEEDS));
        }
        return t.append('\n').toString();
    }

    static boolean same(String answer, String truth) {
        return answer != null && answer.strip().replaceAll("[.]$", "").equalsIgnoreCase(truth);
    }

    // ---- Ratings ----------------------------------------------------------------------------------------------

    static String ratings() {
        StringBuilder t = new StringBuilder("## Ratings on a 1-5 scale: the median\n\n")
                .append("10,000 items per crowd with a true rating of 1 to 5; careful workers are off by one step 20% of the time, sloppy ones ")
                .append("50% and by two steps 15%, spammers pick any step. Scored by the mean absolute error of the aggregate (the median ")
                .append("rounded half up; the mean rounded). Baseline: the mean.\n\n")
                .append("| workers per item | error median | error mean | ratio (median / mean) | exact median | exact mean |\n")
                .append("|---:|---:|---:|---:|---:|---:|\n");
        for (int workers : new int[]{3, 5, 7}) {
            double errMedian = 0;
            double errMean = 0;
            double exactMedian = 0;
            double exactMean = 0;
            for (int seed = 0; seed < SEEDS; seed++) {
                SplittableRandom r = new SplittableRandom(4000 + seed);
                int[] kinds = new int[50];
                for (int k = 0; k < kinds.length; k++) {
                    kinds[k] = kind(r);
                }
                int items = 10_000;
                double[] sums = new double[4];
                for (int item = 0; item < items; item++) {
                    int truth = 1 + r.nextInt(5);
                    List<Double> given = new ArrayList<>();
                    for (int w = 0; w < workers; w++) {
                        int kind = kinds[r.nextInt(kinds.length)];
                        int step;
                        if (kind == 2) {
                            step = 1 + r.nextInt(5);
                        } else {
                            double u = r.nextDouble();
                            int off = kind == 0 ? (u < 0.2 ? 1 : 0) : (u < 0.15 ? 2 : u < 0.65 ? 1 : 0);
                            step = Math.max(1, Math.min(5, truth + (r.nextBoolean() ? off : -off)));
                        }
                        given.add((double) step);
                    }
                    long median = Math.round(ScaleAggregation.aggregate(given, 1).median());
                    long mean = Math.round(given.stream().mapToDouble(Double::doubleValue).average().orElse(0));
                    sums[0] += Math.abs(median - truth);
                    sums[1] += Math.abs(mean - truth);
                    sums[2] += median == truth ? 1 : 0;
                    sums[3] += mean == truth ? 1 : 0;
                }
                errMedian += sums[0] / items;
                errMean += sums[1] / items;
                exactMedian += sums[2] / items;
                exactMean += sums[3] / items;
            }
            t.append(String.format(Locale.ROOT, "| %d | %.3f | %.3f | %.2f | %.1f%% | %.1f%% |%n", workers, errMedian / SEEDS, errMean / SEEDS,
                    errMedian / errMean, 100 * exactMedian / SEEDS, 100 * exactMean / SEEDS));
        }
        return t.append('\n').toString();
    }

    static double gauss(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }
}
