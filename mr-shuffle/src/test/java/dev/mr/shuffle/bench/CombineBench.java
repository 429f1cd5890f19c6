package dev.mr.shuffle.bench;

import dev.mr.api.ConfKeys;
import dev.mr.api.Configuration;
import dev.mr.api.serde.BytesComparator;
import dev.mr.shuffle.CombineFunction;
import dev.mr.shuffle.CombineStrategy;
import dev.mr.shuffle.MapOutputCollector;
import dev.mr.shuffle.ShuffleSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Measures the ways a map task can apply a combiner (see {@link CombineStrategy}) on
 * WordCount-shaped map output: Zipf-distributed words as UTF-8 keys, a 4-byte int 1 as value,
 * an int-sum combiner that also builds the key's String, as the worker's adapter to a user
 * Reducer will. The words are split into map tasks of {@code perTask} records, each collected
 * and finished into one map output file with the default settings (100 MiB buffer). Prints the
 * median of 3 runs per strategy, interleaved, and their ratios, in wall time and in CPU time of the
 * whole JVM (the machine is shared, so wall time swings), against each other and against
 * {@link HandWrittenCount}, a hand-written program producing the same sorted counts. Not a test.
 *
 * <p>Run: {@code java -Xmx2g -cp mr-shuffle/target/classes:mr-shuffle/target/test-classes:mr-api/target/classes
 * dev.mr.shuffle.bench.CombineBench [totalWords=60000000] [perTask=5000000] [vocabulary=200000] [zipfExponent=1.0]}
 */
public final class CombineBench {

    private static final int PARTITIONS = 2;

    public static void main(String[] args) throws Exception {
        long total = args.length > 0 ? Long.parseLong(args[0]) : 60_000_000L;
        int perTask = args.length > 1 ? Integer.parseInt(args[1]) : 5_000_000;
        int vocabulary = args.length > 2 ? Integer.parseInt(args[2]) : 200_000;
        double exponent = args.length > 3 ? Double.parseDouble(args[3]) : 1.0;
        ZipfWords words = new ZipfWords(vocabulary, exponent, 16_000_000, PARTITIONS, 42);
        System.out.printf("%,d words in map tasks of %,d; vocabulary %,d, zipf %.2f; %,d distinct words per task, "
                        + "%.1f bytes per word%n", total, perTask, vocabulary, exponent, words.distinctIn(0, perTask),
                words.averageLength(1_000_000));
        Path dir = Files.createTempDirectory("combine-bench");
        ShuffleSettings settings = ShuffleSettings.from(new Configuration(), PARTITIONS, BytesComparator.INSTANCE,
                dir.resolve("tmp"));
        System.out.println("sort buffer " + settings.sortBufferBytes() / (1 << 20) + " MiB ("
                + ConfKeys.SORT_BUFFER_MB + " default)");
        // the last row is the hand-written program (strategy null)
        CombineStrategy[] strategies = Arrays.copyOf(CombineStrategy.values(), CombineStrategy.values().length + 1);
        double[][] seconds = new double[strategies.length][3];
        double[][] cpu = new double[strategies.length][3];
        for (CombineStrategy s : strategies) run(words, settings, s, Math.min(total, 2L * perTask), perTask, dir); // warm-up
        for (int round = 0; round < 3; round++) {
            for (int s = 0; s < strategies.length; s++) {
                long cpu0 = BenchClock.processCpuNanos();
                seconds[s][round] = run(words, settings, strategies[s], total, perTask, dir);
                cpu[s][round] = (BenchClock.processCpuNanos() - cpu0) / 1e9;
                System.out.printf("  round %d %-12s %6.2f s wall, %6.2f s cpu%n", round + 1, name(strategies[s]),
                        seconds[s][round], cpu[s][round]);
            }
        }
        double[] median = new double[strategies.length];
        double[] medianCpu = new double[strategies.length];
        for (int s = 0; s < strategies.length; s++) {
            Arrays.sort(seconds[s]);
            Arrays.sort(cpu[s]);
            median[s] = seconds[s][1];
            medianCpu[s] = cpu[s][1];
            System.out.printf("%-12s median %6.2f s wall (%5.1f M records/s), %6.2f s cpu (%5.1f M records/cpu-s)%n",
                    name(strategies[s]), median[s], total / median[s] / 1e6, medianCpu[s], total / medianCpu[s] / 1e6);
        }
        int base = strategies.length - 1;
        for (int s = 0; s < base; s++) {
            System.out.printf("%-8s / hand-written = %.2f wall, %.2f cpu;  / HASH = %.2f wall, %.2f cpu%n",
                    strategies[s], median[s] / median[base], medianCpu[s] / medianCpu[base],
                    median[s] / median[0], medianCpu[s] / medianCpu[0]);
        }
        BenchFiles.deleteTree(dir);
    }

