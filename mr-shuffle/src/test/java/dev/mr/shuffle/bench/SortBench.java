package dev.mr.shuffle.bench;

import dev.mr.api.Configuration;
import dev.mr.api.serde.BytesComparator;
import dev.mr.shuffle.KeyGroups;
import dev.mr.shuffle.MapOutputCollector;
import dev.mr.shuffle.MapOutputIndex;
import dev.mr.shuffle.MergedRecords;
import dev.mr.shuffle.ReduceMerger;
import dev.mr.shuffle.ShuffleSettings;
import dev.mr.shuffle.sort.SortBuffer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Throughput of the map side without a combiner, on the two shapes that matter: TeraSort records
 * (10 random key bytes, 90 value bytes, range-partitioned on the first key byte) and short
 * string keys (Zipf words with an 8-byte value, as an inverted index emits). Each map task is
 * collected and finished into one map output file with the default settings; it also times the
 * in-memory sort alone, against {@link Arrays#sort(long[])} of the same 8-byte key prefixes as a
 * yardstick, and the reduce side: one partition of every TeraSort map output merged from its file
 * through a {@link ReduceMerger} and read through {@link KeyGroups}. Prints medians of 3, in thread
 * CPU time (the machine is shared). Not a test.
 *
 * <p>Run: {@code java -Xmx2g -cp mr-shuffle/target/classes:mr-shuffle/target/test-classes:mr-api/target/classes
 * dev.mr.shuffle.bench.SortBench [tasks=6] [teraRecordsPerTask=650000] [wordsPerTask=4000000]}
 */
public final class SortBench {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final int PARTITIONS = 4;

    public static void main(String[] args) throws Exception {
        int tasks = args.length > 0 ? Integer.parseInt(args[0]) : 6;
        int teraPerTask = args.length > 1 ? Integer.parseInt(args[1]) : 650_000;
        int wordsPerTask = args.length > 2 ? Integer.parseInt(args[2]) : 4_000_000;
        Path dir = Files.createTempDirectory("sort-bench");
        ShuffleSettings settings = ShuffleSettings.from(new Configuration(), PARTITIONS, BytesComparator.INSTANCE,
                dir.resolve("tmp"));

        byte[] tera = new byte[100 * 1_000_000];
        new SplittableRandom(1).nextBytes(tera);
        ZipfWords words = new ZipfWords(200_000, 1.0, 16_000_000, PARTITIONS, 42);
        teraOutputs = new MapOutputIndex[tasks];
        for (int round = 0; round < 4; round++) {
            boolean warm = round == 0;
            double[] tc = teraSort(settings, tera, teraPerTask, tasks, dir);
            double rm = reduceMerge(settings, tasks, dir);
            double[] wc = words(settings, words, wordsPerTask, tasks, dir);
            double[] sc = sortOnly(settings, tera, teraPerTask);
            if (!warm) {
                System.out.printf("round %d: tera collect+finish %.0f ns/rec (collect %.0f, finish %.0f); "
                                + "words %.0f ns/rec (collect %.0f, finish %.0f); sort alone %.0f ns/rec, "
                                + "Arrays.sort(long[]) %.0f ns/rec; reduce merge %.0f ns/rec%n", round, tc[0] + tc[1], tc[0], tc[1],
                        wc[0] + wc[1], wc[0], wc[1], sc[0], sc[1], rm);
                results[round - 1] = new double[] {tc[0] + tc[1], wc[0] + wc[1], sc[0], sc[1], rm};
            }
        }
        String[] names = {"TeraSort records (10+90 bytes), collect+finish", "Zipf words + 8-byte value, collect+finish",
                "in-memory sort of TeraSort records", "Arrays.sort(long[]) of the same prefixes",
                "reduce: merge + group one partition of all maps"};
        for (int i = 0; i < names.length; i++) {
            double[] v = {results[0][i], results[1][i], results[2][i]};
            Arrays.sort(v);
            System.out.printf("%-48s median %6.0f ns/record = %5.2f M records/cpu-s%n", names[i], v[1], 1e3 / v[1]);
        }
        BenchFiles.deleteTree(dir);
    }

    private static final double[][] results = new double[3][];
    private static MapOutputIndex[] teraOutputs;

    /** Merges partition 0 of every TeraSort map output through a ReduceMerger and KeyGroups; thread-CPU ns per record. */
    private static double reduceMerge(ShuffleSettings settings, int tasks, Path dir) throws Exception {
        long c0 = THREADS.getCurrentThreadCpuTime();
        long records = 0;
        long sink = 0;
        try (ReduceMerger merger = new ReduceMerger(settings)) {
            for (int t = 0; t < tasks; t++) {
                merger.add(teraOutputs[t].segment(dir.resolve("t" + t + ".data"), 0));
            }
            try (MergedRecords merged = merger.finish()) {
                KeyGroups groups = new KeyGroups(merged, settings.comparator());
                while (groups.nextGroup()) {
                    while (groups.nextValue()) {
                        records++;
                        sink += groups.valueBuffer()[groups.valueOffset()];
                    }
                }
            }
        }
        if (sink == 42) System.out.print("");
        return (double) (THREADS.getCurrentThreadCpuTime() - c0) / records;
    }

    /** Returns {collect, finish} thread-CPU ns per record. */
    private static double[] teraSort(ShuffleSettings settings, byte[] tera, int perTask, int tasks, Path dir)
            throws Exception {
        long collect = 0;
        long finish = 0;
        int records = tera.length / 100;
        for (int t = 0; t < tasks; t++) {
            long c0 = THREADS.getCurrentThreadCpuTime();
            try (MapOutputCollector c = new MapOutputCollector(settings, null)) {
                int first = (int) ((long) t * perTask % records);
                for (int i = 0; i < perTask; i++) {
                    int off = ((first + i) % records) * 100;
                    c.collect((tera[off] & 0xFF) * PARTITIONS / 256, tera, off, 10, tera, off + 10, 90);
                }
                long c1 = THREADS.getCurrentThreadCpuTime();
                Files.deleteIfExists(dir.resolve("t" + t + ".data"));
                teraOutputs[t] = c.finish(dir.resolve("t" + t + ".data"), dir.resolve("t" + t + ".index"));
                collect += c1 - c0;
                finish += THREADS.getCurrentThreadCpuTime() - c1;
            }
        }
        return new double[] {(double) collect / perTask / tasks, (double) finish / perTask / tasks};
    }

    private static double[] words(ShuffleSettings settings, ZipfWords words, int perTask, int tasks, Path dir)
            throws Exception {
        long collect = 0;
        long finish = 0;
        byte[] value = new byte[8];
        for (int t = 0; t < tasks; t++) {
            long c0 = THREADS.getCurrentThreadCpuTime();
            try (MapOutputCollector c = new MapOutputCollector(settings, null)) {
                int from = t * 7919;
                for (int i = 0; i < perTask; i++) {
                    int id = words.stream[(from + i) % words.stream.length];
                    int off = words.offsets[id];
                    value[7] = (byte) i;
                    c.collect(words.partitions[id], words.bytes, off, words.offsets[id + 1] - off, value, 0, 8);
                }
                long c1 = THREADS.getCurrentThreadCpuTime();
                Files.deleteIfExists(dir.resolve("w.data"));
                c.finish(dir.resolve("w.data"), dir.resolve("w.index"));
                collect += c1 - c0;
                finish += THREADS.getCurrentThreadCpuTime() - c1;
            }
        }
        return new double[] {(double) collect / perTask / tasks, (double) finish / perTask / tasks};
    }

    /** Returns {our sort, Arrays.sort of prefixes} thread-CPU ns per record. */
    private static double[] sortOnly(ShuffleSettings settings, byte[] tera, int n) {
        SortBuffer buffer = new SortBuffer(PARTITIONS, settings.sortBufferBytes(), settings.sortBufferBytes(),
                settings.comparator(), true);
        long[] prefixes = new long[n];
        for (int i = 0; i < n; i++) {
            int off = i * 100;
            if (!buffer.add((tera[off] & 0xFF) * PARTITIONS / 256, tera, off, 10, tera, off + 10, 90)) {
                throw new IllegalStateException("buffer full at " + i);
            }
            prefixes[i] = dev.mr.shuffle.io.KeyPrefix.of(tera, off, 10) ^ Long.MIN_VALUE;
        }
        long c0 = THREADS.getCurrentThreadCpuTime();
        buffer.sort();
        long c1 = THREADS.getCurrentThreadCpuTime();
        Arrays.sort(prefixes);
        long c2 = THREADS.getCurrentThreadCpuTime();
        return new double[] {(double) (c1 - c0) / n, (double) (c2 - c1) / n};
    }
}
