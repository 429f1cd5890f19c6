package dev.mr.shuffle.io;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The first 8 bytes of a key as a big-endian long, zero-padded: comparing two prefixes as
 * unsigned longs orders keys as {@link dev.mr.api.serde.BytesComparator} does, except that
 * equal prefixes need a closer look. When prefixes are equal and one key is at most 8 bytes
 * long, the shorter key is the smaller (it is a prefix of the other); only keys of 9 bytes or
 * more need their bytes compared. Stateless.
 */
public final class KeyPrefix {

    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private KeyPrefix() {}

    public static long of(byte[] b, int off, int len) {
        if (len >= 8) return (long) LONG_BE.get(b, off);
        if (len > 0 && off + 8 <= b.length) return (long) LONG_BE.get(b, off) & (-1L << (64 - 8 * len));
        long p = 0;
        for (int i = 0; i < len; i++) {
            p |= (b[off + i] & 0xFFL) << (56 - 8 * i);
        }
        return p;
    }

    /**
     * Orders two keys with equal prefixes by length alone when that is decisive: returns
     * negative or positive, or 0 when both keys are longer than 8 bytes (compare the bytes)
     * or both have the same length of at most 8 (the keys are equal).
     */
    public static int compareLengthsOnTie(int lenA, int lenB) {
        if (lenA == lenB || (lenA > 8 && lenB > 8)) return 0;
        return lenA < lenB ? -1 : 1;
    }
}