    private static String name(CombineStrategy s) {
        return s == null ? "hand-written" : s.name();
    }

    private static double run(ZipfWords words, ShuffleSettings settings, CombineStrategy strategy, long total,
                              int perTask, Path dir) throws Exception {
        if (strategy == null) return runHandWritten(words, total, perTask, dir);
        IntSum sum = new IntSum();
        byte[] one = {(byte) 0x80, 0, 0, 1};
        long start = System.nanoTime();
        long outputRecords = 0;
        int task = 0;
        for (long done = 0; done < total; done += perTask, task++) {
            int n = (int) Math.min(perTask, total - done);
            int from = (int) ((done * 7919) % words.stream.length);
            try (MapOutputCollector c = new MapOutputCollector(settings, sum, strategy)) {
                int[] stream = words.stream;
                int[] offsets = words.offsets;
                int[] parts = words.partitions;
                byte[] bytes = words.bytes;
                for (int i = 0; i < n; i++) {
                    int id = stream[(from + i) % stream.length];
                    int off = offsets[id];
                    c.collect(parts[id], bytes, off, offsets[id + 1] - off, one, 0, 4);
                }
                outputRecords += c.finish(dir.resolve("out.data"), dir.resolve("out.index")).totalRecords();
            }
        }
        double s = (System.nanoTime() - start) / 1e9;
        if (sum.keyChars == 42) System.out.print("");
        if (outputRecords == 0) throw new AssertionError("no output");
        return s;
    }

    private static double runHandWritten(ZipfWords words, long total, int perTask, Path dir) throws Exception {
        long start = System.nanoTime();
        long out = 0;
        for (long done = 0; done < total; done += perTask) {
            int n = (int) Math.min(perTask, total - done);
            int from = (int) ((done * 7919) % words.stream.length);
            HandWrittenCount count = new HandWrittenCount();
            int[] stream = words.stream;
            for (int i = 0; i < n; i++) {
                int id = stream[(from + i) % stream.length];
                int off = words.offsets[id];
                count.add(words.partitions[id], words.bytes, off, words.offsets[id + 1] - off);
            }
            out += count.finish(dir.resolve("hand.out"));
        }
        if (out == 0) throw new AssertionError("no output");
        return (System.nanoTime() - start) / 1e9;
    }

    /** Sums IntSerde-encoded values; builds each key's String as the Reducer adapter would. */
    static final class IntSum implements CombineFunction {

        private final byte[] out = new byte[4];
        long keyChars;

        @Override
        public void combine(byte[] key, int keyOff, int keyLen, dev.mr.shuffle.RawValues values,
                            dev.mr.shuffle.RecordSink sink) throws java.io.IOException {
            keyChars += new String(key, keyOff, keyLen, StandardCharsets.UTF_8).length();
            int s = 0;
            while (values.next()) {
                byte[] b = values.buffer();
                int o = values.offset();
                s += (((b[o] & 0xFF) << 24) | ((b[o + 1] & 0xFF) << 16) | ((b[o + 2] & 0xFF) << 8) | (b[o + 3] & 0xFF))
                        ^ Integer.MIN_VALUE;
            }
            int v = s ^ Integer.MIN_VALUE;
            out[0] = (byte) (v >>> 24);
            out[1] = (byte) (v >>> 16);
            out[2] = (byte) (v >>> 8);
            out[3] = (byte) v;
            sink.write(key, keyOff, keyLen, out, 0, 4);
        }
    }
}
