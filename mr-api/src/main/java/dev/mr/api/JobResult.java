package dev.mr.api;

/**
 * How a job ended.
 *
 * @param failure for a failed job, which task failed and its error with stack trace; else null
 * @param output  the job's output path
 */
public record JobResult(String jobId, JobState state, Counters counters, String failure, String output, long elapsedMillis) {

    public boolean succeeded() {
        return state == JobState.SUCCEEDED;
    }
}
