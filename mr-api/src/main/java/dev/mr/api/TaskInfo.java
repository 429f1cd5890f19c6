package dev.mr.api;

/**
 * Identifies the running task attempt.
 *
 * @param jobId     e.g. {@code job_0001}
 * @param attemptId e.g. {@code job_0001_m_000003_0}
 * @param workerId  the worker running the attempt ({@code local} in the local runner)
 * @param partition the task's index: the map task number, or the reduce partition
 * @param inputPath for a map task, the file of its split as the job lists it; otherwise null
 */
public record TaskInfo(String jobId, String attemptId, String workerId, int partition, String inputPath) {

    /** True for a map task, false for a reduce task. */
    public boolean isMap() {
        return attemptId.contains("_m_");
    }
}
