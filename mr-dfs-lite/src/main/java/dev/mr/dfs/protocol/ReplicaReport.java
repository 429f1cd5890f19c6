package dev.mr.dfs.protocol;

/** A replica a chunk server holds: chunk id, length and digest. */
public record ReplicaReport(String chunk, long length, int digest) {}
