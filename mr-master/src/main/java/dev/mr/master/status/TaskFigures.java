package dev.mr.master.status;

import dev.mr.api.TaskCounter;
import dev.mr.master.scheduler.TaskSummary;

/**
 * What a task read and wrote, from its successful attempt's framework counters: a map reads its
 * split ({@code MAP_INPUT_*}) and writes map output ({@code MAP_OUTPUT_*}), or, in a map-only job,
 * the job's output ({@code OUTPUT_*}; exactly one of the two is counted); a reduce reads what it
 * fetched ({@code REDUCE_INPUT_RECORDS}, {@code SHUFFLE_BYTES}) and writes output
 * ({@code OUTPUT_*}). The web page's task table applies the same rule to {@code TaskView.counters}.
 */
public final class TaskFigures {

    private TaskFigures() {}

    public static long inputRecords(TaskSummary t) {
        return t.taskId().map() ? t.counter(TaskCounter.MAP_INPUT_RECORDS) : t.counter(TaskCounter.REDUCE_INPUT_RECORDS);
    }

    public static long inputBytes(TaskSummary t) {
        return t.taskId().map() ? t.counter(TaskCounter.MAP_INPUT_BYTES) : t.counter(TaskCounter.SHUFFLE_BYTES);
    }

    public static long outputRecords(TaskSummary t) {
        long out = t.counter(TaskCounter.OUTPUT_RECORDS);
        return t.taskId().map() ? t.counter(TaskCounter.MAP_OUTPUT_RECORDS) + out : out;
    }

    public static long outputBytes(TaskSummary t) {
        long out = t.counter(TaskCounter.OUTPUT_BYTES);
        return t.taskId().map() ? t.counter(TaskCounter.MAP_OUTPUT_BYTES) + out : out;
    }

    /** How long the task has taken: from its first attempt's start to its end, or to {@code now} while not done; -1 before it started. */
    public static long duration(TaskSummary t, long now) {
        if (t.startTime() < 0) return -1;
        long end = t.finishTime() >= 0 ? t.finishTime() : now;
        return Math.max(0, end - t.startTime());
    }
}
