package dev.mr.protocol;

/**
 * A worker process announces itself (at start, and again when told to).
 *
 * @param workerId stable across restarts of the same worker (derived from its {@code --dir})
 * @param host     the host name the worker runs on: the locality key matched against split hosts
 * @param address  the worker's HTTP base URL as others reach it ({@code http://host:port})
 * @param slots    how many tasks it runs at once
 */
public record RegisterRequest(String workerId, String host, String address, int slots) {}
