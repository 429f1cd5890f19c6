package dev.mr.dfs.protocol;

/** Moves {@code from} to {@code to} atomically; refused when {@code to} exists. */
public record RenameRequest(String from, String to) {}
