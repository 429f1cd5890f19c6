package dev.mr.master.scheduler;

import dev.mr.api.TaskCounter;

/**
 * A job's records skipped in skip mode, held against its limits ({@code mr.skip.map.records.max},
 * {@code mr.skip.reduce.groups.max}): the {@code SKIPPED_RECORDS} of each task's winning attempt,
 * maps and reduces apart, kept in step as winners come and go (a map whose output is lost no
 * longer counts). A task still running counts with the bad records its attempts reported, which
 * its next attempt will skip. Owned by the scheduler's thread, one per job.
 */
final class SkippedRecords {

    private final JobSettings settings;
    private long maps;
    private long reduces;

    SkippedRecords(JobSettings settings) {
        this.settings = settings;
    }

    /** What a winning attempt skipped, from the counters it reported. */
    static long of(Attempt a) {
        return a.counters == null ? 0 : a.counters.get(TaskCounter.SKIPPED_RECORDS);
    }

    /** The task's winner counts from now on. */
    void won(Attempt winner) {
        add(winner.task.isMap(), of(winner));
    }

    /** The task's winner no longer counts: its output is gone and the task runs again. */
    void lost(Attempt winner) {
        add(winner.task.isMap(), -of(winner));
    }

    long committed(boolean map) {
        return map ? maps : reduces;
    }

    /**
     * Why the job must fail when {@code pending} more records of this kind are to be skipped on top
     * of the winners', or null while within the limit. The message names the limit, as a user sets it.
     */
    String overLimit(boolean map, long pending) {
        long total = committed(map) + pending;
        long limit = settings.skipLimit(map);
        if (total <= limit) return null;
        return total + (map ? " input records were skipped" : " key groups were skipped") + ", more than "
                + JobSettings.skipLimitKey(map) + "=" + limit + " allows";
    }

    private void add(boolean map, long n) {
        if (map) maps += n;
        else reduces += n;
    }
}
