package dev.mr.api;

/** Passes every input record through unchanged: the mapper of a job that sets none. */
public final class IdentityMapper<K, V> implements Mapper<K, V, K, V> {

    @Override
    public void map(K key, V value, Context<K, V> context) {
        context.write(key, value);
    }
}
