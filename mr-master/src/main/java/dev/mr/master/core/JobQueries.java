package dev.mr.master.core;

import dev.mr.api.spi.AttemptId;
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
import java.util.concurrent.TimeUnit;

/**
 * The read side of the REST API: jobs (those of this run from the scheduler, earlier ones
 * from the journal), a job's tasks with their attempts, its statistics and timeline, specs and
 * workers, as protocol views. Each query runs on the scheduler thread and answers with a fresh
 * snapshot (a job's task summaries may be up to {@link TaskSummaries#MAX_AGE_MS} old); an
 * unknown job is a 404 {@link Refusal}, a malformed parameter a 400.
 */
final class JobQueries {

    /** Slowest tasks listed per phase. */
    static final int SLOWEST = 10;

    private final SchedulerLoop loop;
    private final JobTable table;
    private final TaskSummaries summaries = new TaskSummaries();

    JobQueries(SchedulerLoop loop, JobTable table) {
        this.loop = loop;
        this.table = table;
    }

    /** @param state a job state, {@code active}, or null for all */
    CompletableFuture<Page<JobView>> jobs(String state, int offset, int limit) {
        checked(() -> JobListing.select(List.of(), state, offset, limit)); // refuse a bad request before queueing it
        return loop.call(() -> {
            List<JobView> all = new ArrayList<>();
            for (JobJournal.EndedJob e : table.archived()) all.add(e.view());
            for (JobStatus s : loop.scheduler().jobs()) all.add(Views.job(s, table.live(s.jobId()).record));
            return JobListing.select(all, state, offset, limit);
        });
    }

    CompletableFuture<JobView> job(String jobId) {
        return loop.call(() -> {
            JobTable.LiveJob live = table.live(jobId);
            if (live != null) return Views.job(loop.scheduler().job(jobId).orElseThrow(), live.record);
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
            if (live == null || live.ended) end.complete(null);
            else live.endWaiters.add(end);
            return end;
        }).thenCompose(f -> f.completeOnTimeout(null, waitMs, TimeUnit.MILLISECONDS)).thenCompose(v -> {
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
                requireArchived(jobId);
                return new Page<>(List.of(), q.offset(), q.limit(), 0);
            }
            Page<TaskSummary> page = TaskTable.select(summaries(jobId), q, loop.now());
            List<TaskView> items = new ArrayList<>(page.items().size());
            for (TaskSummary t : page.items()) {
                TaskStatus s = loop.scheduler().task(t.taskId()).orElseThrow();
                items.add(Views.task(s, table));
            }
            return new Page<>(items, page.offset(), page.limit(), page.total());
        });
    }

    /** Per-phase percentiles and slowest tasks; no phases' figures for a job that ended before this run of the master. */
    CompletableFuture<JobStats> stats(String jobId) {
        return loop.call(() -> {
            JobTable.LiveJob live = table.live(jobId);
            if (live == null) {
                requireArchived(jobId);
                return new JobStats(jobId, loop.now(), List.of());
            }
            return PhaseStatistics.of(jobId, summaries(jobId), live.record.reduces() > 0, loop.now(), SLOWEST);
        });
    }

    /** The timeline of at most {@code limit} attempts; empty for a job that ended before this run of the master. */
    CompletableFuture<Timeline> timeline(String jobId, int limit) {
        if (limit < 1 || limit > TIMELINE_MAX) throw Refusal.badRequest("limit=" + limit + " must lie between 1 and " + TIMELINE_MAX);
        return loop.call(() -> {
            JobTable.LiveJob live = table.live(jobId);
            if (live == null) {
                JobView v = requireArchived(jobId).view();
                return new Timeline(jobId, v.submitTime(), Math.max(v.submitTime(), v.finishTime()), 0, 0, List.of());
            }
            JobStatus s = loop.scheduler().job(jobId).orElseThrow();
            long end = s.finishTime() >= 0 ? s.finishTime() : loop.now();
            return TimelineLayout.layout(jobId, summaries(jobId), s.submitTime(), end, limit);
        });
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
                requireArchived(jobId);
                throw Refusal.notFound("job " + jobId + " ended before the master restarted or was retired ("
                        + MasterSettings.RETAINED_JOBS + "); its attempts are not kept");
            }
            AttemptStatus a = loop.scheduler().attempt(id).orElseThrow(() -> Refusal.notFound("no attempt " + attemptId + " in job " + jobId));
            return Views.attempt(a, table);
        });
    }

    CompletableFuture<List<WorkerView>> workers() {
        return loop.call(() -> {
            List<WorkerView> out = new ArrayList<>();
            for (WorkerStatus w : loop.scheduler().workers()) out.add(Views.worker(w, table.notes(w.workerId())));
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
