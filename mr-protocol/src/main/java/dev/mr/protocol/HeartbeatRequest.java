package dev.mr.protocol;

import java.util.List;

/**
 * A worker's periodic report: every attempt it runs, the outcomes not yet acknowledged, and
 * its free slots. One at a time per worker.
 */
public record HeartbeatRequest(String workerId, long incarnation, int freeSlots, List<AttemptReport> reports,
                               WorkerLoad load) {}
