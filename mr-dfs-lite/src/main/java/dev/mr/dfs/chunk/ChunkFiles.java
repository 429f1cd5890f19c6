package dev.mr.dfs.chunk;

import dev.mr.dfs.ChunkId;
import dev.mr.dfs.DfsSettings;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The layout of a chunk directory, shared by the chunk server and by clients reading a local
 * replica straight from disk: {@code <chunk>.data}, {@code <chunk>.crc}, the server's identity
 * in {@code .server-id}, and partial writes under {@code .tmp/}.
 */
public final class ChunkFiles {

    public static final String SERVER_ID = ".server-id";
    public static final String TMP = ".tmp";

    private ChunkFiles() {}

    public static Path data(Path dir, ChunkId id) {
        return dir.resolve(id + ".data");
    }

    public static Path crc(Path dir, ChunkId id) {
        return dir.resolve(id + ".crc");
    }

    public static ChunkCrcs readCrcs(Path dir, ChunkId id) throws IOException {
        return ChunkCrcs.decode(Files.readAllBytes(crc(dir, id)));
    }

    /** Thrown when bytes do not match their checksum: says which chunk and where. */
    public static final class Mismatch extends IOException {
        private static final long serialVersionUID = 1L;
        public final long offset;

        public Mismatch(ChunkId id, long offset, String what) {
            super(id + " fails its checksum at offset " + offset + " (" + what + ")");
            this.offset = offset;
        }
    }

    /** Reads a whole replica from disk and checks every window; {@link Mismatch} at the first bad one. */
    public static void verify(Path dir, ChunkId id, ChunkCrcs crcs) throws IOException {
        try (FileChannel ch = FileChannel.open(data(dir, id), StandardOpenOption.READ)) {
            if (ch.size() != crcs.length()) throw new Mismatch(id, Math.min(ch.size(), crcs.length()), "file is " + ch.size() + " bytes, expected " + crcs.length());
            byte[] window = new byte[DfsSettings.CHECKSUM_WINDOW];
            for (int w = 0; w < crcs.windows(); w++) {
                int len = crcs.windowLength(w);
                readFully(ch, window, len, ChunkCrcs.windowStart(w));
                if (!crcs.matches(w, window, 0, len)) throw new Mismatch(id, ChunkCrcs.windowStart(w), "data");
            }
        }
    }

    public static void readFully(FileChannel ch, byte[] buf, int len, long position) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(buf, 0, len);
        while (b.hasRemaining()) {
            int n = ch.read(b, position + b.position());
            if (n < 0) throw new IOException("unexpected end of chunk file at " + (position + b.position()));
        }
    }
}
