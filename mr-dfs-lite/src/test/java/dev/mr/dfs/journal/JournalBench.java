package dev.mr.dfs.journal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mr.dfs.DfsSettings;
import dev.mr.dfs.master.DfsMetadata;
import dev.mr.dfs.namespace.Namespace;
import dev.mr.dfs.namespace.NamespaceOp;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the journals cost (not a test; run by {@code scripts/mr-bench journal}).
 *
 * <p>(a) A namespace of N files (default 1,000,000: 1,000 directories of 1,000 files, one
 * committed chunk each): the time to build it in memory, to checkpoint it, the checkpoint's size,
 * the time to recover it ({@link Journal#recover}, and a whole {@link DfsMetadata#open}, which
 * also rebuilds the chunk map), and the heap the recovered state holds.
 *
 * <p>(b) Append latency with fsync on this machine's disk: single records (each its own write
 * and force) and batches of B records (one write, one force), interleaved so both see the same
 * load; medians and p99, the cost per record and the ratio of the two.
 *
 * <p>Arguments: {@code --dir DIR} (required; on the disk to measure, not tmpfs),
 * {@code [--files N] [--appends N] [--batch B]}.
 */
public final class JournalBench {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final FailStop STOP = (reason, cause) -> {
        throw new IllegalStateException("the journal failed during the benchmark: " + reason, cause);
    };

