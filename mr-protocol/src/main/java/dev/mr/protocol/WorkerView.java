package dev.mr.protocol;

import java.util.List;

/**
 * A worker as the workers page shows it.
 *
 * @param state     {@code ALIVE}, {@code DEAD}, {@code EXCLUDED} (alive but refused by some job), or {@code AWAITED}
 *                  (a restarted master's journal places map outputs there; it has not registered again yet)
 * @param memoryMb  the memory its tasks may use in all, as it told at registration (its {@code --memory}); 0 when not told
 * @param executors the executor JVMs it runs, as its latest heartbeat told; empty for a dead worker
 */
public record WorkerView(String workerId, String host, String address, String state,
                         long lastHeartbeat, int slots, List<String> running, long tasksRun, long tasksFailed,
                         List<String> excludedFrom, WorkerLoad load, long memoryMb, List<ExecutorView> executors) {}
