package dev.mr.master.history;

import dev.mr.master.scheduler.AttemptState;
import dev.mr.master.scheduler.AttemptStatus;
import dev.mr.master.scheduler.JobStatus;
import dev.mr.master.scheduler.TaskState;
import dev.mr.master.scheduler.TaskStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * An ended job's tasks and their attempts as the scheduler last held them, with the log tails
 * workers sent for failed attempts: what the task, statistics, timeline and attempt endpoints
 * serve, and what a history file holds ({@link HistoryFormat} writes this record as JSON). It is
 * a value of its own rather than the scheduler's snapshot types so that the file format changes
 * only when this record does. {@link TaskViews} turns its tasks into the REST views, for live
 * jobs too, so a job's page is the same before and after a restart.
 *
 * <p>Immutable once made; any thread.
 *
 * @param format     {@link HistoryFormat#VERSION} of the master that wrote it
 * @param submitTime the scheduler's submit time of the job: where its timeline starts
 * @param finishTime when it ended: where its timeline ends, and its place in the history's order
 * @param tasks      maps then reduces, by index (the job's order, which the task table pages through)
 */
public record JobHistory(int format, String jobId, long submitTime, long finishTime, int maps, int reduces, List<Task> tasks) {

    /**
     * One task.
     *
     * @param successfulAttempt the number of the attempt whose output and counters count; null unless SUCCEEDED
     */
    public record Task(String taskId, TaskState state, long startTime, long finishTime, int failedAttempts, int workerDeaths,
                       Integer successfulAttempt, String lastError, List<String> badRecords, List<Attempt> attempts) {

        /** The scheduler's snapshot of a task, with the log tails kept for its attempts ({@code logs} by attempt id, null for none). */
        public static Task of(TaskStatus t, Function<String, String> logs) {
            List<Attempt> attempts = new ArrayList<>(t.attempts().size());
            for (AttemptStatus a : t.attempts()) attempts.add(Attempt.of(a, logs.apply(a.attemptId().toString())));
            return new Task(t.taskId().toString(), t.state(), t.startTime(), t.finishTime(), t.failedAttempts(), t.workerDeaths(),
                    t.successfulAttempt() == null ? null : t.successfulAttempt().attempt(), t.lastError(), t.badRecords(), attempts);
        }

        /** The attempt a listing shows: the successful one, else the latest; null before the first. */
        public Attempt shown() {
            for (Attempt a : attempts) if (successfulAttempt != null && a.number() == successfulAttempt) return a;
            return successfulAttempt != null || attempts.isEmpty() ? null : attempts.get(attempts.size() - 1);
        }
    }

    /**
     * One attempt of a task.
     *
     * @param error    why it failed or was killed (for a failure, the exception with its stack trace), null otherwise
     * @param log      the tail of its log as its worker reported it with a failure, null when none came
     * @param counters what it reported when it finished its work, by group and name; null before
     * @param statusMessage its task's latest status message as reported, null when none came (or in an older history file)
     */
    public record Attempt(int number, AttemptState state, String worker, long incarnation, long startTime, long finishTime,
                          boolean dataLocal, boolean backup, double progress, String error, String log,
                          Map<String, Map<String, Long>> counters, boolean skipMode, String statusMessage) {

        public Attempt(int number, AttemptState state, String worker, long incarnation, long startTime, long finishTime,
                       boolean dataLocal, boolean backup, double progress, String error, String log,
                       Map<String, Map<String, Long>> counters, boolean skipMode) {
            this(number, state, worker, incarnation, startTime, finishTime, dataLocal, backup, progress, error, log, counters, skipMode, null);
        }

        /** The scheduler's snapshot of an attempt, with its log tail (null or empty for none). */
        public static Attempt of(AttemptStatus a, String log) {
            return new Attempt(a.attemptId().attempt(), a.state(), a.workerId(), a.workerIncarnation(), a.startTime(), a.finishTime(),
                    a.dataLocal(), a.backup(), a.progress(), a.error(), log == null || log.isEmpty() ? null : log,
                    a.counters() == null ? null : a.counters().asMap(), a.skipMode(), a.statusMessage());
        }
    }

    public JobHistory {
        tasks = List.copyOf(tasks);
    }

    /**
     * An ended job from the scheduler's snapshots. Converting 100,000 tasks takes a while, so call
     * it off the scheduler thread: the snapshots are immutable, and {@code logs} a copy.
     *
     * @param logs the log tails of the job's attempts, by attempt id (only those the master kept)
     */
    public static JobHistory of(JobStatus job, List<TaskStatus> tasks, Map<String, String> logs) {
        List<Task> out = new ArrayList<>(tasks.size());
        for (TaskStatus t : tasks) out.add(Task.of(t, logs::get));
        return new JobHistory(HistoryFormat.VERSION, job.jobId(), job.submitTime(), job.finishTime(), job.maps(), job.reduces(), out);
    }
}
