package dev.mr.dfs.protocol;

/** Completes a file of {@code length} bytes; it becomes visible. */
public record CloseRequest(long file, String client, long length) {}
