package dev.mr.dfs.chunkmap;

/** One server's replica of a chunk. Owned by {@link ChunkMap}'s thread. */
final class ReplicaEntry {

    enum State {
        /** Counts towards the chunk's replication and serves reads. */
        GOOD,
        /** Failed its checksums; kept only while no good replica exists. */
        CORRUPT,
        /** Ordered deleted; waiting for the server to confirm. */
        DELETING
    }

    State state;
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
}
