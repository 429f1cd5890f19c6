package dev.mr.master.jobs;

import dev.mr.api.ConfKeys;
import dev.mr.api.Configuration;
import dev.mr.api.InvalidJobException;

/**
 * A job's settings of where its tasks run on a worker and what stops them ({@link ConfKeys#EXECUTOR} and
 * the rest), checked at submission so that a job a worker could not run is refused with a message
 * naming the setting, not failed task by task later. Pure and immutable.
 *
 * @param executor      {@code process} or {@code thread}
 * @param memoryMb      the executor's heap in MiB; 0 when not set (the worker's {@code --memory})
 * @param idleMs        how long an executor with no attempt lives on
 * @param taskTimeoutMs how long an attempt may show no progress; 0: no timeout
 * @param killGraceMs   how long a killed attempt has to stop before its executor is killed
 */
public record ExecutorSettings(String executor, long memoryMb, long idleMs, long taskTimeoutMs, long killGraceMs) {

    public static final String PROCESS = "process";
    public static final String THREAD = "thread";
    /** The least heap an executor is given: below it a JVM with the job's code and a sort buffer barely starts. */
    public static final long MIN_MEMORY_MB = 64;

    /** Reads and checks the settings; an {@link InvalidJobException} names the first bad one and its value. */
    public static ExecutorSettings from(Configuration conf) {
        String executor = conf.get(ConfKeys.EXECUTOR, "").trim();
        if (executor.isEmpty()) executor = PROCESS;
        if (!executor.equals(PROCESS) && !executor.equals(THREAD)) {
            throw new InvalidJobException(ConfKeys.EXECUTOR + " must be " + PROCESS + " or " + THREAD + ", not " + conf.get(ConfKeys.EXECUTOR));
        }
        long memory = whole(conf, ConfKeys.EXECUTOR_MEMORY_MB, 0, MIN_MEMORY_MB, "MiB, at least " + MIN_MEMORY_MB);
        long idle = whole(conf, ConfKeys.EXECUTOR_IDLE_MS, ConfKeys.EXECUTOR_IDLE_MS_DEFAULT, 0, "milliseconds, 0 or more");
        long timeout = whole(conf, ConfKeys.TASK_TIMEOUT_MS, ConfKeys.TASK_TIMEOUT_MS_DEFAULT, 0, "milliseconds, 0 or more (0: no timeout)");
        long grace = whole(conf, ConfKeys.TASK_KILL_GRACE_MS, ConfKeys.TASK_KILL_GRACE_MS_DEFAULT, 0, "milliseconds, 0 or more");
        return new ExecutorSettings(executor, memory, idle, timeout, grace);
    }

    /**
     * Refuses an executor heap larger than any worker can give.
     *
     * @param largestWorkerMemoryMb the largest {@code --memory} among the live workers that told one; 0 when none did,
     *                              and then any heap is accepted (the workers' own check stands)
     */
    public void checkFits(long largestWorkerMemoryMb) {
        if (memoryMb > 0 && largestWorkerMemoryMb > 0 && memoryMb > largestWorkerMemoryMb) {
            throw new InvalidJobException(ConfKeys.EXECUTOR_MEMORY_MB + "=" + memoryMb + " is more than any worker can give: the largest has "
                    + largestWorkerMemoryMb + " MiB (a worker's --memory sets it)");
        }
    }

    /** The setting as a whole number of at least {@code min}; {@code unset} when it is not set or blank. */
    private static long whole(Configuration conf, String key, long unset, long min, String expected) {
        String v = conf.get(key);
        if (v == null || v.isBlank()) return unset;
        long n;
        try {
            n = Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            n = Long.MIN_VALUE;
        }
        if (n < min) throw new InvalidJobException("setting " + key + "=" + v + " must be a whole number of " + expected);
        return n;
    }
}
