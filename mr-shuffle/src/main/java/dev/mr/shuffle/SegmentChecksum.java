package dev.mr.shuffle;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * CRC32C of a segment's bytes, as {@link MapOutputIndex#crc32c} records it, and a check that
 * names what did not match. A fetcher that receives a segment in pieces can feed them to a
 * {@link java.util.zip.CRC32C} itself and call {@link #check} with the result. Stateless.
 */
public final class SegmentChecksum {

    private static final int CHUNK = 1 << 16;

    private SegmentChecksum() {}

    public static int of(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }

    public static int of(Segment segment) throws IOException {
        if (segment instanceof MemorySegment m) return of(m.bytes(), m.offset(), m.length());
        FileSegment f = (FileSegment) segment;
        CRC32C crc = new CRC32C();
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(CHUNK, Math.max(1, f.length())));
        try (FileChannel ch = FileChannel.open(f.file(), StandardOpenOption.READ)) {
            long pos = f.offset();
            long end = f.offset() + f.length();
            while (pos < end) {
                buf.clear().limit((int) Math.min(buf.capacity(), end - pos));
                int r = ch.read(buf, pos);
                if (r < 0) {
                    throw new ChecksumMismatchException(f.file() + " ends at byte " + pos + ", inside the segment ["
                            + f.offset() + ", " + end + ")");
                }
                crc.update(buf.array(), 0, r);
                pos += r;
            }
        }
        return (int) crc.getValue();
    }

    /** Throws a {@link ChecksumMismatchException} naming {@code what} unless the segment's CRC32C is {@code expected}. */
    public static void verify(Segment segment, int expected, String what) throws IOException {
        check(of(segment), expected, what);
    }

    public static void check(int actual, int expected, String what) throws ChecksumMismatchException {
        if (actual != expected) {
            throw new ChecksumMismatchException(String.format("checksum mismatch in %s: expected crc32c %08x, got %08x",
                    what, expected, actual));
        }
    }
}
