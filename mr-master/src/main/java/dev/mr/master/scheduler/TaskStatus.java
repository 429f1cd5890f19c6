package dev.mr.master.scheduler;

import dev.mr.api.spi.AttemptId;
import dev.mr.api.spi.TaskId;
import java.util.ArrayList;
import java.util.List;

/**
 * A snapshot of a task and its attempts, for the web page.
 *
 * @param startTime when its first attempt started, -1 before
 * @param finishTime when it last succeeded, failed or was killed, -1 while not done
 * @param successfulAttempt the attempt whose output and counters count, null unless SUCCEEDED
 * @param lastError the error of its last failed attempt, null if none failed
 * @param badRecords records its skip-mode attempts died on, in the order reported: what its next attempt skips
 */
public record TaskStatus(
        TaskId taskId,
        TaskState state,
        long startTime,
        long finishTime,
        int failedAttempts,
        int workerDeaths,
        AttemptId successfulAttempt,
        String lastError,
        List<AttemptStatus> attempts,
        List<String> badRecords) {

    static TaskStatus of(Task t) {
        List<AttemptStatus> attempts = new ArrayList<>(t.attempts.size());
        for (Attempt a : t.attempts) attempts.add(AttemptStatus.of(a));
        return new TaskStatus(t.id, t.state(), t.startTime, t.finishTime, t.failures, t.workerDeaths,
                t.winner == null ? null : t.winner.id, t.lastError, List.copyOf(attempts), t.badRecords());
    }
}
