package dev.mr.api.serde;

import java.nio.charset.StandardCharsets;

/**
 * Strings as their UTF-8 bytes. Byte order is Unicode code point order (as Hadoop's
 * {@code Text}), which equals {@link String#compareTo} except between supplementary
 * characters and those in U+E000..U+FFFF.
 */
public final class StringSerde implements Serde<String> {

    public static final StringSerde INSTANCE = new StringSerde();

    @Override
    public void write(String value, ByteBuilder out) {
        out.writeUtf8(value);
    }

    @Override
    public String read(byte[] buf, int off, int len) {
        return new String(buf, off, len, StandardCharsets.UTF_8);
    }

    @Override
    public boolean orderPreserving() {
        return true;
    }
}
