package dev.mr.api.fs;

/**
 * How to create a file. Zero means the filesystem's default.
 *
 * @param replication copies to keep of each block
 * @param blockSize   bytes per block (a dfs chunk)
 */
public record CreateOptions(int replication, long blockSize) {

    public static final CreateOptions DEFAULT = new CreateOptions(0, 0);

    public CreateOptions {
        if (replication < 0) throw new IllegalArgumentException("replication must be >= 0: " + replication);
        if (blockSize < 0) throw new IllegalArgumentException("block size must be >= 0: " + blockSize);
    }
}
