package dev.mr.protocol;

import java.util.List;

/**
 * One phase of a job: its tasks by state, the durations of its successful attempts (in
 * milliseconds, as percentiles), what it read and wrote, and its slowest tasks.
 *
 * @param durations   how many successful attempts the percentiles are over (0: no percentiles yet, all -1)
 * @param firstStart  when its first attempt started, -1 before
 * @param lastFinish  when its last task finished, -1 while any runs or waits
 * @param slowest     the longest tasks, running ones counted up to {@link JobStats#now()}, longest first
 */
public record PhaseStats(String phase, int tasks, int waiting, int running, int succeeded, int failed, int killed,
                         int attempts, int failedAttempts, int killedAttempts, int backupAttempts,
                         long durations, long p50, long p90, long p99, long max, double mean,
                         long firstStart, long lastFinish,
                         long inputRecords, long inputBytes, long outputRecords, long outputBytes,
                         List<SlowTask> slowest) {}
