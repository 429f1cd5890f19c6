package dev.mr.shuffle.sort;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A fast 32-bit hash of key bytes for the map-side combine table, eight bytes per step with a
 * final avalanche so the low bits (the table slot) depend on every byte. Not stable across
 * versions: it never leaves the task. Stateless.
 */
final class KeyHash {

    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long M = 0x9E3779B97F4A7C15L;

    private KeyHash() {}

    static int of(byte[] b, int off, int len) {
        long h = len * M;
        int i = 0;
        for (; i + 8 <= len; i += 8) {
            h = Long.rotateLeft(h ^ ((long) LONG_LE.get(b, off + i) * M), 29) * M;
        }
        if (i < len && off + i + 8 <= b.length) {
            long t = (long) LONG_LE.get(b, off + i) & (-1L >>> (64 - 8 * (len - i)));
            h = Long.rotateLeft(h ^ (t * M), 29) * M;
        } else if (i < len) {
            long t = 0;
            for (int s = 0; i < len; i++, s += 8) t |= (b[off + i] & 0xFFL) << s;
            h = Long.rotateLeft(h ^ (t * M), 29) * M;
        }
        h ^= h >>> 32;
        h *= 0xD6E8FEB86659FD93L;
        h ^= h >>> 32;
        return (int) h;
    }
}
