package dev.mr.worker.fetch;

import dev.mr.api.spi.AttemptId;

/** Tells the master that a reduce attempt could not fetch a map attempt's output (POST /api/v1/fetch-failures). */
public interface FetchFailureReporter {

    /** Reports; failing to report is the caller's to log, never the fetch's undoing. */
    void reportFetchFailure(AttemptId reduceAttempt, AttemptId mapAttempt, String error) throws Exception;
}
