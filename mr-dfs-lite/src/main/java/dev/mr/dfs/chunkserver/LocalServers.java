package dev.mr.dfs.chunkserver;

import dev.mr.dfs.ServerId;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The chunk servers running in this JVM, so that a writer here (a worker's reducer writing its
 * output) can ask for its first replica on this host and then write that replica straight into
 * the store, without HTTP. Only a JVM with exactly one chunk server offers either: a test JVM
 * with several behaves as separate hosts would. Thread-safe.
 */
public final class LocalServers {

    private static final Map<ServerId, ChunkStore> RUNNING = new ConcurrentSkipListMap<>();

    private LocalServers() {}

    /** {@code store} is open and serving as {@code id}. */
    public static void add(ServerId id, ChunkStore store) {
        RUNNING.put(id, store);
    }

    public static void remove(ServerId id) {
        RUNNING.remove(id);
    }

    /** The one chunk server in this JVM, or null when there are none or several (a test cluster). */
    public static ServerId only() {
        return RUNNING.size() == 1 ? RUNNING.keySet().iterator().next() : null;
    }

    /** The store of {@code id} when it is the one chunk server in this JVM, else null. */
    public static ChunkStore onlyStore(ServerId id) {
        if (RUNNING.size() != 1) return null;
        return RUNNING.get(id);
    }
}
