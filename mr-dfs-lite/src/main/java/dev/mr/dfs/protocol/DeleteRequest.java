package dev.mr.dfs.protocol;

/** Deletes a file, or a directory ({@code recursive} when it is not empty). */
public record DeleteRequest(String path, boolean recursive) {}
