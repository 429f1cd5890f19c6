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

    /**
     * At most this much per call: the JDK copies heap buffers through a temporary direct
     * buffer of the call's size and caches it per thread, so a 100 MB read would pin 100 MB.
     */
    private static final int SLICE = 8 << 20;

    static void readFully(FileChannel ch, byte[] dst, int off, int len, long pos) throws IOException {
        for (int done = 0; done < len; ) {
            ByteBuffer buf = ByteBuffer.wrap(dst, off + done, Math.min(SLICE, len - done));
            int n = ch.read(buf, pos + done);
            if (n < 0) throw new EOFException("file ended at " + (pos + done) + " bytes");
            done += n;
        }
    }

    static void writeFully(FileChannel ch, byte[] src, int off, int len, long pos) throws IOException {
        for (int done = 0; done < len; ) {
            done += ch.write(ByteBuffer.wrap(src, off + done, Math.min(SLICE, len - done)), pos + done);
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
