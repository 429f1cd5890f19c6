package dev.mr.api.serde;

/** Booleans as one byte, false before true. */
public final class BooleanSerde implements Serde<Boolean> {

    public static final BooleanSerde INSTANCE = new BooleanSerde();

    @Override
    public void write(Boolean value, ByteBuilder out) {
        out.write(value ? 1 : 0);
    }

    @Override
    public Boolean read(byte[] buf, int off, int len) {
        return buf[off] != 0;
    }

    @Override
    public boolean orderPreserving() {
        return true;
    }

    @Override
    public int fixedLength() {
        return 1;
    }
}
