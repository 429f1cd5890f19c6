package dev.mr.worker.runtime;

import dev.mr.api.Configuration;
import dev.mr.worker.fetch.FetchSettings;
import dev.mr.api.spi.Backoff;
import dev.mr.api.spi.MasterRetryPolicy;
import java.time.Duration;

/**
 * A worker daemon's settings: the command line's, plus {@code -D} keys (which also serve as
 * defaults under every job's own settings).
 *
 * @param heartbeatMs     between heartbeats ({@value #HEARTBEAT_MS}, default 1000); a finished task sends one at once
 * @param rpcTimeout      of each request to the master ({@value #RPC_TIMEOUT_MS}, default 10000)
 * @param retryBackoff    between tries of registration and heartbeats while the master does not answer
 *                        ({@value #REGISTER_RETRY_MS} 250 doubling up to {@value #REGISTER_RETRY_MAX_MS} 5000, the
 *                        clients' {@link MasterRetryPolicy#DEFAULT_BACKOFF}: a restarted master hears from its workers
 *                        within seconds)
 * @param logTailBytes    of an attempt's output kept for its failure report ({@value #LOG_TAIL_BYTES}, default 32768)
 * @param memoryMb        the memory its tasks may use ({@code --memory}): an executor's heap unless the job sets
 *                        {@code mr.executor.memory.mb}, and the most a job may ask for
 */
public record WorkerSettings(String masterUrl, int slots, long heartbeatMs, Duration rpcTimeout, Backoff retryBackoff,
                             int logTailBytes, FetchSettings fetch, Configuration conf, long memoryMb) {

    public static final String HEARTBEAT_MS = "mr.worker.heartbeat.ms";
    public static final String RPC_TIMEOUT_MS = "mr.worker.rpc.timeout.ms";
    public static final String REGISTER_RETRY_MS = "mr.worker.register.retry.ms";
    public static final String REGISTER_RETRY_MAX_MS = "mr.worker.register.retry.max.ms";
    public static final String LOG_TAIL_BYTES = "mr.worker.log.tail.bytes";

    public WorkerSettings {
        if (slots < 1) throw new IllegalArgumentException("--slots must be at least 1, not " + slots);
        if (heartbeatMs < 1) throw new IllegalArgumentException(HEARTBEAT_MS + " must be at least 1, not " + heartbeatMs);
        if (logTailBytes < 1) throw new IllegalArgumentException(LOG_TAIL_BYTES + " must be at least 1, not " + logTailBytes);
        if (memoryMb < 64) throw new IllegalArgumentException("--memory must be at least 64 (MiB), not " + memoryMb);
    }

    /** Reads the settings with {@link #defaultMemoryMb}; an {@link IllegalArgumentException} names a bad one. */
    public static WorkerSettings from(String masterUrl, int slots, Configuration conf) {
        return from(masterUrl, slots, conf, defaultMemoryMb());
    }

    /** What a worker gives its tasks when {@code --memory} does not say: what this JVM's heap may grow to, as before executors. */
    public static long defaultMemoryMb() {
        return Runtime.getRuntime().maxMemory() >> 20;
    }

    /** Reads the settings; an {@link IllegalArgumentException} names a bad one. */
    public static WorkerSettings from(String masterUrl, int slots, Configuration conf, long memoryMb) {
        String url = masterUrl.endsWith("/") ? masterUrl.substring(0, masterUrl.length() - 1) : masterUrl;
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw new IllegalArgumentException("--master must be an http:// URL, not " + masterUrl);
        }
        return new WorkerSettings(url, slots, conf.getLong(HEARTBEAT_MS, 1000), Duration.ofMillis(conf.getLong(RPC_TIMEOUT_MS, 10_000)),
                new Backoff(conf.getLong(REGISTER_RETRY_MS, MasterRetryPolicy.DEFAULT_BACKOFF.initialMs()),
                        conf.getLong(REGISTER_RETRY_MAX_MS, MasterRetryPolicy.DEFAULT_BACKOFF.maxMs())),
                conf.getInt(LOG_TAIL_BYTES, 32 << 10), FetchSettings.from(conf), conf.copy(), memoryMb);
    }
}
