package dev.mr.protocol;

/**
 * One attempt on the timeline.
 *
 * @param phase  {@code map} or {@code reduce}
 * @param state  the attempt's state (RUNNING, COMMITTING, SUCCEEDED, FAILED, KILLED)
 * @param offset where it starts, in milliseconds after the timeline's start
 * @param length how long it ran (up to the timeline's end while it runs), at least 0
 */
public record TimelineBar(String attemptId, String phase, String state, boolean backup, int lane, long offset, long length) {}
