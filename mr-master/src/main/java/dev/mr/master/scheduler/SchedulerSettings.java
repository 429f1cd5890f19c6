package dev.mr.master.scheduler;

import dev.mr.api.Configuration;

/**
 * Cluster-wide settings of the scheduler, from the master's configuration.
 *
 * @param workerExpiryMs a worker silent for this long is declared dead on the next tick
 */
public record SchedulerSettings(long workerExpiryMs) {

    public static final String WORKER_EXPIRY_MS = "mr.worker.expiry.ms";

    public SchedulerSettings {
        if (workerExpiryMs <= 0) {
            throw new IllegalArgumentException("setting " + WORKER_EXPIRY_MS + "=" + workerExpiryMs + " must be positive");
        }
    }

    /** The default: workers expire after 10 s of silence. */
    public static SchedulerSettings defaults() {
        return from(new Configuration());
    }

    public static SchedulerSettings from(Configuration conf) {
        return new SchedulerSettings(conf.getLong(WORKER_EXPIRY_MS, 10_000));
    }
}
