package dev.mr.jobs.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The hand-written word count that {@code mr-bench} holds the framework's WordCount
 * against. It is meant to be hard to beat: the file is cut into one byte range per thread
 * at line starts; each thread reads its range in 1 MiB chunks, splits raw bytes on Hadoop
 * WordCount's whitespace (space, tab, \n, \r, \f), finding word ends eight bytes at a
 * time, and counts in its own {@link WordTable}; no String or object is made per token. The tables are merged and
 * written as UTF-8 {@code word<TAB>count\n} sorted by the word's bytes (unsigned): the
 * bytes the framework's WordCount writes with one reducer.
 *
 * <p>Usage: {@code HandWordCount IN OUT [--threads N]}
 */
public final class HandWordCount {
    static final String USAGE = "HandWordCount IN OUT [--threads N]";
    private static final int CHUNK = 1 << 20;
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long WHITESPACE = 1L << ' ' | 1L << '\t' | 1L << '\n' | 1L << '\r' | 1L << '\f';

    private HandWordCount() {}

    public static void main(String[] args) {
        BenchReport.run("HandWordCount", () -> {
            BenchArgs a = new BenchArgs(args, USAGE, "threads");
            Path in = Path.of(a.positional(0, USAGE));
            Path out = Path.of(a.positional(1, USAGE));
            long start = System.nanoTime();
            WordTable counts = count(in, a.threads());
            write(counts, out);
            BenchReport.print("HandWordCount", a.threads(), Files.size(in), start);
        });
    }

    static WordTable count(Path in, int threads) throws Exception {
        try (FileChannel ch = FileChannel.open(in)) {
            long[] bounds = lineBounds(ch, threads);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<WordTable>> parts = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    long from = bounds[t];
                    long to = bounds[t + 1];
                    parts.add(pool.submit(() -> countRange(ch, from, to)));
                }
                WordTable all = parts.get(0).get();
                for (int t = 1; t < threads; t++) all.addAll(parts.get(t).get());
                return all;
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /** {@code n + 1} boundaries: range i is {@code [b[i], b[i+1])}, each starting at a line start. */
    static long[] lineBounds(FileChannel ch, int n) throws IOException {
        long size = ch.size();
        long[] bounds = new long[n + 1];
        bounds[n] = size;
        byte[] buf = new byte[64 << 10];
        for (int i = 1; i < n; i++) {
            long p = Math.max(bounds[i - 1], size / n * i);
            bounds[i] = p == 0 ? 0 : lineStartAtOrAfter(ch, p, size, buf);
        }
        return bounds;
    }

    private static long lineStartAtOrAfter(FileChannel ch, long p, long size, byte[] buf) throws IOException {
        for (long pos = p - 1; pos < size; pos += buf.length) {
            int n = (int) Math.min(buf.length, size - pos);
            ChannelIo.readFully(ch, buf, 0, n, pos);
            for (int i = 0; i < n; i++) {
                if (buf[i] == '\n') return pos + i + 1;
            }
        }
        return size;
    }

    static WordTable countRange(FileChannel ch, long from, long to) throws IOException {
        WordTable table = new WordTable();
        byte[] buf = new byte[CHUNK + WordTable.SLACK];
        int carry = 0;
        long pos = from;
        while (pos < to) {
            int capacity = buf.length - WordTable.SLACK;
            if (carry == capacity) buf = Arrays.copyOf(buf, capacity * 2 + WordTable.SLACK); // a word longer than a chunk
            int n = (int) Math.min(buf.length - WordTable.SLACK - carry, to - pos);
            ChannelIo.readFully(ch, buf, carry, n, pos);
            pos += n;
            int end = carry + n;
            int unfinished = tokenize(buf, end, pos == to, table);
            carry = end - unfinished;
            System.arraycopy(buf, unfinished, buf, 0, carry);
        }
        return table;
    }

    /**
     * Counts the words in {@code buf[0, end)}. Unless {@code last}, a word that touches
     * {@code end} may go on in the next chunk: it is not counted and its start is returned.
     * {@code buf} has {@link WordTable#SLACK} bytes past {@code end}.
     */
    static int tokenize(byte[] buf, int end, boolean last, WordTable table) {
        int[] starts = new int[WordTable.BATCH];
        int[] lens = new int[WordTable.BATCH];
        int n = 0;
        int i = 0;
        while (true) {
            while (i < end && isWhitespace(buf[i])) i++;
            if (i == end) break;
            int start = i;
            i = wordEnd(buf, i + 1, end);
            if (i == end && !last) {
                table.addBatch(buf, starts, lens, n);
                return start;
            }
            starts[n] = start;
            lens[n++] = i - start;
            if (n == WordTable.BATCH) {
                table.addBatch(buf, starts, lens, n);
                n = 0;
            }
        }
        table.addBatch(buf, starts, lens, n);
        return end;
    }

    /** The first whitespace at or after {@code i}, or {@code end}; eight bytes at a time. */
    private static int wordEnd(byte[] buf, int i, int end) {
        while (i + 8 <= end) {
            long x = (long) LONG_LE.get(buf, i);
            // flags bytes below 0x21; the lowest flag is exact (borrows only run upwards)
            long low = (x - 0x2121212121212121L) & ~x & 0x8080808080808080L;
            if (low == 0) {
                i += 8;
                continue;
            }
            int j = i + (Long.numberOfTrailingZeros(low) >>> 3);
            if (isWhitespace(buf[j])) return j;
            i = j + 1; // another control byte: part of the word
        }
        while (i < end && !isWhitespace(buf[i])) i++;
        return i;
    }

    private static boolean isWhitespace(byte b) {
        return b <= ' ' && b >= 0 && ((WHITESPACE >>> b) & 1) != 0;
    }

    static void write(WordTable counts, Path out) throws IOException {
        List<byte[]> words = new ArrayList<>(counts.size());
        List<Long> values = new ArrayList<>(counts.size());
        counts.forEach((word, len, count) -> {
            words.add(Arrays.copyOf(word, len));
            values.add(count);
        });
        Integer[] order = new Integer[words.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, (x, y) -> Arrays.compareUnsigned(words.get(x), words.get(y)));
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(out), 1 << 20)) {
            for (int e : order) {
                os.write(words.get(e));
                os.write('\t');
                os.write(Long.toString(values.get(e)).getBytes(StandardCharsets.US_ASCII));
                os.write('\n');
            }
        }
    }
}
