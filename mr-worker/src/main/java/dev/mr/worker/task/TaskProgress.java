package dev.mr.worker.task;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A task's sign of life for hung-task detection: it ticks on every record read, every record
 * written and every {@code context.progress()} call. The task's thread ticks with a plain store
 * (a lazy set, no fence: this sits on the per-record path); any other thread may read
 * {@link #ticks} and sees the count a moment late at worst, which is all a timeout of minutes
 * needs.
 */
public final class TaskProgress {

    private long ticks; // the task's thread only
    private final AtomicLong seen = new AtomicLong();

    void tick() {
        seen.lazySet(++ticks);
    }

    /** How many signs of life the task has given so far; safe from any thread. */
    public long ticks() {
        return seen.get();
    }
}
