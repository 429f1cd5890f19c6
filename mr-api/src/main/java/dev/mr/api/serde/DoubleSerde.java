package dev.mr.api.serde;

/**
 * Doubles as 8 bytes whose unsigned order is {@link Double#compare} order: positive values
 * get the sign bit set, negative values have every bit inverted.
 */
public final class DoubleSerde implements Serde<Double> {

    public static final DoubleSerde INSTANCE = new DoubleSerde();

    @Override
    public void write(Double value, ByteBuilder out) {
        long bits = Double.doubleToLongBits(value);
        out.writeLongBE(bits < 0 ? ~bits : bits ^ Long.MIN_VALUE);
    }

    @Override
    public Double read(byte[] buf, int off, int len) {
        long v = LongSerde.decode(buf, off);
        long bits = v < 0 ? v ^ Long.MIN_VALUE : ~v;
        return Double.longBitsToDouble(bits);
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
