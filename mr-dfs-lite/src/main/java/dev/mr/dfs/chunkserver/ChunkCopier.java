package dev.mr.dfs.chunkserver;

import dev.mr.dfs.ChunkId;
import dev.mr.dfs.DfsSettings;
import dev.mr.dfs.chunk.ChunkCrcs;
import dev.mr.dfs.chunk.ChunkFiles;
import dev.mr.dfs.chunkmap.Replica;
import dev.mr.dfs.client.HttpTransport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out a master's order to copy a chunk here from another chunk server. The source
 * checks its replica before sending it; this side checks the checksum file against the digest
 * the master gave, and every window of data against the checksum file, before the replica is
 * published. A copy that fails for any reason leaves nothing behind and is reported as failed
 * with the next heartbeat.
 *
 * <p>Blocking; runs on a worker thread, one copy per call. Thread-safe.
 */
public final class ChunkCopier {

    private static final Logger LOG = LoggerFactory.getLogger(ChunkCopier.class);

    private final ChunkStore store;
    private final HttpTransport http;

    public ChunkCopier(ChunkStore store, HttpTransport http) {
        this.store = store;
        this.http = http;
    }

    /** Copies {@code id} from the server at {@code source} ({@code host:port}); true on success. */
    public boolean copy(ChunkId id, String source, long length, int digest) {
        try {
            Replica here = store.get(id);
            if (here != null && !store.isKnownCorrupt(id) && here.length() == length && here.digest() == digest) {
                store.announce(here);
                return true;
            }
            if (here != null) store.delete(id);
            fetch(id, source, length, digest);
            LOG.info("copied {} ({} bytes) from {}", id, length, source);
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.warn("copy of {} from {} failed: {}", id, source, e.getMessage());
            store.copyFailed(id);
            return false;
        }
    }

    private void fetch(ChunkId id, String source, long length, int digest) throws IOException {
        String base = http.chunkUrl(source, id.toString());
        ChunkCrcs crcs = ChunkCrcs.decode(http.getBytes(base + "/crc", null));
        if (crcs.length() != length || crcs.digest() != digest) {
            throw new IOException("the source's checksums describe a different chunk (length " + crcs.length() + ", expected " + length + ")");
        }
        Path part = store.reserve(id);
        boolean done = false;
        try {
            try (InputStream in = http.get(base + "?verify=true", null); OutputStream out = Files.newOutputStream(part)) {
                byte[] window = new byte[DfsSettings.CHECKSUM_WINDOW];
                for (int w = 0; w < crcs.windows(); w++) {
                    int len = crcs.windowLength(w);
                    int n = in.readNBytes(window, 0, len);
                    if (n != len) throw new IOException("the source sent " + (ChunkCrcs.windowStart(w) + n) + " of " + length + " bytes");
                    if (!crcs.matches(w, window, 0, len)) {
                        throw new ChunkFiles.Mismatch(id, ChunkCrcs.windowStart(w), "data received from " + source);
                    }
                    out.write(window, 0, len);
                }
                if (in.read() >= 0) throw new IOException("the source sent more than " + length + " bytes");
            }
            store.publish(id, part, crcs);
            done = true;
        } finally {
            if (!done) store.release(id, part);
        }
    }
}
