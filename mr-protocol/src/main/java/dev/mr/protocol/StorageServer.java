package dev.mr.protocol;

/** A chunk server as the dfs master sees it: replicas held, free disk, time since its last heartbeat. */
public record StorageServer(String server, String address, boolean alive, long freeBytes, int replicas, long millisSinceHeartbeat) {}
