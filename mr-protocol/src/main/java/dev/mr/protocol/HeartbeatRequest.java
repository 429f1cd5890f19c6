package dev.mr.protocol;

import java.util.List;

/**
 * A worker's periodic report: every attempt it runs, the outcomes not yet acknowledged, and
 * its free slots, and the executor JVMs it runs. One at a time per worker.
 */
public record HeartbeatRequest(String workerId, long incarnation, int freeSlots, List<AttemptReport> reports,
                               WorkerLoad load, List<ExecutorView> executors) {

    public HeartbeatRequest(String workerId, long incarnation, int freeSlots, List<AttemptReport> reports, WorkerLoad load) {
        this(workerId, incarnation, freeSlots, reports, load, List.of());
    }
}
