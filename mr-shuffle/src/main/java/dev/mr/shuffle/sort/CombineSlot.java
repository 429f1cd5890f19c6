package dev.mr.shuffle.sort;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The layout of one 64-byte slot of {@link HashCombineBuffer}'s table, and its accessors. A slot
 * is one key with everything a typical key needs, so that adding a record to a known key touches
 * one cache line:
 *
 * <pre>
 *  0  key bytes 0..15, zero-padded (big-endian longs: the bytes are the key itself when it is this short)
 * 16  long  hash &lt;&lt; 32 | keyLength + 1        (0: the slot is free)
 * 24  int   offset of a key longer than 16 bytes in the buffer's data (-1 otherwise)
 * 28  int   partition
 * 32  int   head of the key's out-of-line value chain in data (-1: none)
 * 36  int   number of values (inline, repeated and chained)
 * 40  int   repeats: how many more times than once the last inline value occurs
 * 44  byte  inline bytes used
 * 45  byte  start of the last inline value, relative to the inline area
 * 46  inline values, [varint length][value]... ({@value #INLINE_CAP} bytes)
 * </pre>
 *
 * A value equal to the last inline one only counts a repeat: a key whose values are all
 * alike (WordCount's ones) stays in its slot however many it gets, and needs no combining
 * until the buffer is spilled.
 *
 * Table slots start at byte {@value #BASE}, so that they line up with cache lines when the
 * array's body starts 16 bytes after a 64-byte boundary (as large arrays do). Stateless.
 */
final class CombineSlot {

    static final int SIZE = 64;
    static final int BASE = 48;
    static final int SHORT_KEY = 16;
    static final int INLINE = 46;
    static final int INLINE_CAP = SIZE - INLINE;

    private static final int KEY0 = 0;
    private static final int KEY1 = 8;
    private static final int TAG = 16;
    private static final int KEY_OFF = 24;
    private static final int PART = 28;
    private static final int HEAD = 32;
    private static final int COUNT = 36;
    private static final int REPEATS = 40;
    private static final int INLINE_USED = 44;
    private static final int LAST = 45;

    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.nativeOrder());

    private CombineSlot() {}

    static int at(int slot) {
        return BASE + slot * SIZE;
    }

    static long tag(int hash, int keyLength) {
        return ((long) hash << 32) | ((keyLength + 1) & 0xFFFFFFFFL);
    }

    static long tag(byte[] t, int b) {
        return (long) LONG.get(t, b + TAG);
    }

    static boolean free(byte[] t, int b) {
        return tag(t, b) == 0;
    }

    static int hash(long tag) {
        return (int) (tag >>> 32);
    }

    static int keyLength(byte[] t, int b) {
        return (int) tag(t, b) - 1;
    }

    static long key0(byte[] t, int b) {
        return (long) LONG_BE.get(t, b + KEY0);
    }

    static long key1(byte[] t, int b) {
        return (long) LONG_BE.get(t, b + KEY1);
    }

    static int keyOffset(byte[] t, int b) {
        return (int) INT.get(t, b + KEY_OFF);
    }

    static int partition(byte[] t, int b) {
        return (int) INT.get(t, b + PART);
    }

    static int head(byte[] t, int b) {
        return (int) INT.get(t, b + HEAD);
    }

    static void head(byte[] t, int b, int node) {
        INT.set(t, b + HEAD, node);
    }

    static int count(byte[] t, int b) {
        return (int) INT.get(t, b + COUNT);
    }

    static void count(byte[] t, int b, int n) {
        INT.set(t, b + COUNT, n);
    }

    static int inlineUsed(byte[] t, int b) {
        return t[b + INLINE_USED];
    }

    static void inlineUsed(byte[] t, int b, int n) {
        t[b + INLINE_USED] = (byte) n;
    }

    /** Where the last inline value starts, relative to the inline area (meaningless while none is inline). */
    static int lastInline(byte[] t, int b) {
        return t[b + LAST];
    }

    static void lastInline(byte[] t, int b, int start) {
        t[b + LAST] = (byte) start;
    }

    static int repeats(byte[] t, int b) {
        return (int) INT.get(t, b + REPEATS);
    }

    static void repeats(byte[] t, int b, int n) {
        INT.set(t, b + REPEATS, n);
    }

    static void init(byte[] t, int b, long tag, long key0, long key1, int keyOffset, int partition) {
        LONG_BE.set(t, b + KEY0, key0);
        LONG_BE.set(t, b + KEY1, key1);
        LONG.set(t, b + TAG, tag);
        INT.set(t, b + KEY_OFF, keyOffset);
        INT.set(t, b + PART, partition);
        INT.set(t, b + HEAD, -1);
        INT.set(t, b + COUNT, 0);
        INT.set(t, b + REPEATS, 0);
        t[b + INLINE_USED] = 0;
    }

    /** Clears a slot's values (not its key), as a combine that replaces them starts. */
    static void clearValues(byte[] t, int b) {
        INT.set(t, b + HEAD, -1);
        INT.set(t, b + COUNT, 0);
        INT.set(t, b + REPEATS, 0);
        t[b + INLINE_USED] = 0;
    }

    /** The int at {@code at} in data: a value node's link to the next. */
    static int nextNode(byte[] data, int at) {
        return (int) INT.get(data, at);
    }

    static void nextNode(byte[] data, int at, int next) {
        INT.set(data, at, next);
    }
}
