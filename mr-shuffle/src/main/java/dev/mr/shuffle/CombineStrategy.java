package dev.mr.shuffle;

/**
 * Where a map task's combiner runs. {@link #HASH}: records are grouped by key in a hash table
 * as they arrive and combined when memory fills, so the buffer fills with distinct keys rather
 * than records. {@link #SORT}: records are buffered as they come and combined per run of equal
 * keys when a spill sorts them (Hadoop's way).
 */
public enum CombineStrategy {
    HASH,
    SORT
}
