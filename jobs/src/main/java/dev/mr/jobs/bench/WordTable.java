package dev.mr.jobs.bench;

import java.util.Arrays;

/**
 * Word → count, keyed by the word's raw bytes: open addressing with linear probing over a
 * {@code long[]} of slots, each holding the word's 32-bit hash (high half) and its entry
 * number + 1 (low half, 0 = empty), so most probes are decided without touching the bytes.
 * Word bytes live back to back in one arena. No object per word or per token.
 * Not thread-safe: each counting thread owns one table; tables are merged at the end.
 */
final class WordTable {
    private long[] slots = new long[1 << 16];
    private int mask = slots.length - 1;
    private int size;
    private byte[] arena = new byte[1 << 20];
    private int arenaLength;
    private int[] offsets = new int[1 << 15];
    private int[] lengths = new int[1 << 15];
    private long[] counts = new long[1 << 15];

    /** The hash {@link #add} expects: a per-byte polynomial, cheap to fold into tokenizing. */
    static int hash(byte[] b, int off, int len) {
        int h = 0;
        for (int i = off; i < off + len; i++) h = 31 * h + b[i];
        return h;
    }

    /** Adds {@code delta} to the count of the word {@code b[off, off + len)} whose {@link #hash} is {@code h}. */
    void add(byte[] b, int off, int len, int h, long delta) {
        int i = spread(h) & mask;
        while (true) {
            long s = slots[i];
            if (s == 0) {
                insert(i, b, off, len, h, delta);
                return;
            }
            if ((int) (s >>> 32) == h) {
                int e = (int) s - 1;
                if (lengths[e] == len && Arrays.equals(arena, offsets[e], offsets[e] + len, b, off, off + len)) {
                    counts[e] += delta;
                    return;
                }
            }
            i = (i + 1) & mask;
        }
    }

    private static int spread(int h) {
        int m = h * 0x9E3779B9;
        return m ^ (m >>> 16);
    }

    private void insert(int slot, byte[] b, int off, int len, int h, long delta) {
        int e = size++;
        if (e == counts.length) {
            offsets = Arrays.copyOf(offsets, e * 2);
            lengths = Arrays.copyOf(lengths, e * 2);
            counts = Arrays.copyOf(counts, e * 2);
        }
        if (arena.length - arenaLength < len) {
            arena = Arrays.copyOf(arena, Math.max(arena.length * 2, arenaLength + len));
        }
        System.arraycopy(b, off, arena, arenaLength, len);
        offsets[e] = arenaLength;
        lengths[e] = len;
        counts[e] = delta;
        arenaLength += len;
        slots[slot] = ((long) h << 32) | (e + 1);
        if (size * 2 > slots.length) rehash();
    }

    private void rehash() {
        long[] old = slots;
        slots = new long[old.length * 2];
        mask = slots.length - 1;
        for (long s : old) {
            if (s == 0) continue;
            int i = spread((int) (s >>> 32)) & mask;
            while (slots[i] != 0) i = (i + 1) & mask;
            slots[i] = s;
        }
    }

    /** Adds every count of {@code other} into this table. */
    void addAll(WordTable other) {
        for (int e = 0; e < other.size; e++) {
            int off = other.offsets[e];
            int len = other.lengths[e];
            add(other.arena, off, len, hash(other.arena, off, len), other.counts[e]);
        }
    }

    int size() {
        return size;
    }

    /** Entry numbers ordered by the words' bytes, compared unsigned (UTF-8 code point order). */
    int[] sortedEntries() {
        Integer[] order = new Integer[size];
        for (int e = 0; e < size; e++) order[e] = e;
        Arrays.sort(order, (x, y) -> Arrays.compareUnsigned(
                arena, offsets[x], offsets[x] + lengths[x], arena, offsets[y], offsets[y] + lengths[y]));
        return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
    }

    byte[] arena() {
        return arena;
    }

    int offset(int entry) {
        return offsets[entry];
    }

    int length(int entry) {
        return lengths[entry];
    }

    long count(int entry) {
        return counts[entry];
    }
}
