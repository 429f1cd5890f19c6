package dev.mr.api;

/**
 * Reduces the values that share a key, as in Hadoop's
 * {@code org.apache.hadoop.mapreduce.Reducer}. A combiner is a {@code Reducer<K, V, K, V>}
 * that the framework may run zero, one or several times on map output before the shuffle,
 * so it must be associative and commutative and write the key it was given.
 *
 * <p>One instance per reduce (or combine) task attempt, made with the public no-arg
 * constructor; {@link #setup}, then {@link #reduce} once per key group in sorted key order,
 * then {@link #cleanup}, all on one thread.
 *
 * <p>{@code values} can be iterated once; each value is deserialized as the iterator reaches
 * it. With a grouping comparator (see {@link Job#groupingComparator}), {@code key} is the
 * first key of the group.
 *
 * <pre>{@code
 * public class SumReducer implements Reducer<String, Integer, String, Integer> {
 *     public void reduce(String word, Iterable<Integer> counts, Context<String, Integer> context) {
 *         int sum = 0;
 *         for (int c : counts) sum += c;
 *         context.write(word, sum);
 *     }
 * }
 * }</pre>
 */
public interface Reducer<K, V, KO, VO> {

    /** Called once before the first key group. */
    default void setup(Context<KO, VO> context) throws Exception {}

    /** Called once per key group, in sorted key order. */
    void reduce(K key, Iterable<V> values, Context<KO, VO> context) throws Exception;

    /** Called once after the last key group. */
    default void cleanup(Context<KO, VO> context) throws Exception {}
}
