package dev.mr.dfs.journal;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32C;

/**
 * Looks for a valid frame at any byte offset of a file region: how {@link FrameLog#replay}
 * tells a torn tail (nothing valid after the damage) from damage in the middle (acknowledged
 * records after it). Reads in bounded windows, so a file of any size scans in little memory.
 * A random or zero length is rejected from the header alone; only a length the file could hold
 * costs a checksum. Stateless.
 */
final class FrameScan {

    private static final int WINDOW = 1 << 20;

    private FrameScan() {}

    /** The first offset in [{@code from}, {@code size}) where a whole valid frame starts, or -1. */
    static long nextValid(FileChannel ch, long from, long size) throws IOException {
        ByteBuffer window = ByteBuffer.allocate(WINDOW);
        long base = from;
        // a candidate needs its header and at least one payload byte inside the file
        while (base + Frames.HEADER < size) {
            window.clear().limit((int) Math.min(WINDOW, size - base));
            readFully(ch, window, base);
            int have = window.position();
            int i = 0;
            for (; i + Frames.HEADER <= have && base + i + Frames.HEADER < size; i++) {
                int len = window.getInt(i);
                long remaining = size - (base + i) - Frames.HEADER;
                if (len <= 0 || len > Frames.MAX_PAYLOAD || len > remaining) continue;
                if (crc(ch, base + i + Frames.HEADER, len) == window.getInt(i + 4)) return base + i;
            }
            base += i;
        }
        return -1;
    }

    private static int crc(FileChannel ch, long from, int len) throws IOException {
        CRC32C c = new CRC32C();
        ByteBuffer b = ByteBuffer.allocate(Math.min(len, WINDOW));
        long pos = from;
        long end = from + len;
        while (pos < end) {
            b.clear().limit((int) Math.min(b.capacity(), end - pos));
            readFully(ch, b, pos);
            b.flip();
            c.update(b);
            pos += b.limit();
        }
        return (int) c.getValue();
    }

    private static void readFully(FileChannel ch, ByteBuffer b, long at) throws IOException {
        long pos = at;
        while (b.hasRemaining()) {
            int n = ch.read(b, pos);
            if (n < 0) throw new EOFException("the file ended at offset " + pos + " while it was scanned (it shrank?)");
            pos += n;
        }
    }
}
