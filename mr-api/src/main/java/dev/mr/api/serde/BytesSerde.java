package dev.mr.api.serde;

import java.util.Arrays;

/** Byte arrays as themselves, compared unsigned (as Hadoop's {@code BytesWritable} keys). */
public final class BytesSerde implements Serde<byte[]> {

    public static final BytesSerde INSTANCE = new BytesSerde();

    @Override
    public void write(byte[] value, ByteBuilder out) {
        out.write(value, 0, value.length);
    }

    @Override
    public byte[] read(byte[] buf, int off, int len) {
        return Arrays.copyOfRange(buf, off, off + len);
    }

    @Override
    public boolean orderPreserving() {
        return true;
    }
}
