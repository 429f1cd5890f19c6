package dev.mr.master.history;

/**
 * What the history has of an ended job: its detail, or a note saying why not (for the page to
 * show beside the job's summary, which the job journal keeps for every job).
 */
public sealed interface HistoryLookup {

    record Kept(JobDetail detail) implements HistoryLookup {}

    /** @param note why there is no detail, and what an operator can do about it when anything */
    record NotKept(String note) implements HistoryLookup {}
}
