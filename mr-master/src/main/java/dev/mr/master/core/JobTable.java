package dev.mr.master.core;

import dev.mr.master.jobs.JobOutput;
import dev.mr.master.jobs.JobRecord;
import dev.mr.master.journal.JobJournal.EndedJob;
import dev.mr.protocol.ExecutorView;
import dev.mr.protocol.WorkerLoad;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the master edge keeps beside the scheduler: the record and output of every job
 * submitted in this run of the master ({@link LiveJob}), the final views of jobs that ended
 * before it started or were retired (their tasks are in the job history, if anywhere), the logs
 * of failed attempts, and notes on workers that the scheduler does not track.
 *
 * <p>Confined to the scheduler thread ({@link SchedulerLoop}), like the scheduler itself.
 */
final class JobTable {

    /** A job the scheduler knows. {@code ended} once its end is being journaled. */
    static final class LiveJob {
        final JobRecord record;
        final JobOutput output;
        boolean ended;
        /** Requests waiting for the job's end ({@code GET /jobs/{id}?waitMs=}); scheduler thread only. */
        final java.util.List<java.util.concurrent.CompletableFuture<Void>> endWaiters = new java.util.ArrayList<>();

        LiveJob(JobRecord record, JobOutput output) {
            this.record = record;
            this.output = output;
        }
    }

    /** Per worker id, over all its incarnations. */
    static final class WorkerNotes {
        /** The memory its tasks may use, as its last registration told; 0 when not told. */
        long memoryMb;
        WorkerLoad load;
        /** Its executors as its latest accepted heartbeat told. */
        List<ExecutorView> executors = List.of();
        long tasksRun;
        long tasksFailed;
    }

    private final Map<String, LiveJob> live = new LinkedHashMap<>();
    /** The live jobs that have ended, oldest end first. */
    private final ArrayDeque<LiveJob> endedLive = new ArrayDeque<>();
    private final Map<String, EndedJob> archived = new LinkedHashMap<>();
    private final Map<String, String> logs = new HashMap<>();
    private final Map<String, WorkerNotes> workers = new HashMap<>();

    void add(LiveJob job) {
        live.put(job.record.jobId(), job);
    }

    /** Forgets a live job the scheduler refused to take (a resumed job whose journal does not fit it). */
    void drop(String jobId) {
        live.remove(jobId);
    }

    LiveJob live(String jobId) {
        return live.get(jobId);
    }

    List<LiveJob> live() {
        return new ArrayList<>(live.values());
    }

    /**
     * Notes that a live job ended and returns the ended jobs beyond the newest {@code retained}
     * (oldest first), which stop being live here, their attempts' log tails dropped; the caller
     * archives their summaries and tells the scheduler.
     */
    List<LiveJob> ended(LiveJob job, int retained) {
        endedLive.add(job);
        List<LiveJob> out = new ArrayList<>();
        while (endedLive.size() > retained) {
            LiveJob old = endedLive.poll();
            String prefix = old.record.jobId() + "_";
            live.remove(old.record.jobId());
            logs.keySet().removeIf(attempt -> attempt.startsWith(prefix));
            out.add(old);
        }
        return out;
    }

    void archive(EndedJob job) {
        archived.put(job.view().jobId(), job);
    }

    EndedJob archived(String jobId) {
        return archived.get(jobId);
    }

    List<EndedJob> archived() {
        return new ArrayList<>(archived.values());
    }

    /** Keeps a failed attempt's log tail (the first report of it wins); true when it was new. */
    boolean keepLog(String attemptId, String log) {
        return logs.putIfAbsent(attemptId, log == null ? "" : log) == null;
    }

    /** The log tails kept for a job's attempts, by attempt id: a copy, for its history. */
    Map<String, String> logs(String jobId) {
        String prefix = jobId + "_";
        Map<String, String> out = new HashMap<>();
        logs.forEach((attempt, log) -> {
            if (attempt.startsWith(prefix) && !log.isEmpty()) out.put(attempt, log);
        });
        return out;
    }

    String log(String attemptId) {
        String l = logs.get(attemptId);
        return l == null || l.isEmpty() ? null : l;
    }

    WorkerNotes notes(String workerId) {
        return workers.computeIfAbsent(workerId, id -> new WorkerNotes());
    }
}
