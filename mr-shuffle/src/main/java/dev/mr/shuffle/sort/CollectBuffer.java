package dev.mr.shuffle.sort;

import dev.mr.shuffle.MergedRecords;

/**
 * Map output held in memory between spills: filled by {@link #add}, then sorted and read
 * partition by partition, then cleared for the next round. Memory stays within the budget it
 * was built with (record bytes and every index or table together).
 *
 * <p>Confined to the map task's thread.
 */
public interface CollectBuffer {

    /**
     * Copies a record in. Returns false, without adding it, when the buffer has no room for
     * it; the caller then spills (or collapses) and retries, or, if the buffer is empty, knows
     * that the record cannot fit at all.
     */
    boolean add(int partition, byte[] key, int keyOff, int keyLen, byte[] value, int valueOff, int valueLen);

    boolean isEmpty();

    /** Sorts by (partition, key); afterwards {@link #partition} reads the result until {@link #clear}. */
    void sort();

    /** The sorted records of one partition, as a stream that allocates nothing per record. */
    MergedRecords partition(int partition);

    /** Forgets all records, keeping the memory for the next round. */
    void clear();

    /** Forgets all records and drops the memory. */
    void release();
}
