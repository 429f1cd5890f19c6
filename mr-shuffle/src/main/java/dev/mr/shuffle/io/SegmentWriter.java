package dev.mr.shuffle.io;

import dev.mr.shuffle.RecordSink;
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
 * {@link dev.mr.shuffle.MapOutputIndex}. Records are encoded into one reused buffer; when asked
 * to, it computes each segment's CRC32C over the bytes as they leave the buffer. The caller
 * must write a segment's records in sorted order: the writer does not check.
 *
 * <p>Confined to one thread. The file is the caller's to delete if writing fails.
 */
public final class SegmentWriter implements RecordSink, Closeable {

    private final Path path;
    private final FileChannel channel;
    private final CRC32C crc;
    private final byte[] buf;
    private final SegmentTable table;
    private int pos;
    private int crcFrom;
    private long flushed;
    private int partition = -1;
    private boolean inSegment;
    private long segmentStart;
    private long segmentRecords;

    private SegmentWriter(Path path, FileChannel channel, int partitions, int bufferSize, boolean checksum) {
        this.path = path;
        this.channel = channel;
        this.crc = checksum ? new CRC32C() : null;
        this.buf = new byte[Math.max(bufferSize, 64)];
        this.table = new SegmentTable(partitions);
    }

    /** Creates (or truncates) {@code path}. */
    public static SegmentWriter create(Path path, int partitions, int bufferSize, boolean checksum) throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        return new SegmentWriter(path, ch, partitions, bufferSize, checksum);
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
        flush();
        writeDirect(key, keyOff, keyLen);
        writeDirect(value, valueOff, valueLen);
        segmentRecords++;
    }

    /** Ends the current segment and records its place, size and checksum. */
    public void endSegment() {
        if (!inSegment) throw new IllegalStateException("no segment begun");
        int checksum = 0;
        if (crc != null) {
            crc.update(buf, crcFrom, pos - crcFrom);
            crcFrom = pos;
            checksum = (int) crc.getValue();
            crc.reset();
        }
        long end = flushed + pos;
        table.set(partition, segmentStart, end - segmentStart, segmentRecords, checksum);
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

    /** Bytes written so far, buffered ones included. */
    public long position() {
        return flushed + pos;
    }

    private void flush() throws IOException {
        if (pos == 0) return;
        if (crc != null) crc.update(buf, crcFrom, pos - crcFrom);
        writeFully(ByteBuffer.wrap(buf, 0, pos));
        flushed += pos;
        pos = 0;
        crcFrom = 0;
    }

    private void writeDirect(byte[] b, int off, int len) throws IOException {
        if (crc != null) crc.update(b, off, len);
        writeFully(ByteBuffer.wrap(b, off, len));
        flushed += len;
    }

    private void writeFully(ByteBuffer bb) throws IOException {
        while (bb.hasRemaining()) channel.write(bb);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