    public static void main(String[] args) throws IOException {
        Path dir = null;
        int files = 1_000_000;
        int appends = 2_000;
        int batch = 64;
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--dir" -> dir = Path.of(args[i + 1]);
                case "--files" -> files = Integer.parseInt(args[i + 1]);
                case "--appends" -> appends = Integer.parseInt(args[i + 1]);
                case "--batch" -> batch = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i] + "; want --dir DIR [--files N] [--appends N] [--batch B]");
            }
        }
        if (dir == null) throw new IllegalArgumentException("--dir DIR is required: a directory on the disk to measure");
        Files.createDirectories(dir);
        System.out.printf("journal bench in %s, max heap %d MiB%n", dir, Runtime.getRuntime().maxMemory() >> 20);
        namespace(dir.resolve("namespace"), files);
        appends(dir.resolve("appends.log"), appends, batch);
    }

    // ---------------------------------------------------------------- (a) checkpoint and recovery

    static void namespace(Path dir, int files) throws IOException {
        clear(dir);
        int perDir = 1_000;
        long t0 = System.nanoTime();
        long c0 = cpu();
        Namespace ns = new Namespace();
        long time = 1_700_000_000_000L;
        for (int i = 0; i < files; i++) {
            String path = String.format("/data/part-%04d/file-%06d", i / perDir, i);
            long inode = ns.nextInode();
            long chunk = ns.nextChunk().seq();
            ns.apply(new NamespaceOp.Create(path, inode, 3, 64L << 20, "writer-" + (i % 8), time + i));
            ns.apply(new NamespaceOp.AddChunk(inode, chunk));
            ns.apply(new NamespaceOp.CommitChunk(inode, chunk, 1 + (i % (64 << 20)), i));
            ns.apply(new NamespaceOp.Close(inode, 1 + (i % (64 << 20)), time + i));
        }
        double build = seconds(t0);
        double buildCpu = cpuSeconds(c0);
        Journal j = new Journal(dir, STOP);
        j.recover();
        t0 = System.nanoTime();
        c0 = cpu();
        j.checkpoint(ns);
        double checkpoint = seconds(t0);
        double checkpointCpu = cpuSeconds(c0);
        j.close();
        Path file = newest(dir, "checkpoint-");
        long size = Files.size(file);
        int frames = 0;
        try (FrameReader r = FrameReader.open(file)) {
            while (r.next() != null) frames++;
        }
        ns = null;
        long base = heapAfterGc();
        t0 = System.nanoTime();
        c0 = cpu();
        Journal again = new Journal(dir, STOP);
        Namespace back = again.recover();
        double recover = seconds(t0);
        double recoverCpu = cpuSeconds(c0);
        long heap = heapAfterGc() - base;
        if (back.files().size() != files) throw new IllegalStateException("recovered " + back.files().size() + " files, not " + files);
        again.close();
        back = null;
        base = heapAfterGc();
        t0 = System.nanoTime();
        c0 = cpu();
        DfsMetadata m = DfsMetadata.open(dir, DfsSettings.defaults(), System::currentTimeMillis, 1, STOP);
        double open = seconds(t0);
        double openCpu = cpuSeconds(c0);
        long metaHeap = heapAfterGc() - base;
        m.close();
        System.out.printf("namespace of %,d files (%,d directories of %,d, one chunk each):%n", files, (files + perDir - 1) / perDir, perDir);
        System.out.println("  (wall time, then the CPU time of the thread doing it: on a shared machine the wall time swings with the load)");
        System.out.printf("  build in memory            %7.2f s  (CPU %6.2f s)%n", build, buildCpu);
        System.out.printf("  checkpoint                 %7.2f s  (CPU %6.2f s)  %,d bytes (%.1f MiB, %d frames, %.0f bytes per file)%n", checkpoint,
                checkpointCpu, size, size / 1048576.0, frames, (double) size / files);
        System.out.printf("  recover (Journal.recover)  %7.2f s  (CPU %6.2f s)  heap held after recovery %.0f MiB (%.0f bytes per file)%n",
                recover, recoverCpu, heap / 1048576.0, (double) heap / files);
        System.out.printf("  restart (DfsMetadata.open) %7.2f s  (CPU %6.2f s)  heap held %.0f MiB (namespace + chunk map)%n", open, openCpu,
                metaHeap / 1048576.0);
        System.out.printf("bench-summary journal-namespace files=%d build_ms=%.0f checkpoint_ms=%.0f checkpoint_cpu_ms=%.0f checkpoint_bytes=%d "
                + "recover_ms=%.0f recover_cpu_ms=%.0f recover_heap_mib=%.0f open_ms=%.0f open_cpu_ms=%.0f open_heap_mib=%.0f%n", files,
                build * 1000, checkpoint * 1000, checkpointCpu * 1000, size, recover * 1000, recoverCpu * 1000, heap / 1048576.0, open * 1000,
                openCpu * 1000, metaHeap / 1048576.0);
        clear(dir);
    }

    // ---------------------------------------------------------------- (b) append latency

    static void appends(Path file, int appends, int batch) throws IOException {
        Files.deleteIfExists(file);
        byte[] record = new ObjectMapper().writeValueAsBytes(
                new NamespaceOp.Create("/data/part-0001/file-000123", 123_456, 3, 64L << 20, "writer-3", 1_700_000_000_000L));
        List<byte[]> group = new ArrayList<>();
        for (int i = 0; i < batch; i++) group.add(record);
        int batches = Math.max(1, appends / 4);
        long[] single = new long[appends];
        long[] batched = new long[batches];
        try (FrameLog log = FrameLog.open(file, STOP)) {
            for (int i = 0; i < 100; i++) log.append(record); // warm-up: the file's first blocks, the JIT
            // interleaved: four single appends, then one batch, so both see the same disk and load
            for (int i = 0, b = 0; i < appends; i++) {
                long t0 = System.nanoTime();
                log.append(record);
                single[i] = System.nanoTime() - t0;
                if (i % 4 == 3 && b < batches) {
                    t0 = System.nanoTime();
                    log.append(group);
                    batched[b++] = System.nanoTime() - t0;
                }
            }
        }
        Files.deleteIfExists(file);
        double singleMed = percentile(single, 50);
        double batchMed = percentile(batched, 50);
        double perRecordBatched = batchMed / batch;
        System.out.printf("append with fsync (force(false)), records of %d bytes:%n", record.length);
        System.out.printf("  one record per force      median %8.3f ms   p99 %8.3f ms   (%d appends)%n", singleMed / 1e6, percentile(single, 99) / 1e6, appends);
        System.out.printf("  %d records per force      median %8.3f ms   p99 %8.3f ms   (%d batches) = %.1f us per record%n", batch, batchMed / 1e6,
                percentile(batched, 99) / 1e6, batches, perRecordBatched / 1e3);
        System.out.printf("  cost per record: one per force / batched = %.1f x%n", singleMed / perRecordBatched);
        System.out.printf("bench-summary journal-append record_bytes=%d single_median_us=%.0f single_p99_us=%.0f batch=%d batch_median_us=%.0f "
                + "batch_p99_us=%.0f per_record_ratio=%.1f%n", record.length, singleMed / 1e3, percentile(single, 99) / 1e3, batch, batchMed / 1e3,
                percentile(batched, 99) / 1e3, singleMed / perRecordBatched);
    }

    // ---------------------------------------------------------------- helpers

    static long cpu() {
        return THREADS.getCurrentThreadCpuTime();
    }

    static double cpuSeconds(long c0) {
        return (cpu() - c0) / 1e9;
    }

    static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    static double percentile(long[] values, int p) {
        long[] v = values.clone();
        Arrays.sort(v);
        return v[Math.min(v.length - 1, (int) Math.ceil(p / 100.0 * v.length) - 1)];
    }

    static long heapAfterGc() {
        for (int i = 0; i < 3; i++) System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static Path newest(Path dir, String prefix) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix)).max(Comparator.naturalOrder()).orElseThrow();
        }
    }

    static void clear(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) Files.delete(p);
        }
    }
}
