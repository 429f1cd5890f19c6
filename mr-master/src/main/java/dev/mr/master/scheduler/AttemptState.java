package dev.mr.master.scheduler;

/**
 * Where an attempt is. An attempt occupies a worker slot only while RUNNING. SUCCEEDED is not
 * final for a map of a job with reduces: its output lives on the worker's disk and may still be
 * lost (KILLED when the worker dies, FAILED after too many fetch failures).
 */
public enum AttemptState {
    RUNNING,
    /** Finished its work and holds its task's commit; the master's edge is renaming its output. */
    COMMITTING,
    SUCCEEDED,
    /** Counts toward the task's failed attempts. */
    FAILED,
    /** Does not count: its worker died, it lost a race, it was never reported, or its job ended. */
    KILLED
}
