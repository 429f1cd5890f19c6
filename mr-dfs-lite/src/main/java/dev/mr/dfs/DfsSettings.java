package dev.mr.dfs;

import dev.mr.api.ConfKeys;
import dev.mr.api.Configuration;
import dev.mr.api.spi.MasterRetryPolicy;
import dev.mr.api.spi.MasterUrl;

/**
 * The chunk store's settings, read once from a {@link Configuration}. Immutable.
 *
 * <p>The three settings a user is expected to touch are {@link #CHUNK_SIZE}, {@link #REPLICATION}
 * and {@link #SERVER_EXPIRY_MS}; the rest exist so that tests can run the same code with
 * short timers and small chunks.
 */
public record DfsSettings(
        long chunkSize,
        int replication,
        long serverExpiryMs,
        long heartbeatMs,
        long reportIntervalMs,
        long leaseExpiryMs,
        long copyTimeoutMs,
        int copiesPerServer,
        long scrubIntervalMs,
        int checkpointEvery,
        long maxChunkSize,
        boolean fsyncChunks,
        boolean shortCircuit,
        long tickMs,
        long ioTimeoutMs,
        String nearServer,
        long clientRetryMaxMs) {

    /** Bytes per chunk of a new file (default 64 MiB); {@code CreateOptions.blockSize} overrides it per file. */
    public static final String CHUNK_SIZE = "dfs.chunk.size";
    /** Replicas kept of each chunk (default 3); {@code CreateOptions.replication} overrides it per file. */
    public static final String REPLICATION = "dfs.replication";
    /** A chunk server silent this long is dead and its chunks are copied elsewhere (default 10 s). */
    public static final String SERVER_EXPIRY_MS = "dfs.server.expiry.ms";
    public static final String HEARTBEAT_MS = "dfs.heartbeat.interval.ms";
    /** How often a chunk server sends the full list of the chunks it holds (default 60 s). */
    public static final String REPORT_INTERVAL_MS = "dfs.report.interval.ms";
    /** A writer silent this long loses its file: it is removed and its chunks reclaimed (default 60 s). */
    public static final String LEASE_EXPIRY_MS = "dfs.lease.expiry.ms";
    /** A re-replication copy not confirmed within this time is given up and planned again (default 120 s). */
    public static final String COPY_TIMEOUT_MS = "dfs.copy.timeout.ms";
    /** Re-replication copies in flight per chunk server, as source and as target (default 2). */
    public static final String COPIES_PER_SERVER = "dfs.copies.per.server";
    /** Pause between two chunks verified by the background scrubber; 0 turns it off (default 10 s). */
    public static final String SCRUB_INTERVAL_MS = "dfs.scrub.interval.ms";
    /** Journal records between two checkpoints of the namespace (default 10000). */
    public static final String CHECKPOINT_EVERY = "dfs.journal.checkpoint.records";
    /** The largest chunk size a file may ask for, and the largest chunk body a server accepts (default 1 GiB). */
    public static final String MAX_CHUNK_SIZE = "dfs.chunk.size.max";
    /** Fsync each chunk before acknowledging it (default false: like HDFS, replication guards fresh data). */
    public static final String FSYNC_CHUNKS = "dfs.chunk.fsync";
    /**
     * Read a replica held on this host straight from its disk, and write one held by a chunk server
     * of the client's {@link dev.mr.dfs.chunkserver.LocalServers} straight into its store (default true).
     */
    public static final String SHORT_CIRCUIT = "dfs.client.short.circuit";
    /**
     * The chunk server on this host, for a writer in a JVM without one (a worker's executor): the
     * first replica of each chunk it writes goes there, as it would from the worker's own JVM
     * (default: none, or the chunk server of the client's {@link dev.mr.dfs.chunkserver.LocalServers}).
     */
    public static final String NEAR_SERVER = "dfs.client.near.server";
    /** How often the master re-evaluates server liveness, leases and re-replication (default 500 ms). */
    public static final String TICK_MS = "dfs.master.tick.ms";
    // ConfKeys.CLIENT_RETRY_MAX_MS (mr.client.retry.max.ms, default 15 min): how long a client's calls to
    // the master go again while it is unreachable; clientRetryMaxMs holds it.
    /** Connect and read timeout of every HTTP call the store makes (default 60 s). */
    public static final String IO_TIMEOUT_MS = "dfs.io.timeout.ms";

    public static final long DEFAULT_CHUNK_SIZE = 64L << 20;
    /** Bytes covered by one CRC32C in a chunk's checksum file. */
    public static final int CHECKSUM_WINDOW = 64 << 10;

    public DfsSettings {
        if (chunkSize < 1 || chunkSize > maxChunkSize) {
            throw new IllegalArgumentException(CHUNK_SIZE + "=" + chunkSize + " must lie in [1, " + maxChunkSize + "]");
        }
        if (replication < 1) throw new IllegalArgumentException(REPLICATION + "=" + replication + " must be >= 1");
        positive(SERVER_EXPIRY_MS, serverExpiryMs);
        positive(HEARTBEAT_MS, heartbeatMs);
        positive(REPORT_INTERVAL_MS, reportIntervalMs);
        positive(LEASE_EXPIRY_MS, leaseExpiryMs);
        positive(COPY_TIMEOUT_MS, copyTimeoutMs);
        positive(COPIES_PER_SERVER, copiesPerServer);
        if (scrubIntervalMs < 0) throw new IllegalArgumentException(SCRUB_INTERVAL_MS + " must be >= 0");
        positive(CHECKPOINT_EVERY, checkpointEvery);
        positive(TICK_MS, tickMs);
        positive(IO_TIMEOUT_MS, ioTimeoutMs);
        if (clientRetryMaxMs < 0) throw new IllegalArgumentException(ConfKeys.CLIENT_RETRY_MAX_MS + " must be >= 0");
        if (heartbeatMs >= serverExpiryMs) {
            throw new IllegalArgumentException(HEARTBEAT_MS + "=" + heartbeatMs + " must be below " + SERVER_EXPIRY_MS + "=" + serverExpiryMs);
        }
    }

    private static void positive(String key, long v) {
        if (v <= 0) throw new IllegalArgumentException(key + "=" + v + " must be > 0");
    }

    public static DfsSettings defaults() {
        return from(new Configuration());
    }

    public static DfsSettings from(Configuration conf) {
        long expiry = conf.getLong(SERVER_EXPIRY_MS, 10_000);
        return new DfsSettings(
                conf.getLong(CHUNK_SIZE, DEFAULT_CHUNK_SIZE),
                conf.getInt(REPLICATION, 3),
                expiry,
                conf.getLong(HEARTBEAT_MS, Math.max(1, Math.min(1_000, expiry / 4))),
                conf.getLong(REPORT_INTERVAL_MS, 60_000),
                conf.getLong(LEASE_EXPIRY_MS, 60_000),
                conf.getLong(COPY_TIMEOUT_MS, 120_000),
                conf.getInt(COPIES_PER_SERVER, 2),
                conf.getLong(SCRUB_INTERVAL_MS, 10_000),
                conf.getInt(CHECKPOINT_EVERY, 10_000),
                conf.getLong(MAX_CHUNK_SIZE, 1L << 30),
                conf.getBoolean(FSYNC_CHUNKS, false),
                conf.getBoolean(SHORT_CIRCUIT, true),
                conf.getLong(TICK_MS, 500),
                conf.getLong(IO_TIMEOUT_MS, 60_000),
                conf.get(NEAR_SERVER),
                conf.getLong(ConfKeys.CLIENT_RETRY_MAX_MS, MasterRetryPolicy.DEFAULT_MAX_MS));
    }

    /** The master's URL as {@link MasterUrl} decides it, else null. */
    public static String masterUrl(Configuration conf) {
        return MasterUrl.of(conf);
    }
}
