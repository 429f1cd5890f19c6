package dev.mr.api;

/**
 * Identifies the running task attempt.
 *
 * @param jobId     e.g. {@code job_0001}
 * @param attemptId e.g. {@code job_0001_m_000003_0}
 * @param workerId  the worker running the attempt ({@code local} in the local runner)
 * @param partition the task's index: the map task number, or the reduce partition
 * @param inputPath for a map task, the file whose records it is mapping, as the job lists it;
 *                  otherwise null. A split that packs several small files (see
 *                  {@link ConfKeys#PACK_SIZE}) changes it between {@code map} calls, so a mapper
 *                  that depends on it reads it in {@code map}; in {@code setup} it is the split's
 *                  first file, in {@code cleanup} its last.
 */
public record TaskInfo(String jobId, String attemptId, String workerId, int partition, String inputPath) {

    /** True for a map task, false for a reduce task. */
    public boolean isMap() {
        return attemptId.contains("_m_");
    }
}
