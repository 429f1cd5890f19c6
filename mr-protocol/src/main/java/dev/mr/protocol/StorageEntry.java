package dev.mr.protocol;

/**
 * A file or directory of the chunk store ({@code GET /api/v1/storage/ls}). Directories have no
 * length, replication or chunks.
 *
 * @param modified epoch milliseconds
 */
public record StorageEntry(String path, String name, boolean directory, long length, int replication, int chunks, long modified) {}
