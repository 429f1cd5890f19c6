package dev.mr.protocol;

/**
 * One attempt of a task.
 *
 * @param error for a failed attempt: the exception with its stack trace
 * @param log   for a failed attempt: the tail of its log
 * @param statusMessage the latest status message its task set ({@code context.status}, streaming's
 *              {@code reporter:status:}), kept after it ended; null when it set none
 */
public record AttemptView(String attemptId, String state, String worker, long startTime, long finishTime,
                          double progress, boolean dataLocal, boolean backup, String error, String log, String statusMessage) {

    public AttemptView(String attemptId, String state, String worker, long startTime, long finishTime,
                       double progress, boolean dataLocal, boolean backup, String error, String log) {
        this(attemptId, state, worker, startTime, finishTime, progress, dataLocal, backup, error, log, null);
    }
}
