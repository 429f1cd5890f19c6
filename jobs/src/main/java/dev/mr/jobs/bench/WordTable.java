package dev.mr.jobs.bench;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Word → count, keyed by the word's raw bytes, built for few cache misses per token. An
 * open-addressing {@code int[]} index (linear probing, entry number + 1, 0 = empty) points
 * into dense 4-long entries: the word's first 16 bytes packed into two longs, its length
 * (high half) with the offset of any bytes past 16 in an overflow arena (low half), and
 * the count. Entries are in first-seen order, which in text is roughly frequency order,
 * so the hot words share a few cache lines. Words of up to 16 bytes, nearly all tokens,
 * are compared as two longs. No object per word or per token. Not thread-safe: each
 * counting thread owns a table.
 *
 * <p>{@link #add} reads 16 bytes from the word's start, beyond its end when it is short,
 * so callers leave {@link #SLACK} readable bytes after any word they pass.
 */
final class WordTable {
    static final int SLACK = 16;
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int STRIDE = 4;

    private int[] index = new int[1 << 16];
    private int shift = 64 - 16; // index slot = hash >>> shift
    private long[] entries = new long[STRIDE << 14];
    private int size;
    private byte[] overflow = new byte[1 << 12];
    private int overflowLength;

    static final int BATCH = 32;
    private final long[] batchK0 = new long[BATCH];
    private final long[] batchK1 = new long[BATCH];
    private final long[] batchHash = new long[BATCH];
    private long touched; // keeps the batch's early loads alive

    /**
     * Adds 1 to the count of each word {@code b[starts[t], starts[t] + lens[t])}, t < n <= BATCH.
     * First computes every word's hash and loads its index slot and entry: loads that do not
     * depend on each other, so the CPU overlaps their cache misses. Then counts as {@link #add}.
     */
    void addBatch(byte[] b, int[] starts, int[] lens, int n) {
        int[] ix = index;
        long[] s = entries;
        int mask = ix.length - 1;
        long t = 0;
        for (int i = 0; i < n; i++) {
            long h = key(b, starts[i], lens[i], i);
            int e = ix[(int) (h >>> shift) & mask];
            if (e != 0) t += s[(e - 1) * STRIDE];
        }
        touched += t;
        for (int i = 0; i < n; i++) add(b, starts[i], lens[i], batchK0[i], batchK1[i], batchHash[i], 1);
    }

    /** Packs the word's first 16 bytes into batchK0/K1[i] and returns (and keeps) its hash. */
    private long key(byte[] b, int off, int len, int i) {
        long k0 = (long) LONG_LE.get(b, off);
        long k1 = 0;
        if (len < 8) {
            k0 &= -1L >>> (64 - 8 * len);
        } else if (len > 8) {
            k1 = (long) LONG_LE.get(b, off + 8);
            if (len < 16) k1 &= -1L >>> (64 - 8 * (len - 8));
        }
        long h = (k0 + Long.rotateLeft(k1, 29) * 0xC2B2AE3D27D4EB4FL + len) * 0x9E3779B97F4A7C15L;
        if (len > 16) {
            for (int k = off + 16; k < off + len; k++) h = (h ^ b[k]) * 0x100000001B3L;
            h *= 0x9E3779B97F4A7C15L;
        }
        batchK0[i] = k0;
        batchK1[i] = k1;
        batchHash[i] = h;
        return h;
    }

    /** Adds {@code delta} to the count of the word {@code b[off, off + len)}, {@code len >= 1}. */
    void add(byte[] b, int off, int len, long delta) {
        long h = key(b, off, len, 0);
        add(b, off, len, batchK0[0], batchK1[0], h, delta);
    }

    private void add(byte[] b, int off, int len, long k0, long k1, long h, long delta) {
        int[] ix = index;
        long[] s = entries;
        int mask = ix.length - 1;
        for (int slot = (int) (h >>> shift); ; slot = (slot + 1) & mask) {
            int e = ix[slot];
            if (e == 0) {
                ix[slot] = insert(k0, k1, b, off, len, delta) / STRIDE + 1;
                if (size * 2 > ix.length) grow();
                return;
            }
            int i = (e - 1) * STRIDE;
            long meta = s[i + 2];
            if (s[i] == k0 && s[i + 1] == k1 && (int) (meta >>> 32) == len
                    && (len <= 16 || Arrays.equals(overflow, (int) meta, (int) meta + len - 16, b, off + 16, off + len))) {
                s[i + 3] += delta;
                return;
            }
        }
    }

    /** Appends an entry and returns its position in {@code entries}. */
    private int insert(long k0, long k1, byte[] b, int off, int len, long delta) {
        int tail = 0;
        if (len > 16) {
            if (overflow.length - overflowLength < len) {
                overflow = Arrays.copyOf(overflow, Math.max(overflow.length * 2, overflowLength + len));
            }
            tail = overflowLength;
            System.arraycopy(b, off + 16, overflow, tail, len - 16);
            overflowLength += len - 16;
        }
        int i = size++ * STRIDE;
        if (i == entries.length) entries = Arrays.copyOf(entries, entries.length * 2);
        entries[i] = k0;
        entries[i + 1] = k1;
        entries[i + 2] = ((long) len << 32) | tail;
        entries[i + 3] = delta;
        return i;
    }

    /** Doubles the index; entries stay where they are. */
    private void grow() {
        index = new int[index.length * 2];
        shift--;
        int mask = index.length - 1;
        for (int e = 0; e < size; e++) {
            int slot = (int) (hash(e * STRIDE) >>> shift);
            while (index[slot] != 0) slot = (slot + 1) & mask;
            index[slot] = e + 1;
        }
    }

    private long hash(int i) {
        int len = (int) (entries[i + 2] >>> 32);
        long h = (entries[i] + Long.rotateLeft(entries[i + 1], 29) * 0xC2B2AE3D27D4EB4FL + len) * 0x9E3779B97F4A7C15L;
        if (len > 16) {
            int tail = (int) entries[i + 2];
            for (int k = tail; k < tail + len - 16; k++) h = (h ^ overflow[k]) * 0x100000001B3L;
            h *= 0x9E3779B97F4A7C15L;
        }
        return h;
    }

    /** Writes the word of the slot at {@code i} of {@code s} to {@code dst[0, len)}. */
    private void wordBytes(long[] s, int i, byte[] dst) {
        int len = (int) (s[i + 2] >>> 32);
        LONG_LE.set(dst, 0, s[i]);
        LONG_LE.set(dst, 8, s[i + 1]);
        if (len > 16) System.arraycopy(overflow, (int) s[i + 2], dst, 16, len - 16);
    }

    /** Adds every count of {@code other} into this table. */
    void addAll(WordTable other) {
        other.forEach((word, len, count) -> add(word, 0, len, count));
    }

    int size() {
        return size;
    }

    interface Visitor {
        /** {@code word[0, len)} is the word; the array is reused between calls. */
        void visit(byte[] word, int len, long count);
    }

    /** Visits every word in first-seen order. */
    void forEach(Visitor v) {
        byte[] word = new byte[64];
        for (int i = 0; i < size * STRIDE; i += STRIDE) {
            int len = (int) (entries[i + 2] >>> 32);
            if (word.length < len + SLACK) word = new byte[len + SLACK];
            wordBytes(entries, i, word);
            v.visit(word, len, entries[i + 3]);
        }
    }
}
