package dev.mr.shuffle;

import dev.mr.api.Configuration;
import java.util.Locale;

/**
 * Where a map task's combiner runs (measured by {@code CombineBench}; see its figures in the
 * shuffle's notes).
 *
 * <ul>
 *   <li>{@link #HASH}: records are grouped by key in a hash table as they arrive and combined in
 *       memory, so the buffer fills with distinct keys rather than records. About 2x less CPU than
 *       {@link #SORT} on Zipf-distributed words (WordCount).
 *   <li>{@link #SORT}: records are buffered as they come and combined per run of equal keys when
 *       a spill sorts them (Hadoop's way). About 1.5x less CPU than {@link #HASH} when keys rarely
 *       repeat within a task.
 *   <li>{@link #ADAPTIVE} (the default): {@link #HASH}, until the table first fills with keys that
 *       hold fewer than {@value #ADAPTIVE_MIN_VALUES_PER_KEY} values each on average; then it
 *       spills and goes on with {@link #SORT}.
 * </ul>
 */
public enum CombineStrategy {
    HASH,
    SORT,
    ADAPTIVE;

    /** Setting that picks the strategy: {@code hash}, {@code sort} or {@code adaptive}. */
    public static final String KEY = "mr.map.combine.strategy";

    /** Below this many values per key when the hash table fills, {@link #ADAPTIVE} switches to {@link #SORT}. */
    public static final int ADAPTIVE_MIN_VALUES_PER_KEY = 3;

    public static CombineStrategy from(Configuration conf) {
        String v = conf.get(KEY, "adaptive").trim().toUpperCase(Locale.ROOT);
        try {
            return valueOf(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("setting " + KEY + "=" + conf.get(KEY) + " must be hash, sort or adaptive");
        }
    }
}
