package dev.mr.dfs.protocol;

/** Starts writing a new file. Zero replication or chunk size means the store's default; {@code client} names the writer for its lease. */
public record CreateRequest(String path, int replication, long chunkSize, String client) {}
