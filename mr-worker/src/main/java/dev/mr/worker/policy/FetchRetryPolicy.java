package dev.mr.worker.policy;

import dev.mr.api.spi.Backoff;

/**
 * When a reduce attempt tries a map output again after a failed fetch, and when it tells the
 * master: retries back off exponentially, and every {@code triesPerReport} failures in a row
 * of the same map output make one fetch-failure report (the master re-runs the map after
 * enough reports, from this reducer or others, and then sends a replacement entry). Immutable
 * and pure.
 */
public record FetchRetryPolicy(Backoff backoff, int triesPerReport) {

    public FetchRetryPolicy {
        if (triesPerReport < 1) throw new IllegalArgumentException("tries per fetch-failure report must be at least 1, not " + triesPerReport);
    }

    /** The earliest time of the next try after the {@code failures}-th failure in a row at {@code nowMs}. */
    public long retryAt(int failures, long nowMs) {
        return nowMs + backoff.delayAfter(failures);
    }

    /** True when the {@code failures}-th failure in a row should be reported to the master. */
    public boolean reportAfter(int failures) {
        return failures > 0 && failures % triesPerReport == 0;
    }
}
