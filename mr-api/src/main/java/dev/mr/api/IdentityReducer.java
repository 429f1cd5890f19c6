package dev.mr.api;

/** Writes every value of every group with its key: the reducer of a job that sets none. */
public final class IdentityReducer<K, V> implements Reducer<K, V, K, V> {

    @Override
    public void reduce(K key, Iterable<V> values, Context<K, V> context) {
        for (V v : values) context.write(key, v);
    }
}
