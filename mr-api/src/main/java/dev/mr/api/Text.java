package dev.mr.api;

import dev.mr.api.serde.ByteCopy;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Text as its UTF-8 bytes, mutable so that one instance can be reused for every record (as
 * Hadoop's {@code Text}). A job that reads lines with {@link dev.mr.api.io.RawTextInputFormat}
 * and emits {@code Text} keys never decodes or encodes a character: the bytes go from the
 * input file to the shuffle as they are. Its encoding in the shuffle is the same as a
 * {@code String}'s, so a job sorts, partitions and writes {@code Text} keys exactly as it would
 * the equal {@code String}s. Bytes that are not valid UTF-8 pass through unchanged, and only
 * {@link #toString()} replaces them.
 *
 * <p>Ordered, compared and hashed by its bytes, unsigned. Not thread-safe.
 */
public final class Text implements Comparable<Text> {

    private static final byte[] EMPTY = new byte[0];

    private byte[] bytes;
    private int length;

    public Text() {
        bytes = EMPTY;
    }

    public Text(String s) {
        set(s);
    }

    public Text(byte[] b, int off, int len) {
        bytes = Arrays.copyOfRange(b, off, off + len);
        length = len;
    }

    /** Makes this text a copy of {@code b[off, off+len)}. */
    public Text set(byte[] b, int off, int len) {
        // at least 16 bytes, so that a short word is copied as two words (ByteCopy)
        if (bytes.length < len) bytes = new byte[Math.max(Math.max(len, 16), Math.min(2 * bytes.length, Integer.MAX_VALUE - 8))];
        ByteCopy.copy(b, off, bytes, 0, len);
        length = len;
        return this;
    }

    public Text set(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        bytes = b;
        length = b.length;
        return this;
    }

    public Text set(Text t) {
        return set(t.bytes, 0, t.length);
    }

    /** The backing array: its first {@link #length()} bytes are the text; the rest is garbage. Valid until the next {@code set}. */
    public byte[] bytes() {
        return bytes;
    }

    /** The number of bytes (not characters). */
    public int length() {
        return length;
    }

    /** A copy of the bytes, exactly {@link #length()} long. */
    public byte[] copyBytes() {
        return Arrays.copyOf(bytes, length);
    }

    @Override
    public int compareTo(Text o) {
        return Arrays.compareUnsigned(bytes, 0, length, o.bytes, 0, o.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Text t && Arrays.equals(bytes, 0, length, t.bytes, 0, t.length);
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (int i = 0; i < length; i++) h = 31 * h + bytes[i];
        return h;
    }

    /** The text decoded from UTF-8; malformed bytes become U+FFFD. */
    @Override
    public String toString() {
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }
}
