package dev.mr.master.history;

import dev.mr.api.TaskCounter;
import dev.mr.api.spi.AttemptId;
import dev.mr.api.spi.TaskId;
import dev.mr.master.scheduler.TaskSummary;
import dev.mr.master.status.PhaseStatistics;
import dev.mr.master.status.TaskQuery;
import dev.mr.master.status.TaskTable;
import dev.mr.master.status.TimelineLayout;
import dev.mr.protocol.AttemptView;
import dev.mr.protocol.JobStats;
import dev.mr.protocol.Page;
import dev.mr.protocol.TaskView;
import dev.mr.protocol.Timeline;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An ended job's history, ready to serve: the same task table, statistics, timeline and
 * attempts that the master computes for a job it holds in memory, by the same functions
 * ({@link TaskTable}, {@link PhaseStatistics}, {@link TimelineLayout}, {@link TaskViews}) over
 * task summaries built once from the file.
 *
 * <p>Immutable; any thread (the master computes its answers on the I/O pool).
 */
public final class JobDetail {

    private static final TaskCounter[] COUNTERS = TaskCounter.values();

    private final JobHistory history;
    private final List<TaskSummary> summaries;
    private final Map<String, JobHistory.Task> byId;

    /** {@link IllegalArgumentException} when the history holds a task or attempt that cannot be (a malformed id, no state). */
    public JobDetail(JobHistory history) {
        this.history = history;
        this.summaries = new ArrayList<>(history.tasks().size());
        this.byId = new HashMap<>(history.tasks().size() * 2);
        for (JobHistory.Task t : history.tasks()) {
            summaries.add(summary(t));
            byId.put(t.taskId(), t);
        }
    }

    public String jobId() {
        return history.jobId();
    }

    /** How many tasks it holds: what a cache weighs it by. */
    public int size() {
        return summaries.size();
    }

    public JobHistory history() {
        return history;
    }

    /** One page of its tasks, filtered and sorted as asked; {@code now} only matters for tasks that never finished. */
    public Page<TaskView> tasks(TaskQuery q, long now) {
        Page<TaskSummary> page = TaskTable.select(summaries, q, now);
        List<TaskView> items = new ArrayList<>(page.items().size());
        for (TaskSummary s : page.items()) items.add(TaskViews.task(byId.get(s.taskId().toString())));
        return new Page<>(items, page.offset(), page.limit(), page.total());
    }

    public JobStats stats(long now, int slowest) {
        return PhaseStatistics.of(history.jobId(), summaries, history.reduces() > 0, now, slowest);
    }

    /** Its attempts laid out from its submit to its finish time, at most {@code limit} bars. */
    public Timeline timeline(int limit) {
        return TimelineLayout.layout(history.jobId(), summaries, history.submitTime(), history.finishTime(), limit);
    }

    public Optional<AttemptView> attempt(AttemptId id) {
        JobHistory.Task t = byId.get(id.task().toString());
        if (t == null) return Optional.empty();
        for (JobHistory.Attempt a : t.attempts()) if (a.number() == id.attempt()) return Optional.of(TaskViews.attempt(t.taskId(), a));
        return Optional.empty();
    }

    /** What {@code TaskSummary.of} makes of the scheduler's task, from its record. */
    static TaskSummary summary(JobHistory.Task t) {
        if (t.state() == null) throw new IllegalArgumentException("task " + t.taskId() + " has no state");
        List<TaskSummary.AttemptSpan> spans = new ArrayList<>(t.attempts().size());
        int winner = -1;
        JobHistory.Attempt won = null;
        for (JobHistory.Attempt a : t.attempts()) {
            if (a.state() == null) throw new IllegalArgumentException("attempt " + t.taskId() + "_" + a.number() + " has no state");
            if (t.successfulAttempt() != null && a.number() == t.successfulAttempt()) {
                winner = spans.size();
                won = a;
            }
            spans.add(new TaskSummary.AttemptSpan(a.number(), a.worker(), a.startTime(), a.finishTime(), a.state(), a.backup(), a.dataLocal()));
        }
        long[] framework = new long[COUNTERS.length];
        Map<String, Long> group = won == null || won.counters() == null ? null : won.counters().get(TaskCounter.GROUP);
        if (group != null) {
            for (TaskCounter k : COUNTERS) {
                Long v = group.get(k.name());
                framework[k.ordinal()] = v == null ? 0 : v;
            }
        }
        return new TaskSummary(TaskId.parse(t.taskId()), t.state(), t.startTime(), t.finishTime(), winner, List.copyOf(spans), framework);
    }
}
