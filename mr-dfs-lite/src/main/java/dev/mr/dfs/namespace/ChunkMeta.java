package dev.mr.dfs.namespace;

import dev.mr.dfs.ChunkId;

/** A chunk of a file: its id, and once committed its length and digest (length -1 before). */
public record ChunkMeta(ChunkId id, long length, int digest) {

    public boolean committed() {
        return length >= 0;
    }
}
