package dev.mr.master.core;

import dev.mr.api.spi.AttemptId;
import dev.mr.master.history.HistoryCache;
import dev.mr.master.history.HistoryLookup;
import dev.mr.master.history.JobDetail;
import dev.mr.master.history.JobHistory;
import dev.mr.master.history.TaskViews;
import dev.mr.master.journal.JobJournal;
import dev.mr.master.scheduler.AttemptStatus;
import dev.mr.master.scheduler.JobStatus;
import dev.mr.master.scheduler.TaskStatus;
import dev.mr.master.scheduler.TaskSummary;
import dev.mr.master.scheduler.WorkerStatus;
import dev.mr.master.status.JobListing;
import dev.mr.master.status.PhaseStatistics;
import dev.mr.master.status.TaskQuery;
import dev.mr.master.status.TaskTable;
import dev.mr.master.status.TimelineLayout;
import dev.mr.protocol.AttemptView;
import dev.mr.protocol.JobSpec;
import dev.mr.protocol.JobStats;
import dev.mr.protocol.JobView;
import dev.mr.protocol.Page;
import dev.mr.protocol.TaskView;
import dev.mr.protocol.Timeline;
import dev.mr.protocol.WorkerView;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The read side of the REST API: jobs (those of this run from the scheduler, earlier ones
 * from the journal), a job's tasks with their attempts, its statistics and timeline, specs and
 * workers, as protocol views. Each query runs on the scheduler thread and answers with a fresh
 * snapshot (a job's task summaries may be up to {@link TaskSummaries#MAX_AGE_MS} old); an
 * unknown job is a 404 {@link Refusal}, a malformed parameter a 400.
 *
 * <p>A job the scheduler no longer holds (it ended before this run of the master, or was
 * retired) is answered from its job history: loaded and computed on the I/O pool by the same
 * functions, so its page is the one it had while held. Without history, its tasks are empty,
 * its statistics carry a note saying why, and its attempts are a 404 saying the same.
 */
final class JobQueries {

    /** Slowest tasks listed per phase. */
    static final int SLOWEST = 10;

    private final SchedulerLoop loop;
    private final JobTable table;
    private final TaskSummaries summaries = new TaskSummaries();
    private final HistoryCache history;
    private final LongSupplier clock;
    private final Executor io;

    /** @param io where answers from the history are computed, off the scheduler thread */
    JobQueries(SchedulerLoop loop, JobTable table, HistoryCache history, LongSupplier clock, Executor io) {
        this.loop = loop;
        this.table = table;
        this.history = history;
        this.clock = clock;
        this.io = io;
    }

    /** @param state a job state, {@code active}, or null for all */
    CompletableFuture<Page<JobView>> jobs(String state, int offset, int limit) {
        checked(() -> JobListing.select(List.of(), state, offset, limit)); // refuse a bad request before queueing it
        return loop.call(() -> {
            List<JobView> all = new ArrayList<>();
            for (JobJournal.EndedJob e : table.archived()) all.add(e.view());
            for (JobStatus s : loop.scheduler().jobs()) all.add(SchedulerViews.job(s, table.live(s.jobId()).record));
            return JobListing.select(all, state, offset, limit);
        });
    }

    CompletableFuture<JobView> job(String jobId) {
        return loop.call(() -> {
            JobTable.LiveJob live = table.live(jobId);
            if (live != null) return SchedulerViews.job(loop.scheduler().job(jobId).orElseThrow(), live.record);
            return requireArchived(jobId).view();
        });
    }

    /**
     * The job's view as soon as it has ended, or after {@code waitMs} if it has not: a client
     * following a job learns of its end at once, without polling fast. The wait holds no thread.
     */
    CompletableFuture<JobView> jobAtEnd(String jobId, long waitMs) {
        if (waitMs <= 0) return job(jobId);
        CompletableFuture<Void> end = new CompletableFuture<>();
        return loop.call(() -> {
            JobTable.LiveJob live = table.live(jobId);
            if (live == null || live.ended) {
                end.complete(null);
            } else {
                live.endWaiters.add(end);
                loop.after(waitMs, () -> end.complete(null));
            }
            return end;
        }).thenCompose(f -> f).thenCompose(v -> {
            loop.post(() -> {
                JobTable.LiveJob live = table.live(jobId);
                if (live != null) live.endWaiters.remove(end);
            });
            return job(jobId);
        });
    }

    CompletableFuture<JobSpec> spec(String jobId) {
        return loop.call(() -> {
            JobTable.LiveJob live = table.live(jobId);
            return live != null ? live.record.spec() : requireArchived(jobId).spec();
        });
    }

    /** One page of a job's tasks, filtered and sorted as asked, each with all its attempts. */
    CompletableFuture<Page<TaskView>> tasks(String jobId, TaskQuery q) {
        return loop.call(() -> {
            if (table.live(jobId) == null) {
                return fromHistory(jobId, d -> d.tasks(q, clock.getAsLong()),
                        note -> new Page<TaskView>(List.of(), q.offset(), q.limit(), 0));
            }
            Page<TaskSummary> page = TaskTable.select(summaries(jobId), q, loop.now());
            List<TaskView> items = new ArrayList<>(page.items().size());
            for (TaskSummary t : page.items()) {
                TaskStatus s = loop.scheduler().task(t.taskId()).orElseThrow();
                items.add(TaskViews.task(JobHistory.Task.of(s, table::log)));
            }
            return CompletableFuture.completedFuture(new Page<>(items, page.offset(), page.limit(), page.total()));
        }).thenCompose(f -> f);
    }

    /** Per-phase percentiles and slowest tasks; for a job without history, no phases but a note saying why. */
    CompletableFuture<JobStats> stats(String jobId) {
        return loop.call(() -> {
            JobTable.LiveJob live = table.live(jobId);
            if (live == null) {
                return fromHistory(jobId, d -> d.stats(clock.getAsLong(), SLOWEST),
                        note -> new JobStats(jobId, clock.getAsLong(), List.of(), note));
            }
            JobStats stats = PhaseStatistics.of(jobId, summaries(jobId), live.record.reduces() > 0, loop.now(), SLOWEST);
            return CompletableFuture.completedFuture(stats);
        }).thenCompose(f -> f);
    }

    /** The timeline of at most {@code limit} attempts; empty for a job without history. */
    CompletableFuture<Timeline> timeline(String jobId, int limit) {
        if (limit < 1 || limit > TIMELINE_MAX) throw Refusal.badRequest("limit=" + limit + " must lie between 1 and " + TIMELINE_MAX);
        return loop.call(() -> {
            JobTable.LiveJob live = table.live(jobId);
            if (live == null) {
                JobView v = requireArchived(jobId).view();
                return fromHistory(jobId, d -> d.timeline(limit),
                        note -> new Timeline(jobId, v.submitTime(), Math.max(v.submitTime(), v.finishTime()), 0, 0, List.of()));
            }
            JobStatus s = loop.scheduler().job(jobId).orElseThrow();
            long end = s.finishTime() >= 0 ? s.finishTime() : loop.now();
            return CompletableFuture.completedFuture(TimelineLayout.layout(jobId, summaries(jobId), s.submitTime(), end, limit));
        }).thenCompose(f -> f);
    }

    /** The most bars one timeline draws. */
    static final int TIMELINE_MAX = 20_000;

    /** One attempt of a job, with its error, stack trace and log tail when it failed. */
    CompletableFuture<AttemptView> attempt(String jobId, String attemptId) {
        AttemptId id;
        try {
            id = AttemptId.parse(attemptId);
        } catch (IllegalArgumentException e) {
            throw Refusal.badRequest("'" + attemptId + "' is not an attempt id (job_0001_m_000003_0)");
        }
        if (!id.task().jobId().equals(jobId)) throw Refusal.notFound("attempt " + attemptId + " is not one of job " + jobId);
        return loop.call(() -> {
            if (table.live(jobId) == null) {
                return fromHistory(jobId, d -> d.attempt(id).orElseThrow(() -> noAttempt(attemptId, jobId)), note -> {
                    throw Refusal.notFound("the attempts of job " + jobId + " are not kept: " + note);
                });
            }
            AttemptStatus a = loop.scheduler().attempt(id).orElseThrow(() -> noAttempt(attemptId, jobId));
            AttemptView view = TaskViews.attempt(id.task().toString(), JobHistory.Attempt.of(a, table.log(id.toString())));
            return CompletableFuture.completedFuture(view);
        }).thenCompose(f -> f);
    }

    CompletableFuture<List<WorkerView>> workers() {
        return loop.call(() -> {
            List<WorkerView> out = new ArrayList<>();
            for (WorkerStatus w : loop.scheduler().workers()) out.add(SchedulerViews.worker(w, table.notes(w.workerId())));
            return out;
        });
    }

    /** Scheduler thread: the job of this run, or a 404 (409 for a job that ended before the master restarted). */
    JobTable.LiveJob requireLive(String jobId) {
        JobTable.LiveJob live = table.live(jobId);
        if (live != null) return live;
        JobJournal.EndedJob e = requireArchived(jobId);
        throw Refusal.conflict("job " + jobId + " already ended: " + e.view().state());
    }

    private static Refusal noAttempt(String attemptId, String jobId) {
        return Refusal.notFound("no attempt " + attemptId + " in job " + jobId);
    }

    /**
     * Scheduler thread: the answer for an ended job the scheduler no longer holds (a 404 for an
     * unknown one), made on the I/O pool from its history: {@code kept} of its detail, or
     * {@code notKept} of the note saying why there is none.
     */
    private <T> CompletableFuture<T> fromHistory(String jobId, Function<JobDetail, T> kept, Function<String, T> notKept) {
        requireArchived(jobId);
        return history.get(jobId).thenApplyAsync(found -> found instanceof HistoryLookup.Kept k ? kept.apply(k.detail())
                : notKept.apply(((HistoryLookup.NotKept) found).note()), io);
    }

    private JobJournal.EndedJob requireArchived(String jobId) {
        JobJournal.EndedJob e = table.archived(jobId);
        if (e == null) throw Refusal.notFound("no job " + jobId + " on this master");
        return e;
    }

    /** Scheduler thread: the job's task summaries, shared by the requests of one page refresh. */
    private List<TaskSummary> summaries(String jobId) {
        JobStatus s = loop.scheduler().job(jobId).orElseThrow();
        return summaries.get(jobId, s.state().isFinal(), loop.now(), () -> loop.scheduler().taskSummaries(jobId));
    }

    /** Runs a check of the pure status classes, turning its complaint into a 400. */
    static void checked(Runnable check) {
        try {
            check.run();
        } catch (IllegalArgumentException e) {
            throw Refusal.badRequest(e.getMessage());
        }
    }
}
