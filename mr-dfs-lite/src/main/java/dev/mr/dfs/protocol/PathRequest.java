package dev.mr.dfs.protocol;

/** A request naming one path: {@code mkdirs}. */
public record PathRequest(String path) {}
