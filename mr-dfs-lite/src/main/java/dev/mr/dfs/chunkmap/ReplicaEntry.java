package dev.mr.dfs.chunkmap;

import dev.mr.dfs.ChunkId;
import dev.mr.dfs.ServerId;

/** One server's replica of a chunk; its state changes only as {@link ReplicaTransitions} allows. Owned by {@link ChunkMap}'s thread. */
final class ReplicaEntry {

    enum State {
        /** Counts towards the chunk's replication and serves reads. */
        GOOD,
        /** Failed its checksums; kept only while no good replica exists. */
        CORRUPT,
        /** Ordered deleted; waiting for the server to confirm. */
        DELETING
    }

    private State state;
    /** As reported by the server; -1 when only the writer vouched for it. */
    long length;
    int digest;
    /** A replica only the writer vouched for was missing from one full report of its server (see {@code ChunkMap.spareVouched}). */
    boolean missedReport;

    ReplicaEntry(State state, long length, int digest) {
        this.state = state;
        this.length = length;
        this.digest = digest;
    }

    State state() {
        return state;
    }

    /**
     * Applies {@code trigger} to this replica (of {@code chunk}, on {@code server}) as the table says:
     * true when it moved (possibly to the state it was in), false when the table ignores it here.
     */
    boolean take(ReplicaTransitions.Trigger trigger, ChunkId chunk, ServerId server) {
        State next = ReplicaTransitions.TABLE.next(chunk, server.value(), state, trigger);
        if (next == null) return false;
        state = next;
        return true;
    }
}
