package dev.hierarchicalrbac.bench;

import java.util.Arrays;
import java.util.List;

/** Percentiles of latencies in nanoseconds, answered in milliseconds. */
final class Stats {

    private Stats() {
    }

    /** The p-th percentile (0..100, nearest rank) of sorted values, in ms. */
    static double percentileMs(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] / 1e6;
    }

    static long[] merge(List<long[]> parts) {
        int n = parts.stream().mapToInt(a -> a.length).sum();
        long[] all = new long[n];
        int at = 0;
        for (long[] a : parts) {
            System.arraycopy(a, 0, all, at, a.length);
            at += a.length;
        }
        Arrays.sort(all);
        return all;
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length == 0 ? Double.NaN : v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    static String ms(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        return v >= 100 ? String.format("%.0f", v) : v >= 10 ? String.format("%.1f", v) : String.format("%.2f", v);
    }
}
