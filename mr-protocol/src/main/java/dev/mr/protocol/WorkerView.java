package dev.mr.protocol;

import java.util.List;

/**
 * A worker as the workers page shows it.
 *
 * @param state {@code ALIVE}, {@code DEAD}, or {@code EXCLUDED} (alive but refused by some job)
 */
public record WorkerView(String workerId, String host, String address, String state,
                         long lastHeartbeat, int slots, List<String> running, long tasksRun, long tasksFailed,
                         List<String> excludedFrom, WorkerLoad load) {}
