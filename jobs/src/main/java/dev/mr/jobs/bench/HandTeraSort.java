package dev.mr.jobs.bench;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The hand-written in-memory sort that {@code mr-bench} holds the framework's TeraSort
 * against. All 100-byte records are read into memory (in 100 MiB arrays, one pass per
 * thread over its arrays, histogramming key bytes 0-1 as it goes). Each record becomes a
 * packed pair of longs, side by side in one array: key bytes 0-7, and key bytes 8-9 above
 * the 48-bit record index. A
 * parallel 16-bit MSD radix pass scatters the pairs into 65536 buckets, the threads sort
 * the buckets (about 160 pairs each on random keys) with {@link PairSort}, and finally each
 * thread gathers a contiguous slice of the sorted order into 4 MB buffers and writes it at
 * its place in the one output file. Equal keys keep input order.
 *
 * <p>Usage: {@code HandTeraSort IN OUT [--threads N]}
 */
public final class HandTeraSort {
    static final String USAGE = "HandTeraSort IN OUT [--threads N]";
    private static final int RECORD = TeraInputGen.RECORD;
    static final int CHUNK_SHIFT = 20; // records per in-memory array: 2^20, 100 MiB
    private static final int BUCKETS = 1 << 16;
    private static final int WRITE_RECORDS = 40_960;
    private static final int MAX_RECORDS = (Integer.MAX_VALUE - 16) / 2;
    private static final long INDEX_MASK = (1L << 48) - 1;
    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final int threads;
    private final int chunkShift;
    private final int chunkRecords;
    private final long records;
    private final byte[][] chunks;
    private final int[][] counts; // [thread][bucket] records, then each thread's first position in the bucket
    private long[] pairs; // pair i: pairs[2i] = key bytes 0-7, pairs[2i + 1] = key bytes 8-9 << 48 | record index

    private HandTeraSort(long records, int threads, int chunkShift) {
        if (records > MAX_RECORDS) {
            throw new IllegalArgumentException(records + " records do not fit one in-memory sort (max " + MAX_RECORDS + ")");
        }
        this.records = records;
        this.threads = threads;
        this.chunkShift = chunkShift;
        this.chunkRecords = 1 << chunkShift;
        this.chunks = new byte[(int) ((records + chunkRecords - 1) >>> chunkShift)][];
        this.counts = new int[threads][BUCKETS];
    }

    public static void main(String[] args) {
        BenchReport.run("HandTeraSort", () -> {
            BenchArgs a = new BenchArgs(args, USAGE, "threads");
            Path in = Path.of(a.positional(0, USAGE));
            Path out = Path.of(a.positional(1, USAGE));
            long start = System.nanoTime();
            sort(in, out, a.threads(), CHUNK_SHIFT);
            BenchReport.print("HandTeraSort", a.threads(), Files.size(in), start);
        });
    }

    /** Sorts the records of {@code in} into {@code out}, holding them in arrays of 2^chunkShift records. */
    static void sort(Path in, Path out, int threads, int chunkShift) throws Exception {
        long size = Files.size(in);
        if (size % RECORD != 0) {
            throw new IllegalArgumentException(in + " is " + size + " bytes, not a whole number of " + RECORD + "-byte records");
        }
        HandTeraSort sort = new HandTeraSort(size / RECORD, threads, chunkShift);
        long t0 = System.nanoTime();
        sort.read(in);
        long t1 = System.nanoTime();
        sort.scatter();
        long t2 = System.nanoTime();
        sort.sortBuckets();
        long t3 = System.nanoTime();
        sort.write(out);
        long t4 = System.nanoTime();
        System.err.printf("bench-phases program=HandTeraSort read_ms=%d scatter_ms=%d sort_ms=%d write_ms=%d%n",
                (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000, (t4 - t3) / 1_000_000);
    }

    private void read(Path in) throws Exception {
        try (FileChannel ch = FileChannel.open(in)) {
            parallel(t -> {
                for (int c = t; c < chunks.length; c += threads) {
                    int n = chunkRecords(c);
                    byte[] chunk = new byte[n * RECORD];
                    ChannelIo.readFully(ch, chunk, 0, chunk.length, ((long) c << chunkShift) * RECORD);
                    chunks[c] = chunk;
                    int[] hist = counts[t];
                    for (int off = 0; off < chunk.length; off += RECORD) {
                        hist[(chunk[off] & 0xFF) << 8 | (chunk[off + 1] & 0xFF)]++;
                    }
                }
            });
        }
    }

    /** Turns the histograms into positions and writes each record's pair into its bucket. */
    private void scatter() throws Exception {
        int pos = 0;
        for (int b = 0; b < BUCKETS; b++) {
            for (int t = 0; t < threads; t++) {
                int n = counts[t][b];
                counts[t][b] = pos;
                pos += n;
            }
        }
        pairs = new long[(int) records * 2];
        parallel(t -> {
            int[] next = counts[t];
            for (int c = t; c < chunks.length; c += threads) {
                byte[] chunk = chunks[c];
                long index = (long) c << chunkShift;
                for (int off = 0; off < chunk.length; off += RECORD, index++) {
                    long h = (long) LONG_BE.get(chunk, off);
                    int p = next[(int) (h >>> 48)]++;
                    pairs[2 * p] = h;
                    pairs[2 * p + 1] = ((long) (chunk[off + 8] & 0xFF) << 56) | ((long) (chunk[off + 9] & 0xFF) << 48) | index;
                }
            }
        });
    }

    private void sortBuckets() throws Exception {
        // after scatter, counts[threads - 1][b] is the end of bucket b
        AtomicInteger nextBlock = new AtomicInteger();
        int block = 256;
        parallel(t -> {
            for (int b0; (b0 = nextBlock.getAndAdd(block)) < BUCKETS; ) {
                for (int b = b0; b < b0 + block; b++) {
                    int from = b == 0 ? 0 : counts[threads - 1][b - 1];
                    PairSort.sort(pairs, from, counts[threads - 1][b]);
                }
            }
        });
    }

    private void write(Path out) throws Exception {
        try (FileChannel ch = FileChannel.open(out, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            parallel(t -> {
                long from = records * t / threads;
                long to = records * (t + 1) / threads;
                byte[] buf = new byte[WRITE_RECORDS * RECORD];
                for (long p = from; p < to; p += WRITE_RECORDS) {
                    int n = (int) Math.min(WRITE_RECORDS, to - p);
                    for (int i = 0; i < n; i++) {
                        long index = pairs[2 * ((int) p + i) + 1] & INDEX_MASK;
                        System.arraycopy(chunks[(int) (index >>> chunkShift)], (int) (index & (chunkRecords - 1)) * RECORD,
                                buf, i * RECORD, RECORD);
                    }
                    ChannelIo.writeFully(ch, buf, 0, n * RECORD, p * RECORD);
                }
            });
        }
    }

    private int chunkRecords(int c) {
        return (int) Math.min(chunkRecords, records - ((long) c << chunkShift));
    }

    private interface Step {
        void run(int thread) throws Exception;
    }

    private void parallel(Step step) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit((Callable<Void>) () -> {
                    step.run(thread);
                    return null;
                }));
            }
            for (Future<?> f : done) f.get();
        } finally {
            pool.shutdownNow();
        }
    }
}
