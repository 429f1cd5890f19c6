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
        System.arraycopy(src, off, buf, length, len);
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

    /** Writes the UTF-8 encoding of {@code s}, with a fast path for ASCII. */
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
        if (i < n) {
            byte[] rest = s.substring(i).getBytes(StandardCharsets.UTF_8);
            write(rest, 0, rest.length);
        }
    }
}
