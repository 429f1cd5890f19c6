package dev.mr.api;

/**
 * Chooses the reduce partition of a map output record. The default,
 * {@link HashPartitioner}, hashes the key's serialized bytes; {@link TotalOrderPartitioner}
 * gives each reducer a range of keys, for output sorted across reducers. A partitioner that implements
 * {@link Configurable} is given the job's settings before its first call.
 *
 * <p>Must be deterministic: the same key must go to the same partition in every map task
 * on every machine, so never use {@code Object.hashCode} of a type that does not define it.
 */
public interface Partitioner<K, V> {

    /** Returns a partition in {@code [0, numPartitions)}. */
    int partition(K key, V value, int numPartitions);
}
