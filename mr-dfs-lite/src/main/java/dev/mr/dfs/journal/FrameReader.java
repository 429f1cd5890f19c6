package dev.mr.dfs.journal;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads a file of {@link Frames} front to back, one payload at a time, so a file of any size
 * (a checkpoint of a million files) is read in the memory of its largest frame.
 *
 * <p>Contract: {@link #next} returns each valid frame's payload in order, null at a clean end
 * (the file ends exactly after a frame), and throws a {@link DamagedFrameException} naming the
 * offset at the first frame that is not whole and valid; the reader is then spent. A length
 * field is checked against the bytes the file holds before anything is allocated for it, so
 * garbage never costs a large buffer. Not thread-safe.
 */
public final class FrameReader implements Closeable {

    private final Path file;
    private final FileChannel channel;
    private final InputStream in;
    private final long size;
    private final byte[] header = new byte[Frames.HEADER];
    private long offset;
    private boolean spent;

    private FrameReader(Path file, FileChannel channel) throws IOException {
        this.file = file;
        this.channel = channel;
        this.size = channel.size();
        this.in = new BufferedInputStream(Channels.newInputStream(channel), 1 << 16);
    }

    public static FrameReader open(Path file) throws IOException {
        return new FrameReader(file, FileChannel.open(file, StandardOpenOption.READ));
    }

    public Path file() {
        return file;
    }

    /** The file's size when opened. */
    public long size() {
        return size;
    }

    /** Where the next frame starts: the end of the last one read. */
    public long offset() {
        return offset;
    }

    /** The next payload, or null at the end of the file. */
    public byte[] next() throws IOException {
        if (spent) throw new IllegalStateException(file + ": read past damage or end");
        long remaining = size - offset;
        if (remaining == 0) {
            spent = true;
            return null;
        }
        if (remaining < Frames.HEADER) throw damage("a partial record header (" + remaining + " bytes)");
        readFully(header, Frames.HEADER);
        ByteBuffer h = ByteBuffer.wrap(header);
        int len = h.getInt();
        int crc = h.getInt();
        if (len == 0) throw damage(crc == 0 ? "zero-filled space, not a record" : "an empty record");
        if (len < 0 || len > Frames.MAX_PAYLOAD) throw damage("a record length of " + len);
        if (len > remaining - Frames.HEADER) throw damage("a record of " + len + " bytes with only " + (remaining - Frames.HEADER) + " written");
        byte[] payload = new byte[len];
        readFully(payload, len);
        if (Frames.crc(payload, 0, len) != crc) throw damage("a record failing its checksum");
        offset += Frames.HEADER + len;
        return payload;
    }

    private void readFully(byte[] b, int len) throws IOException {
        int n = in.readNBytes(b, 0, len);
        if (n < len) throw damage("the file ended while it was read (it shrank?)");
    }

    private DamagedFrameException damage(String why) {
        spent = true;
        return new DamagedFrameException(file, offset, why);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
