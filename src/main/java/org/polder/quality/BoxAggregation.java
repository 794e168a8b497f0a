package org.polder.quality;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bounding boxes drawn by several workers on one image, merged by overlap: boxes are clustered by intersection over
 * union (IoU), at most one box of each worker per cluster; a cluster that a majority of the workers drew becomes one
 * box, each edge the median of its members' edges, its label the members' most frequent label. This is the
 * clustering that Crowd-Kit's and Zooniverse's box aggregations use, without their learned worker weights.
 *
 * <p>Coordinates are fractions of the image (0 to 1) so that answers on screens of any size compare.
 */
public final class BoxAggregation {

    /** Boxes overlapping at least this much are taken to be the same object. */
    public static final double DEFAULT_IOU = 0.5;

    private BoxAggregation() {
    }

    /** A box: left, top, width and height as fractions of the image, and a label (or null). */
    public record Box(double x, double y, double w, double h, String label) {

        public double area() {
            return w * h;
        }

        /** Intersection over union: 1 for the same box, 0 for boxes that do not touch. */
        public double iou(Box o) {
            double ix = Math.max(0, Math.min(x + w, o.x + o.w) - Math.max(x, o.x));
            double iy = Math.max(0, Math.min(y + h, o.y + o.h) - Math.max(y, o.y));
            double inter = ix * iy;
            double union = area() + o.area() - inter;
            return union <= 0 ? 0 : inter / union;
        }
    }

    /** A merged box, how many workers drew it and how closely their boxes lie on it (mean IoU). */
    public record Merged(Box box, int support, double meanIou) {
    }

    /**
     * The merged boxes and a confidence: the mean over merged boxes of (share of workers who drew it x mean IoU);
     * where no box is kept, the share of workers who drew none ("nothing to box here" is an answer too).
     */
    public record Result(List<Merged> boxes, double confidence, int answers) {
    }

    /** Merges one image's answers: one list of boxes per worker who answered (an empty list: "nothing to box"). */
    public static Result aggregate(List<List<Box>> answers, double iouThreshold) {
        int n = answers.size();
        if (n == 0) {
            return new Result(List.of(), 0, 0);
        }
        List<List<Box>> clusters = new ArrayList<>();
        List<Box> centres = new ArrayList<>();
        for (List<Box> worker : answers) {
            // Greedy matching of this worker's boxes to the clusters so far, best overlap first.
            record Pair(int box, int cluster, double iou) {
            }
            List<Pair> pairs = new ArrayList<>();
            for (int b = 0; b < worker.size(); b++) {
                for (int c = 0; c < centres.size(); c++) {
                    double iou = worker.get(b).iou(centres.get(c));
                    if (iou >= iouThreshold) {
                        pairs.add(new Pair(b, c, iou));
                    }
                }
            }
            pairs.sort(Comparator.comparingDouble(Pair::iou).reversed().thenComparingInt(Pair::box).thenComparingInt(Pair::cluster));
            boolean[] boxUsed = new boolean[worker.size()];
            boolean[] clusterUsed = new boolean[centres.size()];
            for (Pair p : pairs) {
                if (!boxUsed[p.box()] && !clusterUsed[p.cluster()]) {
                    boxUsed[p.box()] = true;
                    clusterUsed[p.cluster()] = true;
                    clusters.get(p.cluster()).add(worker.get(p.box()));
                }
            }
            for (int c = 0; c < clusterUsed.length; c++) {
                if (clusterUsed[c]) {
                    centres.set(c, median(clusters.get(c)));
                }
            }
            for (int b = 0; b < worker.size(); b++) {
                if (!boxUsed[b]) {
                    clusters.add(new ArrayList<>(List.of(worker.get(b))));
                    centres.add(worker.get(b));
                }
            }
        }
        List<Merged> kept = new ArrayList<>();
        for (List<Box> cluster : clusters) {
            if (2 * cluster.size() > n) {
                Box box = median(cluster);
                kept.add(new Merged(box, cluster.size(), cluster.stream().mapToDouble(box::iou).average().orElse(0)));
            }
        }
        kept.sort(Comparator.comparingDouble((Merged m) -> m.box().y()).thenComparingDouble(m -> m.box().x()));
        double confidence = kept.isEmpty()
                ? (double) answers.stream().filter(List::isEmpty).count() / n
                : kept.stream().mapToDouble(m -> (double) m.support() / n * m.meanIou()).average().orElse(0);
        return new Result(kept, confidence, n);
    }

    /** Each edge the median of the boxes' edges; the label the most frequent (first drawn on a tie). */
    static Box median(List<Box> boxes) {
        double left = median(boxes.stream().mapToDouble(Box::x).toArray());
        double top = median(boxes.stream().mapToDouble(Box::y).toArray());
        double right = median(boxes.stream().mapToDouble(b -> b.x() + b.w()).toArray());
        double bottom = median(boxes.stream().mapToDouble(b -> b.y() + b.h()).toArray());
        Map<String, Integer> labels = new LinkedHashMap<>();
        boxes.stream().filter(b -> b.label() != null).forEach(b -> labels.merge(b.label(), 1, Integer::sum));
        String label = null;
        for (Map.Entry<String, Integer> e : labels.entrySet()) {   // strictly more: the first drawn wins a tie
            if (label == null || e.getValue() > labels.get(label)) {
                label = e.getKey();
            }
        }
        return new Box(round(left), round(top), round(right - left), round(bottom - top), label);
    }

    static double median(double[] values) {
        double[] v = values.clone();
        java.util.Arrays.sort(v);
        int m = v.length / 2;
        return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
