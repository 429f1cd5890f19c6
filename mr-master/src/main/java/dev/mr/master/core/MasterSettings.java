package dev.mr.master.core;

import dev.mr.api.Configuration;
import dev.mr.master.jobs.FileRoots;
import dev.mr.master.jobs.JobCaps;
import java.nio.file.Path;
import java.util.function.LongSupplier;

/**
 * What the master core is started with.
 *
 * @param dir   the master's directory ({@code --dir}/master): journal, jars, job history
 * @param url   the master's advertised base URL ({@code http://host:port}), which jobs' {@code dfs:} paths and workers reach
 * @param conf  the cluster's settings ({@code -D} of {@code mr-master}): defaults of every job, and the master's own keys below,
 *              {@link JobCaps} and {@link FileRoots}
 * @param clock epoch milliseconds; every scheduler event carries its reading
 */
public record MasterSettings(Path dir, String url, Configuration conf, LongSupplier clock) {

    /** How often the scheduler is told that time passed, so silent workers expire (default 1000 ms). */
    public static final String TICK_MS = "mr.master.tick.ms";
    /** Threads that validate submissions and commit or abort job output (default 4). */
    public static final String IO_THREADS = "mr.master.io.threads";
    /** The largest job submission (jar and spec) accepted, in bytes (default 256 MiB); larger ones get 413. */
    public static final String SUBMIT_MAX_BYTES = "mr.submit.max.bytes";
    /**
     * Ended jobs whose tasks and attempts the master keeps (default 1000, as Spark's
     * {@code spark.ui.retainedJobs}), in memory and in its job history on disk, so also across
     * restarts; older ones keep only their summary.
     */
    public static final String RETAINED_JOBS = "mr.master.retained.jobs";
    /** The most disk the job history takes, in MiB (default 1024); the oldest jobs' files go first. 0 keeps none. */
    public static final String HISTORY_MAX_MB = "mr.master.history.max.mb";

    /** Checks the master's own settings; an {@link IllegalArgumentException} names a malformed one. */
    public MasterSettings {
        conf = conf.copy();
        tickMs(conf);
        ioThreads(conf);
        submitMaxBytes(conf);
        retainedJobs(conf);
        historyMaxBytes(conf);
        JobCaps.from(conf);
        FileRoots.from(conf);
    }

    public long tickMs() {
        return tickMs(conf);
    }

    public int ioThreads() {
        return ioThreads(conf);
    }

    public int retainedJobs() {
        return retainedJobs(conf);
    }

    public long historyMaxBytes() {
        return historyMaxBytes(conf);
    }

    private static long historyMaxBytes(Configuration conf) {
        long v = conf.getLong(HISTORY_MAX_MB, 1024);
        if (v < 0 || v > Long.MAX_VALUE >> 20) {
            throw new IllegalArgumentException("setting " + HISTORY_MAX_MB + "=" + v + " must be a number of MiB, 0 (keep no history) or more");
        }
        return v << 20;
    }

    private static int retainedJobs(Configuration conf) {
        int v = conf.getInt(RETAINED_JOBS, 1000);
        if (v < 0) throw new IllegalArgumentException("setting " + RETAINED_JOBS + "=" + v + " must not be negative");
        return v;
    }

    private static long tickMs(Configuration conf) {
        long v = conf.getLong(TICK_MS, 1000);
        if (v <= 0) throw new IllegalArgumentException("setting " + TICK_MS + "=" + v + " must be positive");
        return v;
    }

    private static int ioThreads(Configuration conf) {
        int v = conf.getInt(IO_THREADS, 4);
        if (v <= 0) throw new IllegalArgumentException("setting " + IO_THREADS + "=" + v + " must be positive");
        return v;
    }

    public static long submitMaxBytes(Configuration conf) {
        long v = conf.getLong(SUBMIT_MAX_BYTES, 256L << 20);
        if (v <= 0) throw new IllegalArgumentException("setting " + SUBMIT_MAX_BYTES + "=" + v + " must be positive");
        return v;
    }
}
