package dev.mr.api.spi;

import dev.mr.api.serde.RawComparator;
import dev.mr.api.serde.Serde;
import java.util.Comparator;

/**
 * Compares serialized keys by decoding both and asking an object comparator: the slow path
 * for key types whose encoding is not order-preserving, or for a user's plain
 * {@link Comparator}. Confined to the task's thread (the serde may be).
 */
final class DeserializingComparator<K> implements RawComparator {

    private final Serde<K> serde;
    private final Comparator<? super K> order;

    DeserializingComparator(Serde<K> serde, Comparator<? super K> order) {
        this.serde = serde;
        this.order = order;
    }

    @Override
    public int compare(byte[] a, int aOff, int aLen, byte[] b, int bOff, int bLen) {
        return order.compare(serde.read(a, aOff, aLen), serde.read(b, bOff, bLen));
    }
}
