package dev.mr.dfs.chunkmap;

import dev.mr.dfs.ChunkId;
import java.util.Comparator;
import java.util.TreeSet;

/**
 * The chunk map's work lists, each in a fixed order so decisions are deterministic: chunks to
 * copy (most endangered first), chunks with surplus or corrupt replicas, chunks with no good
 * replica, chunks with copies in flight. {@link #refresh} files a chunk anew after any change
 * to its replicas. Owned by {@link ChunkMap}'s thread.
 */
final class ChunkQueues {

    /** Committed chunks with a good replica and fewer good or incoming ones than their replication. */
    final TreeSet<ChunkState> needy = new TreeSet<>(
            Comparator.<ChunkState>comparingInt(c -> c.queuedGood).thenComparing(c -> c.id));
    /** Committed chunks with more good replicas than their replication. */
    final TreeSet<ChunkId> surplus = new TreeSet<>();
    /** Chunks with a corrupt replica and at least one good one, so the corrupt one can go. */
    final TreeSet<ChunkId> withCorrupt = new TreeSet<>();
    /** Committed chunks with no good replica. */
    final TreeSet<ChunkId> missing = new TreeSet<>();
    /** Chunks with copies in flight. */
    final TreeSet<ChunkId> copying = new TreeSet<>();

    /** Files {@code c} under the lists its replica counts call for. */
    void refresh(ChunkState c) {
        unqueue(c);
        if (!c.committed) return;
        int good = c.good();
        if (good == 0) missing.add(c.id);
        if (good > c.replication) surplus.add(c.id);
        if (good > 0 && c.count(ReplicaEntry.State.CORRUPT) > 0) withCorrupt.add(c.id);
        if (good > 0 && good + c.copies.size() < c.replication) {
            c.queuedGood = good;
            needy.add(c);
        }
    }

    /** Takes {@code c} off every list but {@link #copying}. */
    void unqueue(ChunkState c) {
        if (c.queuedGood >= 0) {
            needy.remove(c);
            c.queuedGood = -1;
        }
        missing.remove(c.id);
        surplus.remove(c.id);
        withCorrupt.remove(c.id);
    }
}
