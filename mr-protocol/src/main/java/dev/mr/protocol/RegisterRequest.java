package dev.mr.protocol;

import java.util.List;

/**
 * A worker process announces itself (at start, and again when told to).
 *
 * @param workerId   stable across restarts of the same worker (derived from its {@code --dir})
 * @param host       its chunk server's advertised {@code host:port}: the locality key dfs-lite names replicas by, matched
 *                   against split hosts
 * @param address    the worker's HTTP base URL as others reach it ({@code http://host:port})
 * @param slots      how many tasks it runs at once
 * @param memoryMb   the memory its tasks may use in all (the worker's {@code --memory}): the most one job's
 *                   executor may ask for with {@code mr.executor.memory.mb}; 0 when not told
 * @param running    when registering again (the master restarted, or lost track of it): the attempts it
 *                   still runs or has an unanswered outcome for; null or empty for none
 * @param mapOutputs when registering again: the map attempts whose output it still holds; null or empty for none
 * @param hostNames  the other names its machine goes by, matched against split hosts as {@code host} is: its host
 *                   names and address as HDFS names a DataNode on it ({@code mr.worker.hostname}); null or empty from a
 *                   worker that predates them
 */
public record RegisterRequest(String workerId, String host, String address, int slots, long memoryMb, List<String> running,
                              List<String> mapOutputs, List<String> hostNames) {

    public RegisterRequest(String workerId, String host, String address, int slots, long memoryMb, List<String> running,
                           List<String> mapOutputs) {
        this(workerId, host, address, slots, memoryMb, running, mapOutputs, List.of());
    }

    public RegisterRequest(String workerId, String host, String address, int slots, long memoryMb) {
        this(workerId, host, address, slots, memoryMb, List.of(), List.of());
    }

    public RegisterRequest(String workerId, String host, String address, int slots) {
        this(workerId, host, address, slots, 0);
    }

    /** The same announcement, listing what the worker holds. */
    public RegisterRequest holding(List<String> running, List<String> mapOutputs) {
        return new RegisterRequest(workerId, host, address, slots, memoryMb, List.copyOf(running), List.copyOf(mapOutputs), hostNames);
    }

    /** The same announcement, with the other names of the worker's machine. */
    public RegisterRequest named(List<String> hostNames) {
        return new RegisterRequest(workerId, host, address, slots, memoryMb, running, mapOutputs, List.copyOf(hostNames));
    }
}
