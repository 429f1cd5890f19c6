package dev.mr.dfs.protocol;

import java.util.List;

/**
 * One chunk of a file: where it starts, its length and digest, and its good replicas.
 *
 * @param token the capability to read this chunk from its chunk servers (null on an insecure cluster)
 */
public record ChunkLayout(String chunk, long offset, long length, int digest, List<ReplicaLocation> replicas, String token) {

    public ChunkLayout {
        replicas = replicas == null ? List.of() : List.copyOf(replicas);
    }

    public ChunkLayout withToken(String t) {
        return new ChunkLayout(chunk, offset, length, digest, replicas, t);
    }
}
