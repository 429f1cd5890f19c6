package dev.mr.worker.policy;

/**
 * How long one attempt has shown no sign of life: it is told the attempt's count of signs (records
 * read and written, progress calls) at each look, and measures from the last look at which the
 * count moved. A negative count means the attempt cannot be hung by its own doing (it has not
 * started its task, or a reduce waits on the shuffle), so the clock starts again. Pure: the time
 * comes in; confined to the thread that looks.
 */
public final class ProgressWatch {

    private long ticks = Long.MIN_VALUE;
    private long since;

    /** Looks at the attempt at {@code nowMs}; returns for how long its count has not moved. */
    public long silentMs(long ticks, long nowMs) {
        if (ticks != this.ticks || ticks < 0) {
            this.ticks = ticks;
            since = nowMs;
        }
        return nowMs - since;
    }
}
