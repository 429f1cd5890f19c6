package dev.mr.dfs.protocol;

import java.util.List;

/** One chunk of a file: where it starts, its length and digest, and its good replicas. */
public record ChunkLayout(String chunk, long offset, long length, int digest, List<ReplicaLocation> replicas) {

    public ChunkLayout {
        replicas = replicas == null ? List.of() : List.copyOf(replicas);
    }
}
