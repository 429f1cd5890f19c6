package dev.mr.jobs.bench;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Positional whole-range reads and writes on a {@link FileChannel}. Positional calls let
 * several threads share one channel without a lock, which is how the bench programs read
 * and write their byte ranges in parallel.
 */
final class ChannelIo {
    private ChannelIo() {}

    static void readFully(FileChannel ch, byte[] dst, int off, int len, long pos) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(dst, off, len);
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos + (buf.position() - off));
            if (n < 0) throw new EOFException("file ended at " + (pos + buf.position() - off) + " bytes");
        }
    }

    static void writeFully(FileChannel ch, byte[] src, int off, int len, long pos) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(src, off, len);
        while (buf.hasRemaining()) {
            ch.write(buf, pos + (buf.position() - off));
        }
    }

    /** A sibling of {@code out} to write to first, so a killed generator never leaves a cached file that looks whole. */
    static Path temporarySibling(Path out) {
        return out.resolveSibling(out.getFileName() + ".partial");
    }

    static void publish(Path tmp, Path out) throws IOException {
        Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
