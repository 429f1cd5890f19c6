package dev.mr.dfs.client;

import dev.mr.dfs.ChunkId;
import dev.mr.dfs.chunk.ChunkCrcs;
import dev.mr.dfs.chunk.ChunkFiles;
import dev.mr.dfs.protocol.ChunkLayout;
import dev.mr.dfs.protocol.ReplicaLocation;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Sequential reading of one replica of one chunk, window by window from a starting window,
 * with the checksums to check each window against. Either straight from a local disk or over
 * HTTP from the chunk server. Checking is the caller's job ({@link DfsInput}), so both ways
 * are checked the same way. Confined to one thread.
 */
abstract class ReplicaCursor implements Closeable {

    final ReplicaLocation replica;
    final ChunkLayout chunk;
    final ChunkCrcs crcs;
    int window;

    ReplicaCursor(ReplicaLocation replica, ChunkLayout chunk, ChunkCrcs crcs, int window) throws IOException {
        this.replica = replica;
        this.chunk = chunk;
        this.crcs = crcs;
        this.window = window;
        if (crcs.length() != chunk.length() || crcs.digest() != chunk.digest()) {
            throw new ChunkFiles.Mismatch(ChunkId.parse(chunk.chunk()), 0, "checksum file of " + replica.address()
                    + " describes a different chunk");
        }
    }

    abstract boolean local();

    /**
     * The next window's raw bytes, not yet checked: a buffer from position 0 to the window's
     * length, valid until the next call. The caller must not change its contents.
     */
    abstract java.nio.ByteBuffer next() throws IOException;

    /**
     * A replica on this host, mapped into memory: checking a window reads the page cache in
     * place, and writing it to a file is the only copy. Replicas are never truncated, only
     * deleted, which leaves a mapping intact.
     */
    static final class Local extends ReplicaCursor {
        private final java.nio.MappedByteBuffer data;

        Local(ReplicaLocation replica, ChunkLayout chunk, int window) throws IOException {
            super(replica, chunk, ChunkFiles.readCrcs(Path.of(replica.dir()), ChunkId.parse(chunk.chunk())), window);
            try (FileChannel ch = FileChannel.open(ChunkFiles.data(Path.of(replica.dir()), ChunkId.parse(chunk.chunk())), StandardOpenOption.READ)) {
                if (ch.size() != crcs.length()) {
                    throw new ChunkFiles.Mismatch(ChunkId.parse(chunk.chunk()), Math.min(ch.size(), crcs.length()),
                            "the local replica is " + ch.size() + " bytes, not " + crcs.length());
                }
                this.data = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
            }
        }

        @Override
        boolean local() {
            return true;
        }

        @Override
        java.nio.ByteBuffer next() {
            int start = (int) ChunkCrcs.windowStart(window);
            java.nio.ByteBuffer w = data.slice(start, crcs.windowLength(window));
            window++;
            return w;
        }

        @Override
        public void close() {
            // the mapping goes with the buffer
        }
    }

    /** A replica on a chunk server, streamed from the first window asked to the end of the chunk. */
    static final class Remote extends ReplicaCursor {
        private final InputStream in;

        Remote(HttpTransport http, ReplicaLocation replica, ChunkLayout chunk, int window) throws IOException {
            super(replica, chunk, ChunkCrcs.decode(http.getBytes(base(http, replica, chunk) + "/crc", chunk.token())), window);
            long start = ChunkCrcs.windowStart(window);
            this.in = http.get(base(http, replica, chunk) + "?offset=" + start + "&length=" + (chunk.length() - start), chunk.token());
        }

        private static String base(HttpTransport http, ReplicaLocation replica, ChunkLayout chunk) {
            return http.chunkUrl(replica.address(), chunk.chunk());
        }

        @Override
        boolean local() {
            return false;
        }

        private final byte[] bytes = new byte[dev.mr.dfs.DfsSettings.CHECKSUM_WINDOW];

        @Override
        java.nio.ByteBuffer next() throws IOException {
            int len = crcs.windowLength(window);
            int n = in.readNBytes(bytes, 0, len);
            if (n != len) throw new IOException(replica.address() + " ended " + chunk.chunk() + " early");
            window++;
            return java.nio.ByteBuffer.wrap(bytes, 0, len).slice();
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
