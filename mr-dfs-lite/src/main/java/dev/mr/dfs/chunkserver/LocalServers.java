package dev.mr.dfs.chunkserver;

import dev.mr.dfs.ServerId;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The chunk servers a client shares its process and host with: a writer through that client asks
 * for the first replica of each chunk on one of them ({@link #near}) and writes that replica
 * straight into its store, without HTTP. Whoever starts chunk servers makes one and hands it to
 * them (each adds itself when started and leaves when stopped) and to the clients that may use
 * them; a client given an empty one writes every replica over HTTP, as one on another host would.
 *
 * <p>A worker daemon runs one chunk server and {@linkplain #shareWithThisProcess shares} its
 * registry with the process, so that the clients opened by name there ({@code dfs:} paths of the
 * tasks it runs in its own JVM, {@code mr.executor=thread}) use it; nothing is shared unless a
 * daemon says so, and an in-process test cluster with several chunk servers shares none.
 * Thread-safe.
 */
public final class LocalServers {

    private static volatile LocalServers shared;

    private final Map<ServerId, ChunkStore> running = new ConcurrentSkipListMap<>();

    /** {@code store} is open and serving as {@code id}. */
    public void add(ServerId id, ChunkStore store) {
        running.put(id, store);
    }

    public void remove(ServerId id) {
        running.remove(id);
    }

    /** The server to place a writer's first replica on: the one running (the lowest id if several), or null when none is. */
    public ServerId near() {
        return running.isEmpty() ? null : running.keySet().iterator().next();
    }

    /** The store of {@code id} when it runs here, else null. */
    public ChunkStore store(ServerId id) {
        return running.get(id);
    }

    /** Makes this the registry that clients opened without one ({@link #ofThisProcess}) use from now on. */
    public void shareWithThisProcess() {
        shared = this;
    }

    /** The registry a daemon of this process shared, or an empty one when none did. */
    public static LocalServers ofThisProcess() {
        LocalServers s = shared;
        return s != null ? s : new LocalServers();
    }
}
