package dev.mr.api.serde;

/** Longs as 8 big-endian bytes with the sign bit flipped, so byte order is numeric order. */
public final class LongSerde implements Serde<Long> {

    public static final LongSerde INSTANCE = new LongSerde();

    @Override
    public void write(Long value, ByteBuilder out) {
        out.writeLongBE(value ^ Long.MIN_VALUE);
    }

    @Override
    public Long read(byte[] buf, int off, int len) {
        return decode(buf, off) ^ Long.MIN_VALUE;
    }

    static long decode(byte[] b, int off) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[off + i] & 0xFF);
        }
        return v;
    }

    @Override
    public boolean orderPreserving() {
        return true;
    }

    @Override
    public int fixedLength() {
        return 8;
    }
}
