package dev.mr.protocol;

/** What a worker tells about its machine, for the workers page. */
public record WorkerLoad(long diskUsedBytes, long diskFreeBytes, int chunks) {}
