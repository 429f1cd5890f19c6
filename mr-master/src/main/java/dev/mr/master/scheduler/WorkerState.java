package dev.mr.master.scheduler;

/** A worker incarnation is ALIVE from its registration until it is silent too long or re-registers. */
public enum WorkerState {
    ALIVE,
    DEAD
}
