package dev.mr.worker.task;

import dev.mr.api.serde.BytesComparator;
import dev.mr.api.serde.RawComparator;
import dev.mr.api.serde.Serde;
import dev.mr.api.spi.JobDefinition;
import java.util.Comparator;

/**
 * The order in which a job's map output keys are sorted, and the equality that groups them
 * for {@code reduce}. Keys of order-preserving types with no comparator set compare as raw
 * bytes ({@link BytesComparator}, which lets the sort use key prefixes); a user
 * {@link RawComparator} runs on the bytes; a plain {@link Comparator} or a {@link Comparable}
 * key type needs the keys decoded.
 */
record KeyOrder(RawComparator sort, RawComparator grouping) {

    static KeyOrder of(JobDefinition def, Serde<Object> keySerde) {
        RawComparator sort = comparator(def, def.sortComparatorClass(), keySerde, null);
        RawComparator grouping = def.groupingComparatorClass() == null ? sort
                : comparator(def, def.groupingComparatorClass(), keySerde, sort);
        return new KeyOrder(sort, grouping);
    }

    @SuppressWarnings("unchecked")
    private static RawComparator comparator(JobDefinition def, Class<?> c, Serde<Object> keySerde, RawComparator fallback) {
        if (c == null) {
            if (keySerde.orderPreserving()) return BytesComparator.INSTANCE;
            return new DeserializingComparator<>(keySerde, (a, b) -> ((Comparable<Object>) a).compareTo(b));
        }
        Object instance = def.instantiate(c, Object.class);
        if (instance instanceof RawComparator raw) return raw;
        return new DeserializingComparator<>(keySerde, (Comparator<Object>) instance);
    }
}
