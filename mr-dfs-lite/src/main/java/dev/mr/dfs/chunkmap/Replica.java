package dev.mr.dfs.chunkmap;

import dev.mr.dfs.ChunkId;

/** A replica as a chunk server describes it: which chunk, how long, and its digest. */
public record Replica(ChunkId chunk, long length, int digest) {}
