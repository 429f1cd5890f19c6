package dev.mr.master.scheduler;

import dev.mr.api.Counters;
import dev.mr.api.TaskCounter;
import dev.mr.api.spi.TaskId;
import java.util.ArrayList;
import java.util.List;

/**
 * A light snapshot of a task, for pages over jobs of 100,000 tasks (the task table's sorting,
 * phase statistics, the timeline): its attempts as spans, and of the counters of the attempt
 * that counts only the framework's ({@link TaskCounter}). Unlike {@link TaskStatus} it copies
 * no counter maps, so a whole job's summaries are cheap to take on the scheduler's thread.
 *
 * @param winner     the index in {@code attempts} of the successful attempt, -1 unless SUCCEEDED
 * @param framework  the winner's {@link TaskCounter} values by ordinal; all 0 without a winner
 *                   (read them with {@link #counter}; do not change the array)
 */
public record TaskSummary(TaskId taskId, TaskState state, long startTime, long finishTime, int winner,
                          List<AttemptSpan> attempts, long[] framework) {

    private static final TaskCounter[] COUNTERS = TaskCounter.values();

    /** One attempt as a span of time on a worker. {@code finishTime} is -1 while it runs. */
    public record AttemptSpan(int number, String workerId, long startTime, long finishTime, AttemptState state,
                              boolean backup, boolean dataLocal) {}

    public long counter(TaskCounter c) {
        return framework[c.ordinal()];
    }

    /** The attempt a listing shows: the winner, else the latest; null before the first attempt. */
    public AttemptSpan shown() {
        if (winner >= 0) return attempts.get(winner);
        return attempts.isEmpty() ? null : attempts.get(attempts.size() - 1);
    }

    static TaskSummary of(Task t) {
        List<AttemptSpan> spans = new ArrayList<>(t.attempts.size());
        int winner = -1;
        for (int i = 0; i < t.attempts.size(); i++) {
            Attempt a = t.attempts.get(i);
            if (a == t.winner) winner = i;
            spans.add(new AttemptSpan(a.id.attempt(), a.worker.id, a.startTime, a.finishTime, a.state(), a.backup, a.dataLocal));
        }
        long[] values = new long[COUNTERS.length];
        Counters c = t.winner == null ? null : t.winner.counters;
        if (c != null) for (TaskCounter k : COUNTERS) values[k.ordinal()] = c.get(k);
        return new TaskSummary(t.id, t.state(), t.startTime, t.finishTime, winner, List.copyOf(spans), values);
    }
}
