package dev.mr.master.scheduler;

import dev.mr.api.Counters;
import dev.mr.api.spi.AttemptId;

/**
 * A snapshot of an attempt, for the web page.
 *
 * @param finishTime when it stopped running (finished its work, failed or was killed), -1 while running
 * @param error why it failed or was killed, null otherwise
 * @param counters what it reported when it finished its work, null before
 * @param skipMode launched in skip mode (its task had failed {@code mr.skip.start.attempts} times)
 * @param statusMessage its task's latest status message as reported, null when none came
 */
public record AttemptStatus(
        AttemptId attemptId,
        AttemptState state,
        String workerId,
        long workerIncarnation,
        long startTime,
        long finishTime,
        boolean dataLocal,
        boolean backup,
        double progress,
        String error,
        Counters counters,
        boolean skipMode,
        String statusMessage) {

    static AttemptStatus of(Attempt a) {
        return new AttemptStatus(a.id, a.state(), a.worker.id, a.incarnation, a.startTime, a.finishTime, a.dataLocal,
                a.backup, a.progress, a.error, a.counters == null ? null : new Counters().addAll(a.counters), a.skipMode,
                a.statusMessage);
    }
}
