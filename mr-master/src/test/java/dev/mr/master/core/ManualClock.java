package dev.mr.master.core;

import java.util.function.LongSupplier;

/**
 * Epoch milliseconds that move only when a test moves them: the clock the master core reads in
 * tests that drive it with {@link ManualExecutor}s. Thread-safe (a future's timeout may read it).
 */
final class ManualClock implements LongSupplier {

    private volatile long now;

    ManualClock(long start) {
        this.now = start;
    }

    @Override
    public long getAsLong() {
        return now;
    }

    /** Moves the clock forward to {@code time}; time never goes back. */
    void set(long time) {
        if (time < now) throw new IllegalArgumentException("the clock is at " + now + " and cannot go back to " + time);
        now = time;
    }
}
