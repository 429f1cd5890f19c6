package dev.mr.api;

/** Where a job is in its life. SUCCEEDED, FAILED and KILLED are final. */
public enum JobState {
    SUBMITTED,
    RUNNING,
    SUCCEEDED,
    FAILED,
    KILLED;

    public boolean isFinal() {
        return this == SUCCEEDED || this == FAILED || this == KILLED;
    }
}
