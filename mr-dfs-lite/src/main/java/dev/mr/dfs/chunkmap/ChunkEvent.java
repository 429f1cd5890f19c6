package dev.mr.dfs.chunkmap;

import dev.mr.dfs.ChunkId;
import dev.mr.dfs.ServerId;
import java.util.List;

/**
 * Something that happened to the chunk store, with the time it happened. {@link ChunkMap}
 * takes these one at a time and answers with {@link ChunkEffect}s.
 */
public sealed interface ChunkEvent {

    long time();

    /** A chunk server said it is alive, where it is, and how much space it has. */
    record ServerHeartbeated(long time, ServerId server, String address, long freeBytes) implements ChunkEvent {}

    /** A chunk server listed every replica it holds; anything it held before and did not list is gone. */
    record ChunksReported(long time, ServerId server, List<Replica> replicas) implements ChunkEvent {
        public ChunksReported {
            replicas = List.copyOf(replicas);
        }
    }

    /** A chunk server stored a replica (a client's write or a copy). */
    record ReplicaAdded(long time, ServerId server, Replica replica) implements ChunkEvent {}

    /** A chunk server no longer holds a replica (it was told to delete it, or lost it). */
    record ReplicaRemoved(long time, ServerId server, ChunkId chunk) implements ChunkEvent {}

    /** A reader or the scrubber found a replica failing its checksums. */
    record ReplicaCorrupted(long time, ServerId server, ChunkId chunk) implements ChunkEvent {}

    /** A chunk server could not carry out a copy it was ordered to make. */
    record CopyFailed(long time, ServerId server, ChunkId chunk) implements ChunkEvent {}

    /** A writer needs a new chunk of up to {@code size} bytes; {@code near} is a server on its host, or null. */
    record ChunkAllocated(long time, ChunkId chunk, int replication, long size, ServerId near) implements ChunkEvent {}

    /** A writer finished a chunk: its final length and digest, and the servers that acknowledged it. */
    record ChunkCommitted(long time, ChunkId chunk, long length, int digest, List<ServerId> servers) implements ChunkEvent {
        public ChunkCommitted {
            servers = List.copyOf(servers);
        }
    }

    /** At start-up, a chunk known from the journal; its replicas are learned from reports. */
    record ChunkRestored(long time, ChunkId chunk, int replication, long length, int digest, boolean committed) implements ChunkEvent {}

    /** Chunks of deleted or abandoned files: every replica is to go. */
    record ChunksDropped(long time, List<ChunkId> chunks) implements ChunkEvent {
        public ChunksDropped {
            chunks = List.copyOf(chunks);
        }
    }

    /** Time passed: check liveness, copies, surplus and corrupt replicas. */
    record Ticked(long time) implements ChunkEvent {}
}
