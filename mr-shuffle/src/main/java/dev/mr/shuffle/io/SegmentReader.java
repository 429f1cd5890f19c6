package dev.mr.shuffle.io;

import dev.mr.shuffle.MergedRecords;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Reads the records of one segment, either straight from a byte array or from a byte range of
 * a file through one reused buffer (which grows only to hold a record larger than itself).
 * The current key and value stay valid until the next call to {@link #next}. A length prefix
 * that is malformed or runs past the segment's end is reported as a corrupt segment, naming it.
 *
 * <p>Confined to one thread. A file channel passed in stays open: it belongs to the caller.
 */
public final class SegmentReader implements MergedRecords {

    private static final byte[] EMPTY = new byte[0];

    private final FileChannel channel;
    private final String source;
    /** Segment offset of {@code buf[0]} is {@code base}: for error messages only. */
    private long base;
    private byte[] buf;
    private int pos;
    private int limit;
    private long filePos;
    private final long fileEnd;
    private int keyOff;
    private int keyLen;
    private int valueOff;
    private int valueLen;

    private SegmentReader(FileChannel channel, String source, byte[] buf, int pos, int limit, long filePos, long fileEnd) {
        this.channel = channel;
        this.source = source;
        this.buf = buf;
        this.pos = pos;
        this.limit = limit;
        this.filePos = filePos;
        this.fileEnd = fileEnd;
        this.base = -pos;
    }

    public static SegmentReader ofBytes(byte[] bytes, int offset, int length, String source) {
        return new SegmentReader(null, source, bytes, offset, offset + length, 0, 0);
    }

    public static SegmentReader ofFile(FileChannel channel, long offset, long length, int bufferSize, String source) {
        int size = (int) Math.max(16, Math.min(bufferSize, length));
        return new SegmentReader(channel, source, new byte[size], 0, 0, offset, offset + length);
    }

    /** Reads through {@code buffer}, which the caller may reuse once this reader is done. */
    public static SegmentReader ofFile(FileChannel channel, long offset, long length, byte[] buffer, String source) {
        return new SegmentReader(channel, source, buffer, 0, 0, offset, offset + length);
    }

    @Override
    public boolean next() throws IOException {
        if (pos == limit && !fill(1)) return false;
        if (limit - pos < 10 && filePos < fileEnd) fill(10);
        int start = pos;
        long k = Varint.read(buf, start, limit);
        if (k < 0) throw corrupt("bad key length", start);
        int p = start + (int) (k >>> 32);
        long v = Varint.read(buf, p, limit);
        if (v < 0) throw corrupt("bad value length", start);
        p += (int) (v >>> 32);
        int kl = (int) k;
        int vl = (int) v;
        int header = p - start;
        long total = (long) header + kl + vl;
        if (total > limit - start) {
            if (total > Integer.MAX_VALUE - 16 || !fill((int) total)) {
                throw corrupt("record of " + total + " bytes runs past the segment's end", start);
            }
            start = pos;
            p = start + header;
        }
        keyOff = p;
        keyLen = kl;
        valueOff = p + kl;
        valueLen = vl;
        pos = valueOff + vl;
        return true;
    }

    /** Makes at least {@code n} unread bytes available if the segment has them; false if not. */
    private boolean fill(int n) throws IOException {
        if (limit - pos >= n) return true;
        if (channel == null || filePos >= fileEnd) return false;
        int unread = limit - pos;
        if (n > buf.length) {
            byte[] bigger = new byte[(int) Math.min(Math.max(n, (long) buf.length * 2), Integer.MAX_VALUE - 16)];
            System.arraycopy(buf, pos, bigger, 0, unread);
            buf = bigger;
        } else if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, unread);
        }
        base += pos;
        pos = 0;
        limit = unread;
        int room = (int) Math.min(buf.length - limit, fileEnd - filePos);
        ByteBuffer bb = ByteBuffer.wrap(buf, limit, room);
        while (bb.hasRemaining()) {
            int r = channel.read(bb, filePos);
            if (r < 0) throw corrupt("file ends " + (fileEnd - filePos) + " bytes before the segment's end", pos);
            filePos += r;
        }
        limit += room;
        return limit - pos >= n;
    }

    private IOException corrupt(String what, int at) {
        return new IOException("corrupt segment " + source + ": " + what + " at byte " + (base + at));
    }

    @Override
    public byte[] keyBuffer() {
        return buf;
    }

    @Override
    public int keyOffset() {
        return keyOff;
    }

    @Override
    public int keyLength() {
        return keyLen;
    }

    @Override
    public byte[] valueBuffer() {
        return buf;
    }

    @Override
    public int valueOffset() {
        return valueOff;
    }

    @Override
    public int valueLength() {
        return valueLen;
    }

    @Override
    public void close() {
        buf = EMPTY;
        pos = limit = 0;
        filePos = fileEnd;
    }

    @Override
    public String toString() {
        return "SegmentReader[" + source + "]";
    }
}
