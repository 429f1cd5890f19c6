package dev.mr.worker.fetch;

/**
 * The memory a reduce attempt's fetches may fill before the merger takes the segments: a segment
 * of at most {@code maxSegmentBytes} is fetched into memory when its bytes fit in what is left
 * of {@code limitBytes}, anything else goes to a temporary file. A reservation is released when
 * the merger has taken the segment (which then counts it against {@code mr.reduce.memory.mb}
 * itself) or when the fetch is dropped. Thread-safe (guarded by {@code this}).
 */
final class ShuffleMemory {

    private final long limitBytes;
    private final long maxSegmentBytes;
    private long used;

    ShuffleMemory(long limitBytes, long maxSegmentBytes) {
        this.limitBytes = limitBytes;
        this.maxSegmentBytes = Math.min(maxSegmentBytes, Integer.MAX_VALUE - 16);
    }

    /** For a reduce memory budget: in-memory segments of up to a quarter of it, a quarter of it in flight. */
    static ShuffleMemory forBudget(long reduceMemoryBytes) {
        long quarter = Math.max(1, reduceMemoryBytes / 4);
        return new ShuffleMemory(quarter, quarter);
    }

    synchronized boolean tryReserve(long bytes) {
        if (bytes > maxSegmentBytes || used + bytes > limitBytes) return false;
        used += bytes;
        return true;
    }

    synchronized void release(long bytes) {
        used -= bytes;
        if (used < 0) throw new IllegalStateException("released more shuffle memory than reserved");
    }

    synchronized long used() {
        return used;
    }
}
