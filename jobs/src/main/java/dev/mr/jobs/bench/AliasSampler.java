package dev.mr.jobs.bench;

import java.util.SplittableRandom;

/**
 * Walker/Vose alias table: draws index {@code i} with probability {@code weights[i] / sum}
 * in O(1) from one 64-bit random number (high half picks the column, low half the coin).
 * Immutable after construction, so threads may share it, each with its own random source.
 */
final class AliasSampler {
    private final int n;
    private final long[] threshold; // unsigned 32-bit coin below which the column keeps its own index
    private final int[] alias;

    AliasSampler(double[] weights) {
        n = weights.length;
        threshold = new long[n];
        alias = new int[n];
        double sum = 0;
        for (double w : weights) sum += w;
        double[] scaled = new double[n];
        int[] small = new int[n];
        int[] large = new int[n];
        int ns = 0;
        int nl = 0;
        for (int i = 0; i < n; i++) {
            scaled[i] = weights[i] * n / sum;
            if (scaled[i] < 1.0) small[ns++] = i;
            else large[nl++] = i;
        }
        while (ns > 0 && nl > 0) {
            int s = small[--ns];
            int l = large[--nl];
            threshold[s] = (long) (scaled[s] * 4294967296.0);
            alias[s] = l;
            scaled[l] -= 1.0 - scaled[s];
            if (scaled[l] < 1.0) small[ns++] = l;
            else large[nl++] = l;
        }
        // what is left is 1.0 up to rounding: always keep its own index
        while (nl > 0) threshold[large[--nl]] = 1L << 32;
        while (ns > 0) threshold[small[--ns]] = 1L << 32;
    }

    int sample(SplittableRandom rnd) {
        long u = rnd.nextLong();
        int column = (int) (((u >>> 32) * n) >>> 32);
        return (u & 0xFFFFFFFFL) < threshold[column] ? column : alias[column];
    }
}
