package dev.mr.master.core;

import dev.mr.master.scheduler.TaskSummary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The last few jobs' task summaries, so that the requests of one refresh of the job page (task
 * table, statistics, timeline) share one snapshot instead of walking 100,000 tasks each. A
 * snapshot of a running job serves for {@value #MAX_AGE_MS} ms; one taken after its job ended
 * serves until evicted (a job's tasks never change after its end). At most {@value #MAX_JOBS}
 * jobs are kept, least recently used out first.
 *
 * <p>Confined to the scheduler thread, like the scheduler it snapshots.
 */
final class TaskSummaries {

    static final long MAX_AGE_MS = 1000;
    static final int MAX_JOBS = 4;

    private record Snapshot(List<TaskSummary> tasks, long takenAt, boolean ended) {}

    private final Map<String, Snapshot> snapshots = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Snapshot> eldest) {
            return size() > MAX_JOBS;
        }
    };

    /**
     * @param ended whether the job has ended by now
     * @param take  takes a fresh snapshot
     */
    List<TaskSummary> get(String jobId, boolean ended, long now, Supplier<List<TaskSummary>> take) {
        Snapshot s = snapshots.get(jobId);
        if (s != null && (s.ended() || (now - s.takenAt() >= 0 && now - s.takenAt() < MAX_AGE_MS))) return s.tasks();
        s = new Snapshot(take.get(), now, ended);
        snapshots.put(jobId, s);
        return s.tasks();
    }
}
