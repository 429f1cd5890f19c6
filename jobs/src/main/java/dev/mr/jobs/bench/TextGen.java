package dev.mr.jobs.bench;

import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes exactly {@code BYTES} bytes of Zipf-like text: lines of 5-20 words from a
 * {@link Vocabulary} of 100k words, separated by single spaces (one in 25 a tab), every
 * line ending in {@code \n}. The file is cut into 4 MiB blocks, each generated from its own
 * seed, so the bytes depend only on {@code --seed}, not on {@code --threads}. The last line
 * of a block is made to fit exactly, from words of the right length. Writes to a
 * {@code .partial} sibling and renames, so a cached file is always whole.
 *
 * <p>Usage: {@code TextGen BYTES OUT [--seed S] [--threads N] [--zipf 1.0]}
 */
public final class TextGen {
    static final String USAGE = "TextGen BYTES OUT [--seed S] [--threads N] [--zipf EXPONENT]";
    static final int BLOCK = 4 << 20;
    static final int VOCABULARY_SIZE = 100_000;
    private static final int MAX_LINE = 20 * (4 * Vocabulary.MAX_CHARS + 1) + 1;

    private final Vocabulary vocabulary;
    private final long seed;

    TextGen(long seed, double zipfExponent) {
        this.seed = seed;
        this.vocabulary = new Vocabulary(seed, VOCABULARY_SIZE, zipfExponent);
    }

    public static void main(String[] args) {
        BenchReport.run("TextGen", () -> {
            BenchArgs a = new BenchArgs(args, USAGE, "seed", "threads", "zipf");
            long bytes = Long.parseLong(a.positional(0, USAGE));
            Path out = Path.of(a.positional(1, USAGE));
            long start = System.nanoTime();
            new TextGen(a.longOption("seed", 42), a.doubleOption("zipf", 1.0)).write(bytes, out, a.threads());
            BenchReport.print("TextGen", a.threads(), bytes, start);
        });
    }

    void write(long bytes, Path out, int threads) throws Exception {
        if (bytes < 0) throw new IllegalArgumentException("BYTES must be >= 0, got " + bytes);
        Path tmp = ChannelIo.temporarySibling(out);
        long blocks = (bytes + BLOCK - 1) / BLOCK;
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int first = t;
                    done.add(pool.submit(() -> {
                        byte[] block = new byte[BLOCK];
                        for (long b = first; b < blocks; b += threads) {
                            int len = (int) Math.min(BLOCK, bytes - b * BLOCK);
                            fillBlock(b, block, len);
                            ChannelIo.writeFully(ch, block, 0, len, b * BLOCK);
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

    /** Fills {@code block[0, len)} with whole lines; depends only on the seed and the block number. */
    void fillBlock(long blockNo, byte[] block, int len) {
        SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + blockNo);
        byte[] line = new byte[MAX_LINE];
        int pos = 0;
        while (pos < len) {
            int n = nextLine(rnd, line);
            int room = len - pos;
            // a line fits if it fills the block exactly or leaves room for at least "x\n"
            if (n == room || n <= room - 2) {
                System.arraycopy(line, 0, block, pos, n);
                pos += n;
            } else {
                pos = lastLine(rnd, block, pos, room - 1);
            }
        }
    }

    private int nextLine(SplittableRandom rnd, byte[] line) {
        int words = 5 + rnd.nextInt(16);
        int pos = 0;
        for (int i = 0; i < words; i++) {
            if (i > 0) line[pos++] = separator(rnd);
            pos = vocabulary.copy(vocabulary.sample(rnd), line, pos);
        }
        line[pos++] = '\n';
        return pos;
    }

    /** Writes a line of exactly {@code content} bytes plus {@code \n} at {@code pos}; returns the end. */
    private int lastLine(SplittableRandom rnd, byte[] block, int pos, int content) {
        boolean first = true;
        while (content > 0) {
            int sep = first ? 0 : 1;
            int room = content - sep;
            if (room <= Vocabulary.MAX_CHARS) {
                if (!first) block[pos++] = ' ';
                pos = vocabulary.copy(vocabulary.asciiWordOfLength(room, rnd), block, pos);
                break;
            }
            int w = vocabulary.sample(rnd);
            // leave at least a separator and one byte, so the final word is never empty
            if (room - vocabulary.length(w) >= 2) {
                if (!first) block[pos++] = separator(rnd);
                pos = vocabulary.copy(w, block, pos);
                content -= sep + vocabulary.length(w);
                first = false;
            }
        }
        block[pos++] = '\n';
        return pos;
    }

    private static byte separator(SplittableRandom rnd) {
        return rnd.nextInt(25) == 0 ? (byte) '\t' : (byte) ' ';
    }
}
