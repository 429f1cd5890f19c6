package dev.mr.protocol;

/** A task among its phase's slowest: {@code duration} in milliseconds, up to now while it runs. */
public record SlowTask(String taskId, String state, String worker, long startTime, long duration, int attempts) {}
