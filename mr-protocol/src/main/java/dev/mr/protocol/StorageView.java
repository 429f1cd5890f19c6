package dev.mr.protocol;

import java.util.List;

/**
 * The chunk store at a glance, for the storage page ({@code GET /api/v1/storage}): counts over all
 * closed files, chunks by health (each chunk is exactly one of healthy, under-replicated, corrupt
 * or missing), re-replication in flight, and the chunk servers.
 *
 * @param bytes           the files' length, one copy each
 * @param safeModeDetail  why the store is in safe mode, null when it is not
 * @param copiesInFlight  chunk copies being made to restore replication
 */
public record StorageView(boolean safeMode, String safeModeDetail, int files, long bytes, int chunks, int healthy,
                          int underReplicated, int corrupt, int missing, int copiesInFlight, List<StorageServer> servers) {}
