package dev.mr.protocol;

/** A reduce attempt could not fetch a map attempt's output (after its retries). */
public record FetchFailure(String workerId, long incarnation, String reduceAttempt, String mapAttempt, String error) {}
