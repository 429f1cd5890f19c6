package dev.mr.dfs.client;

import dev.mr.dfs.ChunkId;
import dev.mr.dfs.chunk.ChunkChecksum;
import dev.mr.dfs.chunk.ChunkCrcs;
import dev.mr.dfs.chunkserver.ChunkStore;
import dev.mr.dfs.protocol.AllocateReply;
import dev.mr.dfs.protocol.ChunkWritten;
import dev.mr.dfs.protocol.ReplicaLocation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One chunk being written to all its replicas in parallel: over HTTP, or straight into the
 * store of a chunk server in this JVM when one is a target. It is stored when a write quorum
 * (a majority of its targets) returns a receipt whose length and digest match what was sent;
 * replicas that failed are left to the master's re-replication. Confined to the writer thread.
 */
final class ChunkWrite {

    private static final Logger LOG = LoggerFactory.getLogger(ChunkWrite.class);

    final String chunk;
    private final String path;
    private final List<ReplicaWrite> streams = new ArrayList<>();
    private final ChunkChecksum checksum = new ChunkChecksum();
    private final int quorum;

    /** {@code length}: the bytes this chunk will hold when the writer knows it in advance, else -1. */
    ChunkWrite(DfsClient client, AllocateReply alloc, String path, long length) {
        this.chunk = alloc.chunk();
        this.path = path;
        for (ReplicaLocation t : alloc.targets()) {
            ChunkStore local = client.inProcessStore(t);
            streams.add(local != null
                    ? new LocalReplicaWrite(t, local, ChunkId.parse(chunk), client.settings().maxChunkSize())
                    : new ReplicaStream(client.streamThreads(), client.http(), t, chunk, alloc.token(), length, client.settings().ioTimeoutMs()));
        }
        this.quorum = alloc.targets().size() / 2 + 1;
    }

    void send(byte[] packet) throws IOException {
        checksum.update(packet, 0, packet.length);
        int alive = 0;
        for (ReplicaWrite s : streams) if (s.offer(packet)) alive++;
        if (alive < quorum) {
            abort();
            throw new IOException("writing " + chunk + " of dfs:" + path + ": only " + alive + " of " + streams.size()
                    + " chunk servers still accept data, fewer than the write quorum of " + quorum + failures());
        }
    }

    /** The checksums of the chunk and the servers that stored it; an {@link IOException} when below quorum. */
    Result finish() throws IOException {
        ChunkCrcs crcs = checksum.finish();
        List<String> acked = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (ReplicaWrite s : streams) {
            try {
                ChunkWritten w = s.finish();
                if (w.length() == crcs.length() && w.digest() == crcs.digest()) {
                    acked.add(s.target().server());
                } else {
                    problems.add(s.target().address() + " stored " + w.length() + " bytes with a different digest");
                }
            } catch (IOException e) {
                problems.add(s.target().address() + ": " + e.getMessage());
            }
        }
        if (acked.size() < quorum) {
            throw new IOException("writing " + chunk + " of dfs:" + path + ": " + acked.size() + " of " + streams.size()
                    + " replicas stored, fewer than the write quorum of " + quorum + " (" + String.join("; ", problems) + ")");
        }
        if (!problems.isEmpty()) {
            LOG.warn("{} of dfs:{} stored on {} of {} replicas, leaving the rest to re-replication: {}", chunk, path, acked.size(), streams.size(),
                    String.join("; ", problems));
        }
        return new Result(crcs, acked);
    }

    void abort() {
        for (ReplicaWrite s : streams) s.abort(new IOException("write of " + chunk + " abandoned"));
    }

    private String failures() {
        List<String> out = new ArrayList<>();
        for (ReplicaWrite s : streams) if (s.failed()) out.add(s.target().address());
        return out.isEmpty() ? "" : " (failed: " + String.join(", ", out) + ")";
    }

    record Result(ChunkCrcs crcs, List<String> servers) {}
}
