package dev.mr.dfs.protocol;

/** A chunk server describing itself. */
public record ChunkServerStatus(String server, String address, int chunks, long freeBytes, long usedBytes) {}
