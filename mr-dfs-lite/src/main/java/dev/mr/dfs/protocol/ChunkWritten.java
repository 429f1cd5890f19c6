package dev.mr.dfs.protocol;

/** A chunk server's receipt for a chunk it stored: the length and digest it computed. */
public record ChunkWritten(String chunk, long length, int digest) {}
