package dev.mr.api.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Reads {@code \n}- or {@code \r\n}-terminated lines as bytes from a stream, through one
 * reusable buffer: a line is handed out as a range of {@link #buffer()} valid until the
 * next call, so reading allocates nothing per line. A last line without a terminator is
 * still a line. The buffer grows to hold the longest line.
 *
 * <p>Confined to one thread.
 */
public final class LineReader implements Closeable {

    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
    private static final long LOW_BITS = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;

    private final InputStream in;
    private byte[] buf;
    private int pos;
    private int limit;
    private boolean eof;
    private int lineStart;
    private int lineLength;

    public LineReader(InputStream in, int bufferSize) {
        this.in = in;
        this.buf = new byte[bufferSize];
    }

    /**
     * Reads the next line. Returns the bytes consumed, terminator included, or -1 at the end
     * of the stream. The line's content, without terminator, is
     * {@code buffer()[lineStart(), lineStart() + lineLength())}.
     */
    public int readLine() throws IOException {
        int scan = pos;
        while (true) {
            int nl = indexOfNewline(buf, scan, limit);
            if (nl >= 0) {
                int consumed = nl + 1 - pos;
                lineStart = pos;
                int end = nl;
                if (end > pos && buf[end - 1] == '\r') end--;
                lineLength = end - pos;
                pos = nl + 1;
                return consumed;
            }
            if (eof) {
                if (pos == limit) return -1;
                lineStart = pos;
                lineLength = limit - pos;
                int consumed = limit - pos;
                pos = limit;
                return consumed;
            }
            scan = limit - pos;
            fill();
        }
    }

    /** Eight bytes a step: every input byte passes here, and a byte loop was a tenth of a text job's map time. */
    static int indexOfNewline(byte[] b, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long x = (long) LONG_LE.get(b, i) ^ NEWLINES; // a zero byte where b has '\n'
            // flags zero bytes; the lowest flag is exact (a borrow only runs upwards), and it is the first in memory
            long zeros = (x - LOW_BITS) & ~x & HIGH_BITS;
            if (zeros != 0) return i + (Long.numberOfTrailingZeros(zeros) >>> 3);
        }
        for (; i < to; i++) {
            if (b[i] == '\n') return i;
        }
        return -1;
    }

    /** Moves unread bytes to the front (growing the buffer when a line fills it) and reads more. */
    private void fill() throws IOException {
        int unread = limit - pos;
        if (unread == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        } else if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, unread);
        }
        pos = 0;
        limit = unread;
        int n = in.read(buf, limit, buf.length - limit);
        if (n < 0) eof = true;
        else limit += n;
    }

    public byte[] buffer() {
        return buf;
    }

    public int lineStart() {
        return lineStart;
    }

    public int lineLength() {
        return lineLength;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
