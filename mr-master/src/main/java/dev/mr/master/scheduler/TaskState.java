package dev.mr.master.scheduler;

/** Where a task is: waiting for a worker, running (one attempt, or two with a backup), committing, or done. */
public enum TaskState {
    /** Needs an attempt: just submitted, or its last attempt failed, was killed, or lost its output. */
    WAITING,
    RUNNING,
    /** One attempt was granted the commit; the master's edge is renaming its output. */
    COMMITTING,
    SUCCEEDED,
    FAILED,
    KILLED
}
