package dev.mr.protocol;

/**
 * One entry of a job's log of map output locations: the output of {@code mapAttempt} can be
 * fetched from the worker at {@code address}, or, when {@code obsolete}, no longer can.
 *
 * @param index the entry's position in the log
 */
public record MapOutputEntry(int index, String mapAttempt, String address, boolean obsolete) {}
