package dev.mr.dfs.protocol;

/** One file or directory as the master sees it. Directories have no length, replication or chunks. */
public record FileInfo(String path, boolean directory, long length, int replication, long chunkSize, int chunks, long modified) {}
