package dev.mr.master.scheduler;

/**
 * A worker incarnation is ALIVE from its registration until it is silent too long or re-registers.
 * A worker that a resumed job's journal names as holding map outputs is AWAITED until it
 * registers with this master (keeping the outputs it still holds) or the expiry passes (DEAD:
 * they are run again).
 */
public enum WorkerState {
    ALIVE,
    AWAITED,
    DEAD
}
