package dev.mr.protocol;

/**
 * One attempt of a task.
 *
 * @param error for a failed attempt: the exception with its stack trace
 * @param log   for a failed attempt: the tail of its log
 */
public record AttemptView(String attemptId, String state, String worker, long startTime, long finishTime,
                          double progress, boolean dataLocal, boolean backup, String error, String log) {}
