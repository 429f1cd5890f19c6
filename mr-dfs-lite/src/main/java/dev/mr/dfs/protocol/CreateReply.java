package dev.mr.dfs.protocol;

/** A file being written: its id, and the settings it got. The writer must renew its lease within {@code leaseMs}. */
public record CreateReply(long file, String path, int replication, long chunkSize, long leaseMs, String warning) {}
