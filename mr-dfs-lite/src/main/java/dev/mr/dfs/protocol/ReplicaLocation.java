package dev.mr.dfs.protocol;

/** Where a replica lives: the server's id, its advertised {@code host:port}, and its chunk directory (for local reads). */
public record ReplicaLocation(String server, String address, String dir) {}
