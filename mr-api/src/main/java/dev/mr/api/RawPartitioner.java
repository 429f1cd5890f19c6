package dev.mr.api;

/**
 * A {@link Partitioner} that can also decide from the serialized key alone. The framework
 * calls this form on the map output path, where the key's bytes already exist, so nothing
 * is serialized twice.
 */
public interface RawPartitioner {

    /** Returns a partition in {@code [0, numPartitions)} for the key encoded at {@code key[off, off+len)}. */
    int partition(byte[] key, int off, int len, int numPartitions);
}
