package dev.mr.dfs.chunkserver;

import dev.mr.dfs.ChunkId;
import dev.mr.dfs.chunk.ChunkFiles;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.List;

/**
 * Walks a chunk store's replicas in id order, one per call, reading each whole and checking
 * every window against its checksums, so damage on a disk nobody reads is still found and
 * reported. Blocking; the chunk server calls it from a worker thread at a slow pace.
 * Confined to one thread at a time.
 */
public final class Scrubber {

    private final ChunkStore store;
    private ChunkId last;

    public Scrubber(ChunkStore store) {
        this.store = store;
    }

    /** Verifies the next replica; returns the one verified, or null when the store is empty. */
    public ChunkId scrubNext() {
        List<ChunkId> ids = store.ids();
        if (ids.isEmpty()) return null;
        ChunkId next = ids.get(0);
        for (ChunkId id : ids) {
            if (last == null || id.compareTo(last) > 0) {
                next = id;
                break;
            }
        }
        if (last != null && next.compareTo(last) <= 0) next = ids.get(0);
        last = next;
        if (store.isKnownCorrupt(next)) return next;
        try {
            ChunkFiles.verify(store.dir(), next, store.readCrcs(next));
        } catch (NoSuchFileException e) {
            // deleted while we looked
        } catch (IOException e) {
            if (store.get(next) != null) store.markCorrupt(next, "scrubber: " + e.getMessage());
        }
        return next;
    }
}
