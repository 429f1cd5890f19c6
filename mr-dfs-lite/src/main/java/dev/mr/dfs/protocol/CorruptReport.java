package dev.mr.dfs.protocol;

/** A reader found replica of {@code chunk} on {@code server} failing its checksum. */
public record CorruptReport(String chunk, String server, String detail) {}
