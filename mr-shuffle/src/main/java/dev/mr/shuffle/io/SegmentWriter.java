package dev.mr.shuffle.io;

import dev.mr.shuffle.RecordSink;
import dev.mr.shuffle.ShuffleCodec;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Writes records into a file as consecutive partition segments, partitions 0 to n-1 in order
 * (an empty partition is an empty segment), in the record format of
 * {@link dev.mr.shuffle.MapOutputIndex}: as they are, or, with a compressing
 * {@link ShuffleCodec}, cut into compressed blocks ({@link BlockFormat}; the record buffer is then
 * one block). Records are encoded into one reused buffer; when asked to, it computes each
 * segment's CRC32C over the bytes as stored, as they leave for the file. The caller must write a
 * segment's records in sorted order: the writer does not check.
 *
 * <p>Confined to one thread. The file is the caller's to delete if writing fails.
 */
public final class SegmentWriter implements RecordSink, Closeable {

    private final Path path;
    private final FileChannel channel;
    private final CRC32C crc;
    private final byte[] buf;
    private final SegmentTable table;
    /** Null when records are stored as they are. */
    private final BlockCodec blocks;
    /** A compressed block with its header, reused. */
    private final byte[] stored;
    private int pos;
    private int crcFrom;
    /** Bytes in the file so far. */
    private long flushed;
    /** Record bytes that left the buffer so far (equal to {@link #flushed} when not compressing). */
    private long rawFlushed;
    private int partition = -1;
    private boolean inSegment;
    private long segmentStart;
    private long segmentRawStart;
    private long segmentRecords;

    private SegmentWriter(Path path, FileChannel channel, int partitions, int bufferSize, boolean checksum, ShuffleCodec codec) {
        this.path = path;
        this.channel = channel;
        this.crc = checksum ? new CRC32C() : null;
        this.table = new SegmentTable(partitions, codec);
        if (codec.compresses()) {
            this.blocks = BlockCodec.open(codec);
            this.buf = new byte[BlockFormat.BLOCK_SIZE];
            this.stored = new byte[BlockFormat.HEADER + Math.max(BlockFormat.BLOCK_SIZE, blocks.maxCompressedLength(BlockFormat.BLOCK_SIZE))];
        } else {
            this.blocks = null;
            this.buf = new byte[Math.max(bufferSize, 64)];
            this.stored = null;
        }
    }

    /** Creates (or truncates) {@code path}, for records stored as they are. */
    public static SegmentWriter create(Path path, int partitions, int bufferSize, boolean checksum) throws IOException {
        return create(path, partitions, bufferSize, checksum, ShuffleCodec.NONE);
    }

