package dev.mr.master.history;

import dev.mr.api.spi.TaskId;
import dev.mr.protocol.AttemptView;
import dev.mr.protocol.TaskView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The REST views of a task and its attempts, from the history's records. The master serves a
 * running job's tasks through here too (converted from the scheduler's snapshots with
 * {@link JobHistory.Task#of}), so an ended job answers the same JSON from memory and from its
 * history file. Stateless.
 */
public final class TaskViews {

    private TaskViews() {}

    /** A task with all its attempts; its worker, locality and counters are those of {@link JobHistory.Task#shown}. */
    public static TaskView task(JobHistory.Task t) {
        List<AttemptView> attempts = new ArrayList<>(t.attempts().size());
        for (JobHistory.Attempt a : t.attempts()) attempts.add(attempt(t.taskId(), a));
        JobHistory.Attempt shown = t.shown();
        Map<String, Map<String, Long>> counters = t.successfulAttempt() != null && shown != null ? shown.counters() : null;
        return new TaskView(t.taskId(), TaskId.parse(t.taskId()).map() ? "map" : "reduce", t.state().name(), t.startTime(), t.finishTime(),
                shown == null ? null : shown.worker(), shown == null ? null : shown.dataLocal(), attempts, counters);
    }

    /** One attempt, with its error and log tail when it failed. */
    public static AttemptView attempt(String taskId, JobHistory.Attempt a) {
        return new AttemptView(taskId + "_" + a.number(), a.state().name(), a.worker(), a.startTime(), a.finishTime(), a.progress(),
                a.dataLocal(), a.backup(), a.error(), a.log(), a.statusMessage());
    }
}
