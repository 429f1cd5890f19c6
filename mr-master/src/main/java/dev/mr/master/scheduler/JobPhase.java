package dev.mr.master.scheduler;

import dev.mr.api.JobState;

/**
 * Where a job is in the scheduler's life cycle; finer than {@link JobState}, which is what users
 * see. FAIL_WAIT and KILL_WAIT wait for task commits already handed to the master's I/O edge, so
 * that the job's output is aborted only after no rename can still land in it.
 */
public enum JobPhase {
    RUNNING,
    /** Every task succeeded; the edge was told to commit the job (write {@code _SUCCESS}). */
    COMMITTING,
    FAIL_WAIT,
    KILL_WAIT,
    SUCCEEDED,
    FAILED,
    KILLED;

    public boolean isFinal() {
        return this == SUCCEEDED || this == FAILED || this == KILLED;
    }

    /** The user-facing state. */
    public JobState toJobState() {
        return switch (this) {
            case RUNNING, COMMITTING, FAIL_WAIT, KILL_WAIT -> JobState.RUNNING;
            case SUCCEEDED -> JobState.SUCCEEDED;
            case FAILED -> JobState.FAILED;
            case KILLED -> JobState.KILLED;
        };
    }
}
