package dev.mr.protocol;

import java.util.List;

/**
 * A worker as the workers page shows it.
 *
 * @param state     {@code ALIVE}, {@code DEAD}, {@code EXCLUDED} (alive but refused by some job), or {@code AWAITED}
 *                  (a restarted master's journal places map outputs there; it has not registered again yet)
 * @param memoryMb  the memory its tasks may use in all, as it told at registration (its {@code --memory}); 0 when not told
 * @param executors the executor JVMs it runs, as its latest heartbeat told; empty for a dead worker
 * @param hostNames the other names its machine goes by for locality (host names, address), as it told at registration
 */
public record WorkerView(String workerId, String host, String address, String state,
                         long lastHeartbeat, int slots, List<String> running, long tasksRun, long tasksFailed,
                         List<String> excludedFrom, WorkerLoad load, long memoryMb, List<ExecutorView> executors,
                         List<String> hostNames) {

    public WorkerView(String workerId, String host, String address, String state, long lastHeartbeat, int slots, List<String> running,
                      long tasksRun, long tasksFailed, List<String> excludedFrom, WorkerLoad load, long memoryMb, List<ExecutorView> executors) {
        this(workerId, host, address, state, lastHeartbeat, slots, running, tasksRun, tasksFailed, excludedFrom, load, memoryMb, executors,
                List.of());
    }
}
