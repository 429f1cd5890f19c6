package dev.mr.dfs.protocol;

/** Keeps every file a writer has open alive for another lease period. */
public record RenewRequest(String client) {}
