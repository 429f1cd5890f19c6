package dev.mr.dfs.chunkmap;

/** How safe a chunk's data is. Exactly one applies to each chunk of a closed file. */
public enum ChunkHealth {
    /** As many good replicas as the file asks for. */
    HEALTHY,
    /** At least one good replica, fewer than asked for. */
    UNDER_REPLICATED,
    /** No good replica; only replicas that failed their checksums. */
    CORRUPT,
    /** No replica at all on any live server. */
    MISSING,
    /** Being written: not yet judged. */
    PENDING
}
