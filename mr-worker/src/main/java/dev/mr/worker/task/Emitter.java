package dev.mr.worker.task;

import java.io.IOException;

/** Where a task's {@code Context.write} records go: the shuffle or an output file. */
interface Emitter<K, V> {

    void emit(K key, V value) throws IOException;
}
