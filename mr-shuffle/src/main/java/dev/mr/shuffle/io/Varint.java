package dev.mr.shuffle.io;

/**
 * Unsigned LEB128 varints of non-negative ints, the length prefixes of the record format
 * (the same encoding as {@link dev.mr.api.serde.ByteBuilder#writeVarInt}). Stateless.
 */
public final class Varint {

    /** {@link #read} result when the bytes end inside the varint. */
    public static final long INCOMPLETE = -1;
    /** {@link #read} result for more than 5 bytes or a value above {@link Integer#MAX_VALUE}. */
    public static final long MALFORMED = -2;

    private Varint() {}

    public static int size(int v) {
        if ((v & ~0x7F) == 0) return 1;
        if ((v & ~0x3FFF) == 0) return 2;
        if ((v & ~0x1FFFFF) == 0) return 3;
        if ((v & ~0xFFFFFFF) == 0) return 4;
        return 5;
    }

    /** Writes {@code v} at {@code pos}; returns the position after it. */
    public static int write(byte[] b, int pos, int v) {
        while ((v & ~0x7F) != 0) {
            b[pos++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        b[pos++] = (byte) v;
        return pos;
    }

    /**
     * Reads the varint at {@code pos} without reading at or past {@code limit}. Returns
     * {@code (bytesRead << 32) | value}, or {@link #INCOMPLETE} or {@link #MALFORMED}.
     */
    public static long read(byte[] b, int pos, int limit) {
        int value = 0;
        for (int i = 0; i < 5; i++) {
            if (pos + i >= limit) return INCOMPLETE;
            int x = b[pos + i];
            value |= (x & 0x7F) << (7 * i);
            if (x >= 0) {
                if (value < 0 || (i == 4 && (x & 0x70) != 0)) return MALFORMED;
                return ((long) (i + 1) << 32) | value;
            }
        }
        return MALFORMED;
    }
}
