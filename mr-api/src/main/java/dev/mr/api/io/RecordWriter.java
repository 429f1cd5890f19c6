package dev.mr.api.io;

import java.io.Closeable;
import java.io.IOException;

/** Writes a task's output records to one file. Confined to the task's thread. */
public interface RecordWriter<K, V> extends Closeable {

    void write(K key, V value) throws IOException;

    /** Bytes written so far. */
    long bytesWritten();
}
