package dev.mr.api;

/**
 * Turns input records into intermediate key/value pairs, as in Hadoop's
 * {@code org.apache.hadoop.mapreduce.Mapper}, with plain Java types instead of Writables.
 *
 * <p>The framework makes one instance per map task attempt with the public no-arg
 * constructor, calls {@link #setup} once, {@link #map} for every record of the task's split,
 * then {@link #cleanup} once. All three run on one thread; an instance is never shared.
 *
 * <pre>{@code
 * public class TokenMapper implements Mapper<Long, String, String, Integer> {
 *     public void map(Long offset, String line, Context<String, Integer> context) {
 *         for (String word : line.split("\\s+")) {
 *             if (!word.isEmpty()) context.write(word, 1);
 *         }
 *     }
 * }
 * }</pre>
 *
 * @param <KI> input key type (for text input: the line's byte offset)
 * @param <VI> input value type (for text input: the line)
 * @param <KO> output key type
 * @param <VO> output value type
 */
public interface Mapper<KI, VI, KO, VO> {

    /** Called once before the first record. */
    default void setup(Context<KO, VO> context) throws Exception {}

    /** Called once for every input record. */
    void map(KI key, VI value, Context<KO, VO> context) throws Exception;

    /** Called once after the last record, also when the split was empty. */
    default void cleanup(Context<KO, VO> context) throws Exception {}
}
