package dev.mr.worker.fetch;

import dev.mr.api.Configuration;
import dev.mr.api.spi.Backoff;
import dev.mr.worker.policy.FetchRetryPolicy;
import java.time.Duration;

/**
 * How reducers fetch map outputs, from the worker's settings (a job's own settings override the
 * parallelism and the memory budget, which {@link ShuffleFetcher#prepare} takes).
 *
 * @param parallelCopies fetches in flight per reduce attempt ({@value #PARALLEL_COPIES}, default 5)
 * @param retry          backoff between tries of one map output and how many failures make a report
 *                       ({@value #RETRY_MS} 250, {@value #RETRY_MAX_MS} 5000, {@value #TRIES_PER_REPORT} 3)
 * @param timeout        connect and response-header timeout of one fetch ({@value #TIMEOUT_MS}, default 30000)
 */
public record FetchSettings(int parallelCopies, FetchRetryPolicy retry, Duration timeout) {

    public static final String PARALLEL_COPIES = "mr.shuffle.parallel.copies";
    public static final String RETRY_MS = "mr.shuffle.fetch.retry.ms";
    public static final String RETRY_MAX_MS = "mr.shuffle.fetch.retry.max.ms";
    public static final String TRIES_PER_REPORT = "mr.shuffle.fetch.tries.per.report";
    public static final String TIMEOUT_MS = "mr.shuffle.fetch.timeout.ms";

    public FetchSettings {
        if (parallelCopies < 1) throw new IllegalArgumentException(PARALLEL_COPIES + "=" + parallelCopies + " must be at least 1");
    }

    /** Reads the settings; an {@link IllegalArgumentException} names a bad one. */
    public static FetchSettings from(Configuration conf) {
        return new FetchSettings(parallelCopies(conf),
                new FetchRetryPolicy(new Backoff(conf.getLong(RETRY_MS, 250), conf.getLong(RETRY_MAX_MS, 5000)),
                        conf.getInt(TRIES_PER_REPORT, 3)),
                Duration.ofMillis(conf.getLong(TIMEOUT_MS, 30_000)));
    }

    public static int parallelCopies(Configuration conf) {
        int n = conf.getInt(PARALLEL_COPIES, 5);
        if (n < 1) throw new IllegalArgumentException(PARALLEL_COPIES + "=" + n + " must be at least 1");
        return n;
    }
}
