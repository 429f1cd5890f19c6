package dev.mr.jobs.bench;

import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes {@code ROWS} records in Hadoop TeraGen's 100-byte layout: a 10-byte random key,
 * {@code 00 11}, the row id as 32 uppercase hex digits, {@code 88 99 AA BB}, 48 filler
 * letters, {@code CC DD EE FF}. Each record is a pure function of (seed, row), so the file
 * does not depend on {@code --threads}. Writes to a {@code .partial} sibling and renames.
 *
 * <p>Usage: {@code TeraInputGen ROWS OUT [--seed S] [--threads N]}
 */
public final class TeraInputGen {
    static final String USAGE = "TeraInputGen ROWS OUT [--seed S] [--threads N]";
    static final int RECORD = 100;
    static final int KEY = 10;
    private static final int ROWS_PER_BLOCK = 40_960;
    private static final byte[] HEX = "0123456789ABCDEF".getBytes();

    private TeraInputGen() {}

    public static void main(String[] args) {
        BenchReport.run("TeraInputGen", () -> {
            BenchArgs a = new BenchArgs(args, USAGE, "seed", "threads");
            long rows = Long.parseLong(a.positional(0, USAGE));
            Path out = Path.of(a.positional(1, USAGE));
            long start = System.nanoTime();
            write(rows, out, a.longOption("seed", 42), a.threads());
            BenchReport.print("TeraInputGen", a.threads(), rows * RECORD, start);
        });
    }

    static void write(long rows, Path out, long seed, int threads) throws Exception {
        if (rows < 0) throw new IllegalArgumentException("ROWS must be >= 0, got " + rows);
        Path tmp = ChannelIo.temporarySibling(out);
        long blocks = (rows + ROWS_PER_BLOCK - 1) / ROWS_PER_BLOCK;
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int first = t;
                    done.add(pool.submit(() -> {
                        byte[] buf = new byte[ROWS_PER_BLOCK * RECORD];
                        for (long b = first; b < blocks; b += threads) {
                            long row0 = b * ROWS_PER_BLOCK;
                            int n = (int) Math.min(ROWS_PER_BLOCK, rows - row0);
                            for (int i = 0; i < n; i++) record(seed, row0 + i, buf, i * RECORD);
                            ChannelIo.writeFully(ch, buf, 0, n * RECORD, row0 * RECORD);
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) f.get();
            } finally {
                pool.shutdownNow();
            }
        }
        ChannelIo.publish(tmp, out);
    }

    /** Writes record {@code row} at {@code dst[off]}. */
    static void record(long seed, long row, byte[] dst, int off) {
        long k1 = mix(seed ^ mix(row + 0x9E3779B97F4A7C15L));
        long k2 = mix(k1 ^ 0x632BE59BD9B4E019L);
        for (int i = 0; i < 8; i++) dst[off + i] = (byte) (k1 >>> (56 - 8 * i));
        dst[off + 8] = (byte) (k2 >>> 56);
        dst[off + 9] = (byte) (k2 >>> 48);
        dst[off + 10] = 0x00;
        dst[off + 11] = 0x11;
        for (int i = 0; i < 16; i++) dst[off + 12 + i] = '0';
        for (int i = 0; i < 16; i++) dst[off + 28 + i] = HEX[(int) (row >>> (60 - 4 * i)) & 0xF];
        dst[off + 44] = (byte) 0x88;
        dst[off + 45] = (byte) 0x99;
        dst[off + 46] = (byte) 0xAA;
        dst[off + 47] = (byte) 0xBB;
        for (int i = 0; i < 48; i++) dst[off + 48 + i] = (byte) ('A' + (int) ((row + i / 4) % 26));
        dst[off + 96] = (byte) 0xCC;
        dst[off + 97] = (byte) 0xDD;
        dst[off + 98] = (byte) 0xEE;
        dst[off + 99] = (byte) 0xFF;
    }

    /** SplitMix64's finaliser: a bijection with good avalanche. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
