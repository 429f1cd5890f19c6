package dev.mr.shuffle;

import java.io.Closeable;
import java.io.IOException;

/**
 * Records in sorted key order, visited once. The current key and value are ranges of
 * buffers owned by the iterator, valid until the next call to {@link #next}.
 */
public interface MergedRecords extends Closeable {

    boolean next() throws IOException;

    byte[] keyBuffer();

    int keyOffset();

    int keyLength();

    byte[] valueBuffer();

    int valueOffset();

    int valueLength();

    /**
     * True only when the current record certainly has the previous record's key, known
     * without comparing (a buffer that keeps a key's values together knows it); false means
     * compare. Lets a combine over a run of equal keys skip a key comparison per value.
     */
    default boolean sameKeyAsPrevious() {
        return false;
    }
}
