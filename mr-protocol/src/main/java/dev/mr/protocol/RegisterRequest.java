package dev.mr.protocol;

/**
 * A worker process announces itself (at start, and again when told to).
 *
 * @param workerId stable across restarts of the same worker (derived from its {@code --dir})
 * @param host     the host name the worker runs on: the locality key matched against split hosts
 * @param address  the worker's HTTP base URL as others reach it ({@code http://host:port})
 * @param slots    how many tasks it runs at once
 * @param memoryMb the memory its tasks may use in all (the worker's {@code --memory}): the most one job's
 *                 executor may ask for with {@code mr.executor.memory.mb}; 0 when not told
 */
public record RegisterRequest(String workerId, String host, String address, int slots, long memoryMb) {

    public RegisterRequest(String workerId, String host, String address, int slots) {
        this(workerId, host, address, slots, 0);
    }
}
