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

    /**
     * Where the current record starts in its file, in bytes, or -1 when the reader cannot tell.
     * Skip mode names a bad record by its file and this offset ({@code path:offset}), else by its
     * ordinal ({@code path#ordinal}); a reader that knows it should say so.
     */
    default long recordPosition() {
        return -1;
    }
}
