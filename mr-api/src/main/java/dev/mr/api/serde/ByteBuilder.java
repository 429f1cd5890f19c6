package dev.mr.api.serde;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte array that serdes write into. Reused across records: {@link #reset()}
 * keeps the array, so steady-state serialization allocates nothing.
 *
 * <p>Not thread-safe.
 */
public final class ByteBuilder {

    private byte[] buf;
    private int length;

    public ByteBuilder() {
        this(64);
    }

    public ByteBuilder(int capacity) {
        this.buf = new byte[Math.max(16, capacity)];
    }

    /** The backing array; valid bytes are {@code [0, length())}. */
    public byte[] array() {
        return buf;
    }

    public int length() {
        return length;
    }

    public void reset() {
        length = 0;
    }

    /** Drops everything after the first {@code newLength} bytes. */
    public void truncate(int newLength) {
        if (newLength < 0 || newLength > length) throw new IndexOutOfBoundsException(newLength);
        length = newLength;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, length);
    }

    public void ensureRoom(int more) {
        int needed = length + more;
        if (needed < 0) throw new OutOfMemoryError("record larger than 2 GiB");
        if (needed > buf.length) {
            int grown = Math.max(needed, buf.length << 1);
            if (grown < 0) grown = Integer.MAX_VALUE - 8;
            buf = Arrays.copyOf(buf, grown);
        }
    }

    public void write(int b) {
        if (length == buf.length) ensureRoom(1);
        buf[length++] = (byte) b;
    }

    public void write(byte[] src) {
        write(src, 0, src.length);
    }

    public void write(byte[] src, int off, int len) {
        ensureRoom(len);
        ByteCopy.copy(src, off, buf, length, len);
        length += len;
    }

    public void writeIntBE(int v) {
        ensureRoom(4);
        byte[] b = buf;
        int p = length;
        b[p] = (byte) (v >>> 24);
        b[p + 1] = (byte) (v >>> 16);
        b[p + 2] = (byte) (v >>> 8);
        b[p + 3] = (byte) v;
        length = p + 4;
    }

    public void writeLongBE(long v) {
        ensureRoom(8);
        byte[] b = buf;
        int p = length;
        for (int i = 0; i < 8; i++) {
            b[p + i] = (byte) (v >>> (56 - 8 * i));
        }
        length = p + 8;
    }

    /** Writes an unsigned LEB128 varint (1 to 5 bytes). */
    public void writeVarInt(int v) {
        ensureRoom(5);
        while ((v & ~0x7F) != 0) {
            buf[length++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[length++] = (byte) v;
    }

    /**
     * Writes the UTF-8 encoding of {@code s}, byte for byte what {@code s.getBytes(UTF_8)} gives
     * (an unpaired surrogate becomes {@code '?'}), with a fast path for ASCII.
     */
    public void writeUtf8(String s) {
        int n = s.length();
        ensureRoom(n);
        byte[] b = buf;
        int p = length;
        int i = 0;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) break;
            b[p++] = (byte) c;
        }
        length = p;
        if (i < n) writeUtf8From(s, i);
    }

    /**
     * Encodes {@code s} from {@code i} on straight into the buffer: a word of a non-Latin script
     * is common in text, and a substring and its {@code getBytes} were two objects per such word.
     */
    private void writeUtf8From(String s, int i) {
        int n = s.length();
        if (3L * (n - i) > Integer.MAX_VALUE - 16 - length) { // too long to reserve the worst case
            byte[] rest = s.substring(i).getBytes(StandardCharsets.UTF_8);
            write(rest, 0, rest.length);
            return;
        }
        ensureRoom(3 * (n - i)); // at most 3 bytes per char: a 4-byte sequence takes two chars
        byte[] b = buf;
        int p = length;
        while (i < n) {
            char c = s.charAt(i++);
            if (c < 0x80) {
                b[p++] = (byte) c;
            } else if (c < 0x800) {
                b[p++] = (byte) (0xC0 | c >> 6);
                b[p++] = (byte) (0x80 | c & 0x3F);
            } else if (!Character.isSurrogate(c)) {
                b[p++] = (byte) (0xE0 | c >> 12);
                b[p++] = (byte) (0x80 | c >> 6 & 0x3F);
                b[p++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i < n && Character.isLowSurrogate(s.charAt(i))) {
                int cp = Character.toCodePoint(c, s.charAt(i++));
                b[p++] = (byte) (0xF0 | cp >> 18);
                b[p++] = (byte) (0x80 | cp >> 12 & 0x3F);
                b[p++] = (byte) (0x80 | cp >> 6 & 0x3F);
                b[p++] = (byte) (0x80 | cp & 0x3F);
            } else {
                b[p++] = '?'; // as the JDK's encoder replaces an unpaired surrogate
            }
        }
        length = p;
    }
}
