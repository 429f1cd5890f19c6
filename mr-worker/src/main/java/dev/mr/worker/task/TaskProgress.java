package dev.mr.worker.task;

import dev.mr.protocol.StatusMessage;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A task's sign of life for hung-task detection, and its latest status message: it ticks on every
 * record read, every record written and every {@code context.progress()} or
 * {@code context.status()} call. The task's thread ticks with a plain store
 * (a lazy set, no fence: this sits on the per-record path); any other thread may read
 * {@link #ticks} and sees the count a moment late at worst, which is all a timeout of minutes
 * needs. The status message is set by the task's thread (rarely: a volatile store) and read by any.
 */
public final class TaskProgress {

    private long ticks; // the task's thread only
    private final AtomicLong seen = new AtomicLong();
    private volatile String status;

    void tick() {
        seen.lazySet(++ticks);
    }

    /** Keeps {@code message} as the task's status, bounded to one short line ({@link StatusMessage}). */
    void status(String message) {
        status = StatusMessage.of(message);
        tick();
    }

    /** The latest status message, null when the task set none; safe from any thread. */
    public String status() {
        return status;
    }

    /** How many signs of life the task has given so far; safe from any thread. */
    public long ticks() {
        return seen.get();
    }
}
