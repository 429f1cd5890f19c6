package dev.mr.api.serde;

import dev.mr.api.Text;

/** {@link Text} as its bytes: the same encoding as {@link StringSerde}, so the same order and partitions. */
public final class TextSerde implements Serde<Text> {

    public static final TextSerde INSTANCE = new TextSerde();

    @Override
    public void write(Text value, ByteBuilder out) {
        out.write(value.bytes(), 0, value.length());
    }

    @Override
    public Text read(byte[] buf, int off, int len) {
        return new Text(buf, off, len);
    }

    @Override
    public boolean orderPreserving() {
        return true;
    }
}
