package dev.mr.dfs.protocol;

/** One chunk server as the master sees it. */
public record ServerInfo(String server, String address, boolean alive, long freeBytes, int replicas, long millisSinceHeartbeat) {}
