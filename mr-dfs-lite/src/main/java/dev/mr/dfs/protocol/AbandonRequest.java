package dev.mr.dfs.protocol;

/** A writer gives up a file: it disappears and its chunks are reclaimed. */
public record AbandonRequest(long file, String client) {}
