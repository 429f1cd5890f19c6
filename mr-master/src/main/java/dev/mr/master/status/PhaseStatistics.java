package dev.mr.master.status;

import dev.mr.master.scheduler.AttemptState;
import dev.mr.master.scheduler.TaskState;
import dev.mr.master.scheduler.TaskSummary;
import dev.mr.master.scheduler.TaskSummary.AttemptSpan;
import dev.mr.protocol.JobStats;
import dev.mr.protocol.PhaseStats;
import dev.mr.protocol.SlowTask;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.HdrHistogram.Histogram;

/**
 * Per-phase figures of a job for the job page: tasks by state, attempts by outcome, percentiles
 * (p50/p90/p99/max, in milliseconds, 3 significant digits) of the durations of the attempts that
 * won their task, what the phase read and wrote, and its slowest tasks. Durations go into an
 * HdrHistogram, so a phase of 100,000 tasks costs one pass and a few kilobytes; the slowest are
 * kept in a bounded heap. Stateless.
 */
public final class PhaseStatistics {

    /** Durations above this (a week) are clamped: the histogram's range must be bounded. */
    static final long MAX_TRACKED_MS = 7L * 24 * 3600 * 1000;

    private PhaseStatistics() {}

    /**
     * @param tasks   the job's summaries
     * @param reduces whether the job has a reduce phase (a map-only job lists only {@code map})
     * @param now     the master's clock, where running tasks' durations end
     * @param slowest how many slowest tasks to list per phase
     */
    public static JobStats of(String jobId, List<TaskSummary> tasks, boolean reduces, long now, int slowest) {
        List<PhaseStats> phases = new ArrayList<>(2);
        phases.add(phase("map", tasks, true, now, slowest));
        if (reduces) phases.add(phase("reduce", tasks, false, now, slowest));
        return new JobStats(jobId, now, phases, null);
    }

    static PhaseStats phase(String name, List<TaskSummary> all, boolean maps, long now, int slowest) {
        Histogram h = new Histogram(MAX_TRACKED_MS, 3);
        int tasks = 0, waiting = 0, running = 0, succeeded = 0, failed = 0, killed = 0;
        int attempts = 0, failedAttempts = 0, killedAttempts = 0, backups = 0;
        long firstStart = Long.MAX_VALUE, lastFinish = -1;
        boolean done = true;
        long inRecords = 0, inBytes = 0, outRecords = 0, outBytes = 0;
        // a min-heap of the longest seen so far: the root is the shortest of them, the first to go
        PriorityQueue<Slow> slow = new PriorityQueue<>(Comparator.comparingLong(Slow::duration).thenComparing(Slow::order, Comparator.reverseOrder()));
        int order = 0;
        for (TaskSummary t : all) {
            if (t.taskId().map() != maps) continue;
            tasks++;
            switch (t.state()) {
                case WAITING -> waiting++;
                case RUNNING, COMMITTING -> running++;
                case SUCCEEDED -> succeeded++;
                case FAILED -> failed++;
                case KILLED -> killed++;
            }
            if (t.state() != TaskState.SUCCEEDED && t.state() != TaskState.FAILED
                    && t.state() != TaskState.KILLED) {
                done = false;
            }
            for (AttemptSpan a : t.attempts()) {
                attempts++;
                if (a.state() == AttemptState.FAILED) failedAttempts++;
                if (a.state() == AttemptState.KILLED) killedAttempts++;
                if (a.backup()) backups++;
                firstStart = Math.min(firstStart, a.startTime());
            }
            if (t.finishTime() >= 0) lastFinish = Math.max(lastFinish, t.finishTime());
            AttemptSpan w = t.winner() >= 0 ? t.attempts().get(t.winner()) : null;
            if (w != null && w.finishTime() >= 0) h.recordValue(Math.min(MAX_TRACKED_MS, Math.max(0, w.finishTime() - w.startTime())));
            inRecords += TaskFigures.inputRecords(t);
            inBytes += TaskFigures.inputBytes(t);
            outRecords += TaskFigures.outputRecords(t);
            outBytes += TaskFigures.outputBytes(t);
            long d = TaskFigures.duration(t, now);
            if (d >= 0 && slowest > 0) {
                slow.add(new Slow(t, d, order));
                if (slow.size() > slowest) slow.poll();
            }
            order++;
        }
        List<Slow> longest = new ArrayList<>(slow);
        longest.sort(Comparator.comparingLong(Slow::duration).reversed().thenComparingInt(Slow::order));
        List<SlowTask> out = new ArrayList<>(longest.size());
        for (Slow s : longest) {
            AttemptSpan shown = s.task().shown();
            out.add(new SlowTask(s.task().taskId().toString(), s.task().state().name(), shown == null ? null : shown.workerId(),
                    s.task().startTime(), s.duration(), s.task().attempts().size()));
        }
        long n = h.getTotalCount();
        return new PhaseStats(name, tasks, waiting, running, succeeded, failed, killed, attempts, failedAttempts, killedAttempts, backups,
                n, n == 0 ? -1 : h.getValueAtPercentile(50), n == 0 ? -1 : h.getValueAtPercentile(90),
                n == 0 ? -1 : h.getValueAtPercentile(99), n == 0 ? -1 : h.getMaxValue(), n == 0 ? -1 : h.getMean(),
                firstStart == Long.MAX_VALUE ? -1 : firstStart, done && tasks > 0 ? lastFinish : -1,
                inRecords, inBytes, outRecords, outBytes, out);
    }

    private record Slow(TaskSummary task, long duration, int order) {}
}
