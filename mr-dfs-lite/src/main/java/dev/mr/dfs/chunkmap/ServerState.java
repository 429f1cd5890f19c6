package dev.mr.dfs.chunkmap;

import dev.mr.dfs.ChunkId;
import dev.mr.dfs.ServerId;
import java.util.TreeSet;

/** What the chunk map knows of one chunk server. Owned by {@link ChunkMap}'s thread. */
final class ServerState {

    final ServerId id;
    String address;
    long freeBytes;
    long lastHeartbeat;
    boolean alive;
    /** Has sent a full chunk report since it (re)joined: until then its replicas are unknown. */
    boolean reported;
    /** Its last full report missed a replica only the writer vouched for: the next one settles it. */
    boolean reportWanted;
    /** Chunks with an entry (good, corrupt or being deleted) for this server. */
    final TreeSet<ChunkId> replicas = new TreeSet<>();
    /** Chunks this server is copying to itself or being copied from. */
    final TreeSet<ChunkId> copies = new TreeSet<>();
    int copiesAsSource;
    int copiesAsTarget;

    ServerState(ServerId id) {
        this.id = id;
    }
}