    /** Creates (or truncates) {@code path}, for records stored with {@code codec} ({@code bufferSize} applies to {@link ShuffleCodec#NONE}). */
    public static SegmentWriter create(Path path, int partitions, int bufferSize, boolean checksum, ShuffleCodec codec)
            throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        try {
            return new SegmentWriter(path, ch, partitions, bufferSize, checksum, codec);
        } catch (RuntimeException | Error e) {
            ch.close();
            throw e;
        }
    }

    public Path path() {
        return path;
    }

    /** Starts the segment of the next partition. */
    public void beginSegment() {
        if (inSegment) throw new IllegalStateException("segment " + partition + " not ended");
        if (partition + 1 >= table.partitions()) throw new IllegalStateException("all segments written");
        partition++;
        inSegment = true;
        segmentStart = flushed + pos;
        segmentRawStart = rawFlushed + pos;
        segmentRecords = 0;
    }

    @Override
    public void write(byte[] key, int keyOff, int keyLen, byte[] value, int valueOff, int valueLen) throws IOException {
        int header = Varint.size(keyLen) + Varint.size(valueLen);
        long total = (long) header + keyLen + valueLen;
        if (total > buf.length - pos) {
            flush();
            if (total > buf.length) {
                writeLarge(key, keyOff, keyLen, value, valueOff, valueLen);
                return;
            }
        }
        byte[] b = buf;
        int p = Varint.write(b, pos, keyLen);
        p = Varint.write(b, p, valueLen);
        System.arraycopy(key, keyOff, b, p, keyLen);
        p += keyLen;
        System.arraycopy(value, valueOff, b, p, valueLen);
        pos = p + valueLen;
        segmentRecords++;
    }

    private void writeLarge(byte[] key, int keyOff, int keyLen, byte[] value, int valueOff, int valueLen) throws IOException {
        pos = Varint.write(buf, pos, keyLen);
        pos = Varint.write(buf, pos, valueLen);
        if (blocks != null) {
            append(key, keyOff, keyLen);
            append(value, valueOff, valueLen);
        } else {
            flush();
            writeDirect(key, keyOff, keyLen);
            writeDirect(value, valueOff, valueLen);
        }
        segmentRecords++;
    }

    /** Compressing: copies bytes into the block buffer, writing out every block that fills. */
    private void append(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (pos == buf.length) flush();
            int n = Math.min(len, buf.length - pos);
            System.arraycopy(b, off, buf, pos, n);
            pos += n;
            off += n;
            len -= n;
        }
    }

    /** Ends the current segment and records its place, size and checksum. */
    public void endSegment() throws IOException {
        if (!inSegment) throw new IllegalStateException("no segment begun");
        if (blocks != null) flush(); // a segment ends with its last block, so that it can be read alone
        long rawEnd = rawFlushed + pos;
        int checksum = 0;
        if (crc != null) {
            crc.update(buf, crcFrom, pos - crcFrom);
            crcFrom = pos;
            checksum = (int) crc.getValue();
            crc.reset();
        }
        long end = flushed + pos;
        table.set(partition, segmentStart, end - segmentStart, rawEnd - segmentRawStart, segmentRecords, checksum);
        inSegment = false;
    }

    /** Writes empty segments for the partitions not yet written, flushes, and returns the table. */
    public SegmentTable finish() throws IOException {
        if (inSegment) endSegment();
        while (partition + 1 < table.partitions()) {
            beginSegment();
            endSegment();
        }
        flush();
        return table;
    }

    private void flush() throws IOException {
        if (pos == 0) return;
        if (blocks != null) {
            writeBlock();
            return;
        }
        if (crc != null) crc.update(buf, crcFrom, pos - crcFrom);
        writeFully(ByteBuffer.wrap(buf, 0, pos));
        flushed += pos;
        rawFlushed += pos;
        pos = 0;
        crcFrom = 0;
    }

    /** Writes the buffer as one block: compressed, or as it is when that is not smaller. */
    private void writeBlock() throws IOException {
        int n = blocks.compress(buf, 0, pos, stored, BlockFormat.HEADER);
        byte[] body = stored;
        int bodyOff = BlockFormat.HEADER;
        if (n >= pos) {
            n = pos;
            body = buf;
            bodyOff = 0;
        }
        BlockFormat.writeInt(stored, 0, pos);
        BlockFormat.writeInt(stored, 4, n);
        if (crc != null) {
            crc.update(stored, 0, BlockFormat.HEADER);
            crc.update(body, bodyOff, n);
        }
        if (body == stored) {
            writeFully(ByteBuffer.wrap(stored, 0, BlockFormat.HEADER + n));
        } else {
            writeFully(ByteBuffer.wrap(stored, 0, BlockFormat.HEADER));
            writeFully(ByteBuffer.wrap(buf, 0, n));
        }
        flushed += BlockFormat.HEADER + n;
        rawFlushed += pos;
        pos = 0;
        crcFrom = 0;
    }

    private void writeDirect(byte[] b, int off, int len) throws IOException {
        if (crc != null) crc.update(b, off, len);
        writeFully(ByteBuffer.wrap(b, off, len));
        flushed += len;
        rawFlushed += len;
    }

    private void writeFully(ByteBuffer bb) throws IOException {
        while (bb.hasRemaining()) channel.write(bb);
    }

    @Override
    public void close() throws IOException {
        try {
            channel.close();
        } finally {
            if (blocks != null) blocks.close();
        }
    }
}
