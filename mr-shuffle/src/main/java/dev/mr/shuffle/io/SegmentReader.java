package dev.mr.shuffle.io;

import dev.mr.shuffle.MergedRecords;
import dev.mr.shuffle.ShuffleCodec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Reads the records of one segment, either straight from a byte array or from a byte range of
 * a file through one reused buffer (which grows only to hold a record larger than itself); a
 * compressed segment's blocks are decompressed into that buffer by a {@link BlockDecoder}.
 * The current key and value stay valid until the next call to {@link #next}. A length prefix
 * that is malformed or runs past the segment's end, or a block that does not decompress, is
 * reported as a corrupt segment, naming it.
 *
 * <p>Confined to one thread. A file channel passed in stays open: it belongs to the caller; so
 * does a decoder passed in, which this reader closes only when it opened it itself.
 */
public final class SegmentReader implements MergedRecords {

    private static final byte[] EMPTY = new byte[0];

    private final FileChannel channel;
    /** Null for a segment stored as it is. */
    private final BlockDecoder decoder;
    private final boolean ownsDecoder;
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
        this(channel, null, false, source, buf, pos, limit, filePos, fileEnd);
    }

    private SegmentReader(FileChannel channel, BlockDecoder decoder, boolean ownsDecoder, String source, byte[] buf, int pos,
                          int limit, long filePos, long fileEnd) {
        this.channel = channel;
        this.decoder = decoder;
        this.ownsDecoder = ownsDecoder;
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

    /**
     * A segment stored with {@code codec} as {@code length} bytes of {@code channel} from
     * {@code offset}: a plain one as {@link #ofFile(FileChannel, long, long, int, String)} reads it, a
     * compressed one through a decoder of its own, which {@link #close} frees.
     */
    public static SegmentReader ofFile(FileChannel channel, long offset, long length, long rawLength,
                                       ShuffleCodec codec, int bufferSize, String source) {
        if (!codec.compresses()) return ofFile(channel, offset, length, bufferSize, source);
        int size = (int) Math.max(16, Math.min(bufferSize, rawLength));
        BlockDecoder d = BlockDecoder.open(codec).reset(channel, offset, length);
        return new SegmentReader(channel, d, true, source, new byte[size], 0, 0, 0, 0);
    }

    /** A compressed segment, read through {@code decoder} (already {@link BlockDecoder#reset} to it) and {@code buffer}, both the caller's to reuse. */
    public static SegmentReader ofBlocks(BlockDecoder decoder, byte[] buffer, String source) {
        return new SegmentReader(null, decoder, false, source, buffer, 0, 0, 0, 0);
    }

    @Override
    public boolean next() throws IOException {
        if (pos == limit && !fill(1)) return false;
        if (limit - pos < 10 && more()) fill(10);
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

    /** Whether the segment has bytes not yet in the buffer. */
    private boolean more() {
        return decoder != null ? !decoder.atEnd() : channel != null && filePos < fileEnd;
    }

    /** Makes at least {@code n} unread bytes available if the segment has them; false if not. */
    private boolean fill(int n) throws IOException {
        if (limit - pos >= n) return true;
        if (!more()) return false;
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
        if (decoder != null) return decode(n);
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

    /** Decompresses blocks into the buffer until it is full or the segment ends. */
    private boolean decode(int n) throws IOException {
        while (limit < buf.length) {
            int r;
            try {
                r = decoder.read(buf, limit, buf.length - limit);
            } catch (IOException e) {
                throw new IOException("corrupt segment " + source + ": " + e.getMessage(), e);
            }
            if (r < 0) break;
            limit += r;
        }
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
        if (ownsDecoder) decoder.close();
        buf = EMPTY;
        pos = limit = 0;
        filePos = fileEnd;
    }

    @Override
    public String toString() {
        return "SegmentReader[" + source + "]";
    }
}
