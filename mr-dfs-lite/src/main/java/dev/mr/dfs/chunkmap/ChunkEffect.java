package dev.mr.dfs.chunkmap;

import dev.mr.dfs.ChunkId;
import dev.mr.dfs.ServerId;
import java.util.List;

/** A decision of the {@link ChunkMap}, for its host to carry out. Imperative names: these are orders. */
public sealed interface ChunkEffect {

    /** Write a new chunk to these servers; fewer than {@code requested} when too few were live (none: refuse the write). */
    record PlaceChunk(ChunkId chunk, List<ServerId> servers, int requested) implements ChunkEffect {
        public PlaceChunk {
            servers = List.copyOf(servers);
        }
    }

    /** Tell {@code target} to copy {@code chunk} from {@code source}, checking it against length and digest. */
    record CopyChunk(ServerId target, ChunkId chunk, ServerId source, long length, int digest) implements ChunkEffect {}

    /** Tell {@code server} to delete its replica of {@code chunk}. */
    record DeleteReplica(ServerId server, ChunkId chunk, String reason) implements ChunkEffect {}

    /** {@code server} missed its heartbeats; its replicas no longer count. */
    record DeclareServerDead(ServerId server, int replicasLost) implements ChunkEffect {}

    /** Start making re-replication and deletion decisions: enough chunk reports are in. */
    record LeaveSafeMode(String reason) implements ChunkEffect {}
}
