package dev.mr.master.core;

import dev.mr.master.journal.JobJournal;
import dev.mr.master.scheduler.JobStatus;
import dev.mr.master.scheduler.TaskState;
import dev.mr.master.scheduler.TaskStatus;
import dev.mr.master.scheduler.WorkerStatus;
import dev.mr.master.jobs.JobIds;
import dev.mr.protocol.JobSpec;
import dev.mr.protocol.JobView;
import dev.mr.protocol.Page;
import dev.mr.protocol.TaskView;
import dev.mr.protocol.WorkerView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * The read side of the REST API: jobs (those of this run from the scheduler, earlier ones
 * from the journal), a job's tasks with their attempts, specs and workers, as protocol views.
 * Each query runs on the scheduler thread and answers with a fresh snapshot; an unknown job is
 * a 404 {@link Refusal}, a malformed filter a 400.
 */
final class JobQueries {

    /** The most items one page holds. */
    static final int MAX_LIMIT = 1000;

    /** Running jobs first, then the newest first. */
    static final Comparator<JobView> LISTING = Comparator
            .comparing((JobView v) -> isFinal(v.state()))
            .thenComparing(JobView::submitTime, Comparator.reverseOrder())
            .thenComparing(v -> JobIds.number(v.jobId()), Comparator.reverseOrder());

    private final SchedulerLoop loop;
    private final JobTable table;

    JobQueries(SchedulerLoop loop, JobTable table) {
        this.loop = loop;
        this.table = table;
    }

    CompletableFuture<Page<JobView>> jobs(int offset, int limit) {
        checkPage(offset, limit);
        return loop.call(() -> {
            List<JobView> all = new ArrayList<>();
            for (JobJournal.EndedJob e : table.archived()) all.add(e.view());
            for (JobStatus s : loop.scheduler().jobs()) all.add(Views.job(s, table.live(s.jobId()).record));
            all.sort(LISTING);
            return page(all, offset, limit);
        });
    }

    CompletableFuture<JobView> job(String jobId) {
        return loop.call(() -> {
            JobTable.LiveJob live = table.live(jobId);
            if (live != null) return Views.job(loop.scheduler().job(jobId).orElseThrow(), live.record);
            return requireArchived(jobId).view();
        });
    }

    CompletableFuture<JobSpec> spec(String jobId) {
        return loop.call(() -> {
            JobTable.LiveJob live = table.live(jobId);
            return live != null ? live.record.spec() : requireArchived(jobId).spec();
        });
    }

    /**
     * @param type  {@code map}, {@code reduce}, or null for both
     * @param state a {@link TaskState} name (any case), or null for all
     */
    CompletableFuture<Page<TaskView>> tasks(String jobId, String type, String state, int offset, int limit) {
        checkPage(offset, limit);
        Boolean maps = type == null || type.isEmpty() ? null : switch (type.toLowerCase(Locale.ROOT)) {
            case "map" -> Boolean.TRUE;
            case "reduce" -> Boolean.FALSE;
            default -> throw Refusal.badRequest("type=" + type + " is not a task type; use map or reduce");
        };
        TaskState wanted = state == null || state.isEmpty() ? null : taskState(state);
        return loop.call(() -> {
            if (table.live(jobId) == null) {
                requireArchived(jobId);
                return new Page<>(List.of(), offset, limit, 0);
            }
            List<TaskStatus> matching = new ArrayList<>();
            for (TaskStatus t : loop.scheduler().tasks(jobId)) {
                if (maps != null && t.taskId().map() != maps) continue;
                if (wanted != null && t.state() != wanted) continue;
                matching.add(t);
            }
            List<TaskView> items = new ArrayList<>();
            for (int i = offset; i < Math.min(matching.size(), offset + limit); i++) items.add(Views.task(matching.get(i), table));
            return new Page<>(items, offset, limit, matching.size());
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

    private static TaskState taskState(String s) {
        try {
            return TaskState.valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Refusal.badRequest("state=" + s + " is not a task state; use one of " + java.util.Arrays.toString(TaskState.values()));
        }
    }

    private static void checkPage(int offset, int limit) {
        if (offset < 0) throw Refusal.badRequest("offset=" + offset + " must be 0 or more");
        if (limit < 1 || limit > MAX_LIMIT) throw Refusal.badRequest("limit=" + limit + " must lie between 1 and " + MAX_LIMIT);
    }

    private static <T> Page<T> page(List<T> all, int offset, int limit) {
        List<T> items = offset >= all.size() ? List.of() : List.copyOf(all.subList(offset, Math.min(all.size(), offset + limit)));
        return new Page<>(items, offset, limit, all.size());
    }

    private static boolean isFinal(String state) {
        return state.equals("SUCCEEDED") || state.equals("FAILED") || state.equals("KILLED");
    }
}
