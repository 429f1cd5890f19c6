package dev.mr.api.spi;

import dev.mr.api.serde.BytesComparator;
import dev.mr.api.serde.RawComparator;
import dev.mr.api.serde.Serde;
import java.util.Comparator;

/**
 * The order in which a job's map output keys are sorted, and the equality that groups them
 * for {@code reduce}, over their serialized bytes: one definition for the shuffle (sort,
 * merge, grouping) and for whatever must agree with it exactly, such as a total-order
 * partitioner's cut points. Keys of order-preserving types with no comparator set compare as
 * raw bytes ({@link BytesComparator}); a user {@link RawComparator} runs on the bytes; a plain
 * {@link Comparator} or a {@link Comparable} key type needs the keys decoded with
 * {@code keySerde}, so the comparator returned is confined to the serde's thread.
 */
public final class KeyComparators {

    private KeyComparators() {}

    /** The job's sort order. */
    public static RawComparator sort(JobDefinition def, Serde<Object> keySerde) {
        return comparator(def, def.sortComparatorClass(), keySerde);
    }

    /** The job's grouping equality: its grouping comparator, else {@code sort}. */
    public static RawComparator grouping(JobDefinition def, Serde<Object> keySerde, RawComparator sort) {
        return def.groupingComparatorClass() == null ? sort : comparator(def, def.groupingComparatorClass(), keySerde);
    }

    @SuppressWarnings("unchecked")
    private static RawComparator comparator(JobDefinition def, Class<?> c, Serde<Object> keySerde) {
        if (c == null) {
            if (keySerde.orderPreserving()) return BytesComparator.INSTANCE;
            return new DeserializingComparator<>(keySerde, (a, b) -> ((Comparable<Object>) a).compareTo(b));
        }
        Object instance = def.instantiate(c, Object.class);
        if (instance instanceof RawComparator raw) return raw;
        return new DeserializingComparator<>(keySerde, (Comparator<Object>) instance);
    }
}
