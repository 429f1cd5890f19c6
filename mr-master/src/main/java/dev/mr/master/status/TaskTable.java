package dev.mr.master.status;

import dev.mr.master.scheduler.TaskSummary;
import dev.mr.protocol.Page;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The job page's task table over a job of any size: filters a job's task summaries by type and
 * state, sorts them by one column, and returns one page. Ties (and {@code sort=task}) keep the
 * job's own order, maps then reduces by index, so paging through a sorted table never repeats
 * or skips a task. Tasks without a value (not started, no worker, no counters yet) sort as the
 * lowest. Stateless.
 */
public final class TaskTable {

    private TaskTable() {}

    /**
     * @param tasks the job's summaries in the job's order (maps then reduces)
     * @param now   the master's clock, where running tasks' durations end
     */
    public static Page<TaskSummary> select(List<TaskSummary> tasks, TaskQuery q, long now) {
        List<Indexed> matching = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            TaskSummary t = tasks.get(i);
            if (q.maps() != null && t.taskId().map() != q.maps()) continue;
            if (q.state() != null && t.state() != q.state()) continue;
            matching.add(new Indexed(t, i));
        }
        if (q.sort() != TaskSort.TASK || q.descending()) {
            Comparator<Indexed> c = column(q.sort(), now);
            if (q.descending()) c = c.reversed();
            matching.sort(c.thenComparingInt(Indexed::index));
        }
        int from = Math.min(q.offset(), matching.size());
        int to = Math.min(matching.size(), q.offset() + q.limit());
        List<TaskSummary> items = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) items.add(matching.get(i).task());
        return new Page<>(items, q.offset(), q.limit(), matching.size());
    }

    private record Indexed(TaskSummary task, int index) {}

    private static Comparator<Indexed> column(TaskSort sort, long now) {
        return switch (sort) {
            case TASK -> Comparator.comparingInt(Indexed::index);
            case STATE -> Comparator.comparingInt(i -> i.task().state().ordinal()); // lifecycle order
            case ATTEMPTS -> Comparator.comparingInt(i -> i.task().attempts().size());
            case WORKER -> Comparator.comparing(i -> worker(i.task()), Comparator.nullsFirst(Comparator.naturalOrder()));
            case START -> Comparator.comparingLong(i -> i.task().startTime());
            case DURATION -> Comparator.comparingLong(i -> TaskFigures.duration(i.task(), now));
            case INPUT_RECORDS -> Comparator.comparingLong(i -> TaskFigures.inputRecords(i.task()));
            case INPUT_BYTES -> Comparator.comparingLong(i -> TaskFigures.inputBytes(i.task()));
            case OUTPUT_RECORDS -> Comparator.comparingLong(i -> TaskFigures.outputRecords(i.task()));
            case OUTPUT_BYTES -> Comparator.comparingLong(i -> TaskFigures.outputBytes(i.task()));
            case LOCALITY -> Comparator.comparingInt(i -> locality(i.task()));
        };
    }

    private static String worker(TaskSummary t) {
        TaskSummary.AttemptSpan s = t.shown();
        return s == null ? null : s.workerId();
    }

    /** -1 not yet placed, 0 remote, 1 data-local. */
    private static int locality(TaskSummary t) {
        TaskSummary.AttemptSpan s = t.shown();
        return s == null ? -1 : s.dataLocal() ? 1 : 0;
    }
}
