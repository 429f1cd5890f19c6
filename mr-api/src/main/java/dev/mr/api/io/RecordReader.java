package dev.mr.api.io;

import java.io.Closeable;
import java.io.IOException;

/** Reads the records of one split, one at a time. Confined to the task's thread. */
public interface RecordReader<K, V> extends Closeable {

    /** Moves to the next record; false when the split is exhausted. */
    boolean next() throws IOException;

    K key();

    V value();

    /** Input bytes consumed so far (counted as the map's input bytes). */
    long bytesRead();
}
