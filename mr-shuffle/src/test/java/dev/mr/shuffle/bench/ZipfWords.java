package dev.mr.shuffle.bench;

import dev.mr.api.HashPartitioner;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A seeded word stream for benchmarks: a vocabulary of distinct lowercase words (frequent ones
 * short, as in text) drawn with Zipf frequencies. Words are stored flat as UTF-8 bytes; the
 * stream is a fixed array of word ids replayed from different offsets, so generating it costs
 * nothing during a measurement. Each word's hash partition is computed once.
 */
final class ZipfWords {

    final byte[] bytes;
    final int[] offsets;
    final int[] partitions;
    final int[] stream;

    ZipfWords(int vocabulary, double exponent, int streamLength, int numPartitions, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Set<String> seen = new HashSet<>();
        StringBuilder all = new StringBuilder();
        offsets = new int[vocabulary + 1];
        for (int r = 0; r < vocabulary; r++) {
            String w;
            do {
                int len = 2 + Math.min(10, (int) (Math.log(r + 1) / Math.log(2) / 2)) + rnd.nextInt(3);
                StringBuilder sb = new StringBuilder(len);
                for (int i = 0; i < len; i++) sb.append((char) ('a' + rnd.nextInt(26)));
                w = sb.toString();
            } while (!seen.add(w));
            offsets[r] = all.length();
            all.append(w);
        }
        offsets[vocabulary] = all.length();
        bytes = all.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        partitions = new int[vocabulary];
        for (int r = 0; r < vocabulary; r++) {
            partitions[r] = HashPartitioner.partitionOf(bytes, offsets[r], offsets[r + 1] - offsets[r], numPartitions);
        }
        double[] cdf = new double[vocabulary];
        double sum = 0;
        for (int r = 0; r < vocabulary; r++) {
            sum += 1 / Math.pow(r + 1, exponent);
            cdf[r] = sum;
        }
        stream = new int[streamLength];
        for (int i = 0; i < streamLength; i++) {
            int idx = Arrays.binarySearch(cdf, rnd.nextDouble() * sum);
            stream[i] = Math.min(vocabulary - 1, idx < 0 ? -idx - 1 : idx);
        }
    }

    int distinctIn(int from, int count) {
        java.util.BitSet b = new java.util.BitSet();
        for (int i = 0; i < count; i++) b.set(stream[(from + i) % stream.length]);
        return b.cardinality();
    }

    double averageLength(int count) {
        long total = 0;
        for (int i = 0; i < count; i++) {
            int id = stream[i % stream.length];
            total += offsets[id + 1] - offsets[id];
        }
        return (double) total / count;
    }
}
