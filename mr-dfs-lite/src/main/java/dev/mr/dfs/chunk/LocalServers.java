package dev.mr.dfs.chunk;

import dev.mr.dfs.ServerId;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The chunk servers running in this JVM, so a writer here can ask for its first replica on
 * this host (a worker's reducer writing its output). Thread-safe.
 */
public final class LocalServers {

    private static final Map<ServerId, String> RUNNING = new ConcurrentSkipListMap<>();

    private LocalServers() {}

    public static void add(ServerId id, String address) {
        RUNNING.put(id, address);
    }

    public static void remove(ServerId id) {
        RUNNING.remove(id);
    }

    /** The one chunk server in this JVM, or null when there are none or several (a test cluster). */
    public static ServerId only() {
        return RUNNING.size() == 1 ? RUNNING.keySet().iterator().next() : null;
    }
}
