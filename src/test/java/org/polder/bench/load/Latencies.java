package org.polder.bench.load;

import java.util.Arrays;

/** Latencies of one kind of request, recorded by one thread; merged after a run. Not thread-safe. */
final class Latencies {

    private long[] nanos = new long[1024];
    private int count;

    void add(long latencyNanos) {
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, count * 2);
        }
        nanos[count++] = latencyNanos;
    }

    int count() {
        return count;
    }

    static Latencies merge(Iterable<Latencies> parts) {
        Latencies all = new Latencies();
        for (Latencies part : parts) {
            for (int i = 0; i < part.count; i++) {
                all.add(part.nanos[i]);
            }
        }
        Arrays.sort(all.nanos, 0, all.count);
        return all;
    }

    /** The given percentile in milliseconds, of merged (sorted) latencies; NaN when there are none. */
    double percentileMillis(double percentile) {
        if (count == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(percentile / 100.0 * count) - 1;
        return nanos[Math.max(0, Math.min(count - 1, index))] / 1e6;
    }
}
