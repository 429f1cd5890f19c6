package dev.mr.shuffle.io;

import dev.mr.shuffle.ShuffleCodec;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Reads the records' bytes back out of one compressed segment (the block format of
 * {@link SegmentWriter}), a block at a time, from a byte range of a file or from a stream. A
 * block that fits in the caller's room is decompressed straight into it; a larger one goes
 * through one reused buffer. The compressed bytes pass through another, so memory stays at about
 * two blocks whatever the segment's size. One decoder serves segment after segment
 * ({@link #reset}); its buffers stay. A block whose header or contents do not hold together is an
 * {@link IOException} saying what and at which byte of the segment, as stored.
 *
 * <p>Confined to one thread. Channels and streams passed in stay the caller's; {@link #close}
 * frees the codec's native memory.
 */
public final class BlockDecoder implements Closeable {

    private final BlockCodec codec;
    private final byte[] header = new byte[BlockFormat.HEADER];
    private byte[] stored = new byte[0];
    private byte[] raw = new byte[0];
    private int rawPos;
    private int rawLimit;
    private FileChannel channel;
    private InputStream stream;
    private long channelAt;
    private long length;
    private long consumed;
    private boolean closed;

    private BlockDecoder(ShuffleCodec codec) {
        this.codec = BlockCodec.open(codec);
    }

    public static BlockDecoder open(ShuffleCodec codec) {
        return new BlockDecoder(codec);
    }

    /** Reads next the segment stored as {@code length} bytes of {@code channel} from {@code offset}. */
    public BlockDecoder reset(FileChannel channel, long offset, long length) {
        this.channel = channel;
        this.stream = null;
        this.channelAt = offset;
        return start(length);
    }

    /** Reads next the segment stored as the next {@code length} bytes of {@code in}. */
    public BlockDecoder reset(InputStream in, long length) {
        this.channel = null;
        this.stream = in;
        return start(length);
    }

    private BlockDecoder start(long length) {
        this.length = length;
        this.consumed = 0;
        this.rawPos = this.rawLimit = 0;
        return this;
    }

    /** Stored bytes of the segment read so far. */
    public long consumed() {
        return consumed;
    }

    /** Whether every byte of the segment has been read out. */
    public boolean atEnd() {
        return rawPos == rawLimit && consumed == length;
    }

    /** Reads up to {@code len} (at least 1) decompressed bytes into {@code dst}; returns how many, or -1 at the segment's end. */
    public int read(byte[] dst, int off, int len) throws IOException {
        if (rawPos == rawLimit) {
            if (consumed == length) return -1;
            long at = consumed;
            readStored(header, 0, BlockFormat.HEADER);
            int rawLength = BlockFormat.readInt(header, 0);
            int storedLength = BlockFormat.readInt(header, 4);
            if (rawLength < 1 || rawLength > BlockFormat.MAX_RAW) throw bad(at, "a block of " + rawLength + " bytes");
            if (storedLength < 1 || storedLength > Math.max(rawLength, codec.maxCompressedLength(rawLength))
                    || storedLength > length - consumed) {
                throw bad(at, "a block of " + rawLength + " bytes stored in " + storedLength + " of the "
                        + (length - consumed) + " bytes left");
            }
            byte[] target = dst;
            int targetOff = off;
            if (rawLength > len) {
                if (raw.length < rawLength) raw = new byte[Math.max(rawLength, BlockFormat.BLOCK_SIZE)];
                target = raw;
                targetOff = 0;
            }
            if (storedLength == rawLength) {
                readStored(target, targetOff, rawLength); // stored as it was: compressing did not make it smaller
            } else {
                if (stored.length < storedLength) stored = new byte[Math.max(storedLength, codec.maxCompressedLength(BlockFormat.BLOCK_SIZE))];
                readStored(stored, 0, storedLength);
                try {
                    codec.decompress(stored, 0, storedLength, target, targetOff, rawLength);
                } catch (IOException e) {
                    throw bad(at, e.getMessage());
                }
            }
            if (target == dst) return rawLength;
            rawPos = 0;
            rawLimit = rawLength;
        }
        int n = Math.min(len, rawLimit - rawPos);
        System.arraycopy(raw, rawPos, dst, off, n);
        rawPos += n;
        return n;
    }

    /** Reads exactly {@code len} decompressed bytes, or fails saying how many the segment had. */
    public void readFully(byte[] dst, int off, int len) throws IOException {
        int at = 0;
        while (at < len) {
            int r = read(dst, off + at, len - at);
            if (r < 0) throw new IOException("the segment holds " + at + " bytes, not " + len);
            at += r;
        }
        if (!atEnd()) throw new IOException("the segment holds more than " + len + " bytes");
    }

    private void readStored(byte[] b, int off, int len) throws IOException {
        if (len > length - consumed) throw bad(consumed, "the segment ends inside a block");
        int at = 0;
        while (at < len) {
            int r;
            if (channel != null) {
                r = channel.read(ByteBuffer.wrap(b, off + at, len - at), channelAt);
                if (r < 0) throw bad(consumed, "the file ends before the segment does");
                channelAt += r;
            } else {
                r = stream.read(b, off + at, len - at);
                if (r < 0) throw bad(consumed, "the data ends before the segment does");
            }
            at += r;
            consumed += r; // exact even when a read fails halfway: a caller may read the rest to check it
        }
    }

    private static IOException bad(long at, String what) {
        return new IOException(what + " (compressed block at byte " + at + ")");
    }

    /** Frees the codec's native memory. Idempotent. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        codec.close();
        stored = raw = new byte[0];
        channel = null;
        stream = null;
    }
}
