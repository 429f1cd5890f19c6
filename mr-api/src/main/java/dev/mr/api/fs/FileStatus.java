package dev.mr.api.fs;

/**
 * What a filesystem knows of one file or directory.
 *
 * @param blockSize   the unit of locality and of default splits (a dfs chunk)
 * @param replication copies kept of each block (1 for local files)
 */
public record FileStatus(FsPath path, long length, boolean directory, long blockSize, int replication, long modifiedMillis) {}
