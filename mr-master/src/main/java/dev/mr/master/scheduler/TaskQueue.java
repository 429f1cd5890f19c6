package dev.mr.master.scheduler;

import java.util.ArrayDeque;

/**
 * Tasks waiting for an attempt, re-runs before first runs (as in Hadoop: a re-run holds up its job
 * more than a task never tried), each in the order it was queued. Removal is lazy: a task may sit
 * here after it left WAITING (assigned through another queue); polling skips it.
 */
final class TaskQueue {

    private final ArrayDeque<Task> reruns = new ArrayDeque<>();
    private final ArrayDeque<Task> firstRuns = new ArrayDeque<>();

    void addFirstRun(Task t) {
        firstRuns.addLast(t);
    }

    void addRerun(Task t) {
        reruns.addLast(t);
    }

    /** The next WAITING task, left in the queue (launching it makes it stale), or null. */
    Task peekWaiting() {
        Task t = peekWaiting(reruns);
        return t != null ? t : peekWaiting(firstRuns);
    }

    void clear() {
        reruns.clear();
        firstRuns.clear();
    }

    private static Task peekWaiting(ArrayDeque<Task> q) {
        Task t;
        while ((t = q.peekFirst()) != null && t.state() != TaskState.WAITING) q.pollFirst();
        return t;
    }
}
