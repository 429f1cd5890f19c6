package dev.mr.master.core;

import dev.mr.api.Counters;
import dev.mr.api.spi.AttemptId;
import dev.mr.master.history.HistoryStore;
import dev.mr.master.journal.JobJournal;
import dev.mr.master.scheduler.AttemptStatus;
import dev.mr.master.scheduler.Effect;
import dev.mr.master.scheduler.Event;
import dev.mr.master.scheduler.JobStatus;
import dev.mr.master.scheduler.TaskStatus;
import dev.mr.protocol.JobView;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out the scheduler's effects that are not answers to a worker: task and job commits
 * and job aborts run on the I/O pool (they are filesystem calls, dfs ones over HTTP) and report
 * back to the scheduler as events on its thread; log effects become log lines. When a job
 * reaches a final state (its commit reported, or its abort done), its tasks are written to the
 * job history, then its final view is journaled, its output closed and {@code onEnded} told its
 * id; the ended jobs beyond the newest {@code retainedJobs} are retired to their summaries (and
 * their history, which the master serves them from from then on).
 *
 * <p>The history file goes first so that a job the journal lists as ended has its tasks on
 * disk (unless they were beyond the history's bounds). A crash between the two leaves the file
 * of a job the journal lists as unfinished: the next start ends it as its journaled abort says
 * and serves it with that file, or resumes it and rewrites the file when it ends again.
 *
 * <p>{@link #accept} and the report-backs run on the scheduler thread; the I/O on the pool.
 */
final class JobEffects implements Consumer<Effect> {

    private static final Logger LOG = LoggerFactory.getLogger(JobEffects.class);

    private final SchedulerLoop loop;
    private final JobTable table;
    private final Executor io;
    private final JobJournal journal;
    private final HistoryStore history;
    private final Consumer<JobTable.LiveJob> onEnded;
    private final int retainedJobs;

    JobEffects(SchedulerLoop loop, JobTable table, Executor io, JobJournal journal, HistoryStore history, int retainedJobs,
               Consumer<JobTable.LiveJob> onEnded) {
        this.retainedJobs = retainedJobs;
        this.history = history;
        this.loop = loop;
        this.table = table;
        this.io = io;
        this.journal = journal;
        this.onEnded = onEnded;
    }

    @Override
    public void accept(Effect e) {
        if (e instanceof Effect.JournalMapOutput m) {
            journal.mapOutput(m.attempt().toString(), m.workerId(), m.address(), m.startTime(), m.finishTime(), asMap(m.counters()));
        } else if (e instanceof Effect.JournalMapOutputLost l) journal.mapOutputLost(l.attempt().toString());
        else if (e instanceof Effect.JournalAttemptFailed f) {
            journal.failed(f.attempt().toString(), f.workerId(), f.startTime(), f.finishTime(), f.error());
        } else if (e instanceof Effect.JournalAttemptLaunched l) {
            journal.launched(l.attempt().toString(), l.workerId(), l.address(), l.startTime());
        } else if (e instanceof Effect.CommitTask c) commitTask(c.attempt());
        else if (e instanceof Effect.CommitJob c) commitJob(c.jobId(), c.skippedMaps());
        else if (e instanceof Effect.AbortJob a) abortJob(a.jobId());
        else if (e instanceof Effect.LogIgnored l) LOG.info("ignored {} about {}: {}", l.source(), l.subject(), l.reason());
        else if (e instanceof Effect.LogWorkerLost l) LOG.warn("worker {} (incarnation {}) lost: {}", l.workerId(), l.incarnation(), l.reason());
        else LOG.warn("effect {} has no request to answer; dropped", e);
    }

    /**
     * Journals that the commit starts (so a restarted master asks it again rather than run the
     * task again), renames, journals that it is done, and only then tells the scheduler.
     */
    private void commitTask(AttemptId attempt) {
        JobTable.LiveJob job = table.live(attempt.task().jobId());
        AttemptStatus a = loop.scheduler().attempt(attempt).orElseThrow();
        runIo("commit of " + attempt, () -> {
            try {
                journal.commitStarted(attempt.toString(), a.workerId(), a.startTime(), a.finishTime(), asMap(a.counters()));
                job.output.commitTask(attempt);
                journal.taskCommitted(attempt.toString());
                LOG.info("committed {}", attempt);
                loop.post(() -> feed(now -> new Event.TaskCommitFinished(now, attempt)));
            } catch (Exception ex) {
                LOG.warn("commit of {} failed: {}", attempt, ex.toString());
                loop.post(() -> feed(now -> new Event.TaskCommitFailed(now, attempt, describe(ex))));
            }
        });
    }

    private void commitJob(String jobId, List<AttemptId> skippedMaps) {
        JobTable.LiveJob job = table.live(jobId);
        runIo("commit of " + jobId, () -> {
            try {
                job.output.commitJob(skippedMaps);
                LOG.info("committed job {} to {}", jobId, job.output.path());
                loop.post(() -> {
                    feed(now -> new Event.JobCommitFinished(now, jobId));
                    endIfFinal(job);
                });
            } catch (Exception ex) {
                LOG.warn("commit of job {} failed: {}", jobId, ex.toString());
                loop.post(() -> {
                    feed(now -> new Event.JobCommitFailed(now, jobId, describe(ex)));
                    endIfFinal(job);
                });
            }
        });
    }

    /** Journals the job's end as decided (a restarted master finishes the abort rather than resume it), then aborts. */
    private void abortJob(String jobId) {
        JobTable.LiveJob job = table.live(jobId);
        JobStatus s = loop.scheduler().job(jobId).orElseThrow();
        runIo("abort of " + jobId, () -> {
            try {
                journal.aborting(jobId, s.state().name(), s.diagnostics());
                job.output.abortJob();
                LOG.info("aborted the output of job {} ({})", jobId, job.output.path());
            } catch (Exception ex) {
                LOG.error("abort of job {} failed; its output {} may hold partial files: {}", jobId, job.output.path(), ex.toString());
            }
            loop.post(() -> endIfFinal(job));
        });
    }

    /** Scheduler thread: once the job is final, journal its end (on the pool) and release it. */
    void endIfFinal(JobTable.LiveJob job) {
        if (job.ended) return;
        JobStatus s = loop.scheduler().job(job.record.jobId()).orElseThrow();
        if (!s.phase().isFinal()) return;
        job.ended = true;
        for (CompletableFuture<Void> w : job.endWaiters) w.complete(null);
        job.endWaiters.clear();
        JobView view = SchedulerViews.job(s, job.record);
        // taken before a retirement (this job's too, when none are retained) drops the tasks
        List<TaskStatus> tasks = history.keeps() ? loop.scheduler().tasks(view.jobId()) : null;
        Map<String, String> logs = tasks == null ? null : table.logs(view.jobId());
        for (JobTable.LiveJob old : table.ended(job, retainedJobs)) retire(old);
        LOG.info("job {} {}{}", view.jobId(), view.state(), view.diagnostics() == null ? "" : ": " + firstLine(view.diagnostics()));
        runIo("journaling the end of " + view.jobId(), () -> {
            try {
                if (tasks != null) history.write(s, tasks, logs); // first: see the type comment
                journal.ended(view, job.record.spec());
            } catch (Exception ex) {
                LOG.error("could not journal the end of job {}; a restart will report it as interrupted: {}", view.jobId(), ex.toString());
            } finally {
                job.output.close();
                onEnded.accept(job);
            }
        });
    }

    /** Scheduler thread: keeps only the summary of an ended job, as for one that ended before a restart. */
    private void retire(JobTable.LiveJob old) {
        String id = old.record.jobId();
        table.archive(new JobJournal.EndedJob(SchedulerViews.job(loop.scheduler().job(id).orElseThrow(), old.record), old.record.spec()));
        feed(now -> new Event.JobRetired(now, id));
        LOG.info("job {} retired: the master keeps its summary, and its tasks only in the job history ({} ended jobs are kept whole)",
                id, retainedJobs);
    }

    private void feed(java.util.function.LongFunction<Event> event) {
        var stray = loop.feed(event);
        if (!stray.isEmpty()) LOG.warn("a commit report produced worker answers with no request to carry them: {}", stray);
    }

    private void runIo(String what, Runnable work) {
        try {
            io.execute(work);
        } catch (RejectedExecutionException e) {
            LOG.warn("{} not started: the master is stopping", what);
        }
    }

    private static Map<String, Map<String, Long>> asMap(Counters c) {
        return c == null ? null : c.asMap();
    }

    static String describe(Exception e) {
        return e.getMessage() == null ? e.toString() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private static String firstLine(String s) {
        int i = s.indexOf('\n');
        return i < 0 ? s : s.substring(0, i) + " ...";
    }
}
