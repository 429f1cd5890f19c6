package dev.mr.shuffle.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The yardstick for {@link CombineBench}: what a careful programmer writes by hand to produce
 * the same map output, sorted (partition, word, count) records. Words are counted in an
 * open-addressing table of three longs per slot (the word's first 8 bytes; hash, partition and
 * length; offset in a byte store and count), so a word of up to 8 bytes is found and counted in
 * one cache line, as in the shuffle's own table. The distinct words are then sorted by
 * (partition, bytes) on their 8-byte prefixes and written through a buffered stream.
 * Single-threaded, one per map task.
 */
final class HandWrittenCount {

    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private long[] slots = new long[3 << 16];
    private int mask = (1 << 16) - 1;
    private byte[] store = new byte[1 << 20];
    private int storeUsed;
    private int words;

    private static long prefix(byte[] b, int off, int len) {
        if (len >= 8) return (long) LONG_BE.get(b, off);
        long p = 0;
        for (int i = 0; i < len; i++) p |= (b[off + i] & 0xFFL) << (56 - 8 * i);
        return p;
    }

    void add(int partition, byte[] b, int off, int len) {
        long p = prefix(b, off, len);
        long h = p * 0x9E3779B97F4A7C15L;
        for (int i = 8; i < len; i++) h = (h ^ b[off + i]) * 0x100000001B3L;
        int hash = (int) (h ^ (h >>> 29));
        long meta = ((long) hash << 32) | ((long) partition << 16) | len;
        int s = hash & mask;
        long[] t = slots;
        while (true) {
            int at = 3 * s;
            long m = t[at + 1];
            if (m == 0) break;
            if (m == meta && t[at] == p) {
                int o = (int) (t[at + 2] >>> 32);
                if (len <= 8 || Arrays.equals(store, o + 8, o + len, b, off + 8, off + len)) {
                    t[at + 2]++;
                    return;
                }
            }
            s = (s + 1) & mask;
        }
        if (storeUsed + len > store.length) store = Arrays.copyOf(store, 2 * store.length + len);
        System.arraycopy(b, off, store, storeUsed, len);
        int at = 3 * s;
        t[at] = p;
        t[at + 1] = meta;
        t[at + 2] = ((long) storeUsed << 32) | 1;
        storeUsed += len;
        if (2 * ++words > mask) grow();
    }

    private void grow() {
        long[] old = slots;
        slots = new long[2 * old.length];
        mask = 2 * mask + 1;
        for (int at = 0; at < old.length; at += 3) {
            if (old[at + 1] == 0) continue;
            int s = (int) (old[at + 1] >>> 32) & mask;
            while (slots[3 * s + 1] != 0) s = (s + 1) & mask;
            System.arraycopy(old, at, slots, 3 * s, 3);
        }
    }

    /** Writes {@code [partition][len][word][count]} records sorted by (partition, word); returns how many. */
    int finish(Path file) throws IOException {
        long[] t = slots;
        // sort keys: partition (16 bits) and the top 6 prefix bytes, then the slot; ties resolved below
        long[] order = new long[words];
        int n = 0;
        for (int at = 0; at < t.length; at += 3) {
            if (t[at + 1] == 0) continue;
            long part = (t[at + 1] >>> 16) & 0xFFFF;
            order[n++] = (part << 48) | ((t[at] >>> 16) & 0xFFFFFFFFFFFFL);
        }
        int[] slotOf = new int[words];
        n = 0;
        for (int at = 0; at < t.length; at += 3) if (t[at + 1] != 0) slotOf[n++] = at;
        Integer[] idx = new Integer[words];
        for (int i = 0; i < words; i++) idx[i] = i;
        Arrays.sort(idx, (x, y) -> {
            int c = Long.compareUnsigned(order[x], order[y]);
            if (c != 0) return c;
            int ax = slotOf[x];
            int ay = slotOf[y];
            int ox = (int) (t[ax + 2] >>> 32);
            int oy = (int) (t[ay + 2] >>> 32);
            return Arrays.compareUnsigned(store, ox, ox + (int) (t[ax + 1] & 0xFFFF), store, oy, oy + (int) (t[ay + 1] & 0xFFFF));
        });
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            for (int i : idx) {
                int at = slotOf[i];
                int len = (int) (t[at + 1] & 0xFFFF);
                int o = (int) (t[at + 2] >>> 32);
                int c = (int) t[at + 2];
                out.write((int) (t[at + 1] >>> 16));
                out.write(len);
                out.write(store, o, len);
                out.write(c >>> 24);
                out.write(c >>> 16);
                out.write(c >>> 8);
                out.write(c);
            }
        }
        return words;
    }
}
