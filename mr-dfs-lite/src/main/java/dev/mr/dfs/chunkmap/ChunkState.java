package dev.mr.dfs.chunkmap;

import dev.mr.dfs.ChunkId;
import dev.mr.dfs.ServerId;
import java.util.Map;
import java.util.TreeMap;

/** What the chunk map knows of one chunk: its final shape once committed, its replicas, its copies in flight. */
final class ChunkState {

    /** A copy ordered from {@code source}, given up at {@code deadline}. */
    record Copy(ServerId source, long deadline) {}

    final ChunkId id;
    final int replication;
    final long allocatedSize;
    boolean committed;
    long length = -1;
    int digest;
    final TreeMap<ServerId, ReplicaEntry> replicas = new TreeMap<>();
    /** Copies in flight, by target. */
    final TreeMap<ServerId, Copy> copies = new TreeMap<>();
    /** The good count this chunk is filed under in the re-replication queue; -1 when not queued. */
    int queuedGood = -1;

    ChunkState(ChunkId id, int replication, long allocatedSize) {
        this.id = id;
        this.replication = replication;
        this.allocatedSize = allocatedSize;
    }

    int count(ReplicaEntry.State state) {
        int n = 0;
        for (ReplicaEntry e : replicas.values()) if (e.state() == state) n++;
        return n;
    }

    int good() {
        return count(ReplicaEntry.State.GOOD);
    }

    /** The size a new replica needs: the final length, or the most it can grow to. */
    long size() {
        return committed ? length : allocatedSize;
    }

    boolean holdsOrReceives(ServerId server) {
        return replicas.containsKey(server) || copies.containsKey(server);
    }

    Map<ServerId, ReplicaEntry> entries() {
        return replicas;
    }
}
