package dev.mr.dfs.journal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a new file of {@link Frames} in one go (a checkpoint, a compacted journal), buffered,
 * then {@link #finish forced}, then {@link #install installed} under its real name by an atomic
 * rename: a reader finds the old file or the whole new one, never a part. Unlike
 * {@link FrameLog} it is not fail-stop; its caller decides what a failure means.
 *
 * <p>Not thread-safe.
 */
public final class FrameWriter implements Closeable {

    private static final int BUFFER = 1 << 20;

    private final Path file;
    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
    private long size;

    private FrameWriter(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /** Creates {@code file}, or empties it, through {@code channels}. */
    public static FrameWriter create(Path file, FrameLog.ChannelFactory channels) throws IOException {
        FileChannel ch = channels.open(file);
        try {
            ch.truncate(0);
            ch.position(0);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        return new FrameWriter(file, ch);
    }

    public Path file() {
        return file;
    }

    /** Bytes written so far. */
    public long size() {
        return size;
    }

    /** Adds one frame; refuses an empty or oversized payload with an IllegalArgumentException. */
    public void write(byte[] payload) throws IOException {
        Frames.checkPayload(payload.length);
        if (buffer.remaining() < Frames.HEADER) flush();
        buffer.putInt(payload.length).putInt(Frames.crc(payload, 0, payload.length));
        for (int off = 0; off < payload.length; ) {
            if (!buffer.hasRemaining()) flush();
            int n = Math.min(buffer.remaining(), payload.length - off);
            buffer.put(payload, off, n);
            off += n;
        }
        size += Frames.HEADER + payload.length;
    }

    /** Writes what is buffered and forces the file, data and metadata, to disk. */
    public void finish() throws IOException {
        flush();
        channel.force(true);
    }

    private void flush() throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            if (channel.write(buffer) <= 0) throw new IOException("a short write to " + file);
        }
        buffer.clear();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** Renames a finished file into place atomically, then forces the directory so the rename survives a crash. */
    public static void install(Path finished, Path target) throws IOException {
        try {
            Files.move(finished, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the directory " + target.getParent() + " does not support atomic rename; a journal needs it", e);
        }
        forceDirectory(target.getParent());
    }

    /** Forces a directory's entries (new, renamed and removed files) to disk. */
    public static void forceDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // some filesystems refuse to open a directory; their renames are durable on their own
        }
    }
}
