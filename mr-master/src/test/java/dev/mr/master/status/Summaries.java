package dev.mr.master.status;

import dev.mr.api.TaskCounter;
import dev.mr.api.spi.TaskId;
import dev.mr.master.scheduler.AttemptState;
import dev.mr.master.scheduler.TaskState;
import dev.mr.master.scheduler.TaskSummary;
import dev.mr.master.scheduler.TaskSummary.AttemptSpan;
import java.util.ArrayList;
import java.util.List;

/** Task summaries written out by hand, as a job's snapshot would give them, for the status classes' tests. */
final class Summaries {

    static final String JOB = "job_0001";

    private Summaries() {}

    static AttemptSpan span(int n, String worker, long start, long finish, AttemptState state) {
        return new AttemptSpan(n, worker, start, finish, state, false, true);
    }

    static AttemptSpan backup(int n, String worker, long start, long finish, AttemptState state) {
        return new AttemptSpan(n, worker, start, finish, state, true, false);
    }

    /** A task whose times follow from its attempts; the winner is its SUCCEEDED attempt, if any. */
    static TaskSummary task(boolean map, int index, TaskState state, long[] counters, AttemptSpan... attempts) {
        long start = attempts.length == 0 ? -1 : attempts[0].startTime();
        int winner = -1;
        for (int i = 0; i < attempts.length; i++) if (attempts[i].state() == AttemptState.SUCCEEDED) winner = i;
        long finish = -1;
        if (state == TaskState.SUCCEEDED) finish = attempts[winner].finishTime();
        if (state == TaskState.FAILED || state == TaskState.KILLED) finish = attempts[attempts.length - 1].finishTime();
        TaskId id = map ? TaskId.map(JOB, index) : TaskId.reduce(JOB, index);
        return new TaskSummary(id, state, start, finish, winner, List.of(attempts),
                counters == null ? new long[TaskCounter.values().length] : counters);
    }

    /** A map that succeeded in one attempt on {@code worker} from {@code start} to {@code finish}. */
    static TaskSummary doneMap(int index, String worker, long start, long finish) {
        return task(true, index, TaskState.SUCCEEDED, null, span(0, worker, start, finish, AttemptState.SUCCEEDED));
    }

    static long[] counters(Object... counterValuePairs) {
        long[] v = new long[TaskCounter.values().length];
        for (int i = 0; i < counterValuePairs.length; i += 2) {
            v[((TaskCounter) counterValuePairs[i]).ordinal()] = ((Number) counterValuePairs[i + 1]).longValue();
        }
        return v;
    }

    static List<String> ids(List<TaskSummary> tasks) {
        List<String> out = new ArrayList<>();
        for (TaskSummary t : tasks) out.add(t.taskId().toString());
        return out;
    }
}
