package dev.mr.dfs.protocol;

/** Asks for the next chunk of a file being written; {@code nearServer} is the id of a chunk server on the writer's host, if any. */
public record AllocateRequest(long file, String client, String nearServer) {}
