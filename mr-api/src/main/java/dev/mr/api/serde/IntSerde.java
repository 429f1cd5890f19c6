package dev.mr.api.serde;

/** Integers as 4 big-endian bytes with the sign bit flipped, so byte order is numeric order. */
public final class IntSerde implements Serde<Integer> {

    public static final IntSerde INSTANCE = new IntSerde();

    @Override
    public void write(Integer value, ByteBuilder out) {
        out.writeIntBE(value ^ Integer.MIN_VALUE);
    }

    @Override
    public Integer read(byte[] buf, int off, int len) {
        return decode(buf, off);
    }

    static int decode(byte[] b, int off) {
        int v = ((b[off] & 0xFF) << 24) | ((b[off + 1] & 0xFF) << 16) | ((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF);
        return v ^ Integer.MIN_VALUE;
    }

    @Override
    public boolean orderPreserving() {
        return true;
    }

    @Override
    public int fixedLength() {
        return 4;
    }
}
