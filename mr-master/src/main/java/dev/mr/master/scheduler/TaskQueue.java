package dev.mr.master.scheduler;

import java.util.ArrayDeque;

/**
 * Tasks waiting for an attempt, re-runs before first runs (as in Hadoop: a re-run holds up its job
 * more than a task never tried), each in the order it was queued. Removal is lazy: a task may sit
 * here after it left WAITING (assigned through another queue); polling skips it.
 */
final class TaskQueue {

    // Allocated on first use: a job has a queue per host, most of them short, and few re-runs.
    private ArrayDeque<Task> reruns;
    private ArrayDeque<Task> firstRuns;

    void addFirstRun(Task t) {
        if (firstRuns == null) firstRuns = new ArrayDeque<>(4);
        firstRuns.addLast(t);
    }

    void addRerun(Task t) {
        if (reruns == null) reruns = new ArrayDeque<>(4);
        reruns.addLast(t);
    }

    /** The next WAITING task, left in the queue (launching it makes it stale), or null. */
    Task peekWaiting() {
        Task t = peekWaiting(reruns);
        return t != null ? t : peekWaiting(firstRuns);
    }

    private static Task peekWaiting(ArrayDeque<Task> q) {
        if (q == null) return null;
        Task t;
        while ((t = q.peekFirst()) != null && t.state() != TaskState.WAITING) q.pollFirst();
        return t;
    }
}
