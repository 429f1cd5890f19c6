package dev.mr.worker.task;

import dev.mr.api.ConfKeys;
import dev.mr.api.Configuration;

/**
 * How many bytes of fetched map output a reduce attempt keeps in memory before it merges them
 * to disk: {@code mr.reduce.memory.mb} when the job sets it, else half of the attempt's slot
 * share of the heap (the other half is for the reducer's own objects and the tasks beside it),
 * kept within [256 MiB, 2 GiB]. A fixed 256 MiB default, on a worker with gigabytes of heap,
 * made every reducer of a large job write all its input to disk and read it back once more.
 * Pure.
 */
public final class ReduceMemory {

    private static final long MIB = 1L << 20;
    static final long FLOOR_BYTES = ConfKeys.REDUCE_MEMORY_MB_DEFAULT * MIB;
    static final long CEILING_BYTES = 2048 * MIB;

    private ReduceMemory() {}

    /** One slot's share of a heap of {@code maxHeapBytes} shared by {@code slots} concurrent tasks. */
    public static long slotShare(long maxHeapBytes, int slots) {
        return maxHeapBytes / Math.max(1, slots);
    }

    /** The reduce memory budget of a job with {@code conf} in a slot with {@code slotShareBytes} of heap. */
    public static long budgetBytes(Configuration conf, long slotShareBytes) {
        if (conf.isSet(ConfKeys.REDUCE_MEMORY_MB)) {
            long mb = conf.getLong(ConfKeys.REDUCE_MEMORY_MB, ConfKeys.REDUCE_MEMORY_MB_DEFAULT);
            if (mb < 1) throw new IllegalArgumentException(ConfKeys.REDUCE_MEMORY_MB + "=" + mb + " must be at least 1");
            return mb * MIB;
        }
        return Math.max(FLOOR_BYTES, Math.min(CEILING_BYTES, slotShareBytes / 2));
    }
}
