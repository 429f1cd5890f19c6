package dev.mr.shuffle.bench;

import dev.mr.api.Configuration;
import dev.mr.api.serde.BytesComparator;
import dev.mr.shuffle.*;
import java.lang.management.ManagementFactory;
import java.nio.file.*;

public final class PhaseProbe {
    public static void main(String[] args) throws Exception {
        CombineStrategy strat = CombineStrategy.valueOf(args[0]);
        int perTask = Integer.parseInt(args[1]);
        int tasks = Integer.parseInt(args[2]);
        int vocab = args.length > 3 ? Integer.parseInt(args[3]) : 200_000;
        ZipfWords words = new ZipfWords(vocab, 1.0, 16_000_000, 2, 42);
        Path dir = Files.createTempDirectory("probe");
        ShuffleSettings settings = ShuffleSettings.from(new Configuration(), 2, BytesComparator.INSTANCE, dir.resolve("tmp"));
        var mx = ManagementFactory.getThreadMXBean();
        CombineBench.IntSum sum = new CombineBench.IntSum();
        byte[] one = {(byte) 0x80, 0, 0, 1};
        for (int t = 0; t < tasks; t++) {
            long c0 = mx.getCurrentThreadCpuTime();
            long p0 = BenchClock.processCpuNanos();
            MapOutputCollector c = strat == null ? null : new MapOutputCollector(settings, sum, strat);
            int from = (t * 7919) % words.stream.length;
            for (int i = 0; i < perTask; i++) {
                int id = words.stream[(from + i) % words.stream.length];
                int off = words.offsets[id];
                c.collect(words.partitions[id], words.bytes, off, words.offsets[id + 1] - off, one, 0, 4);
            }
            long c1 = mx.getCurrentThreadCpuTime();
            MapOutputIndex idx = c.finish(dir.resolve("d"), dir.resolve("i"));
            long c2 = mx.getCurrentThreadCpuTime();
            long p2 = BenchClock.processCpuNanos();
            System.out.printf("%s task %d: collect %.0f ns/rec, finish %.0f ns/rec, process cpu %.0f ns/rec; out %d, spilled %d, cin %d%n",
                strat, t, (c1 - c0) / (double) perTask, (c2 - c1) / (double) perTask, (p2 - p0) / (double) perTask,
                idx.totalRecords(), c.spilledRecords(), c.combineInputRecords());
            c.close();
        }
    }
}
