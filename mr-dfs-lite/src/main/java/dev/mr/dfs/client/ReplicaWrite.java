package dev.mr.dfs.client;

import dev.mr.dfs.protocol.ChunkWritten;
import dev.mr.dfs.protocol.ReplicaLocation;
import java.io.IOException;

/**
 * The write of one chunk to one of its replicas, fed the same packets as the others: over HTTP
 * ({@link ReplicaStream}) or straight into a chunk store in this JVM ({@link LocalReplicaWrite}).
 * The writer thread calls every method.
 */
interface ReplicaWrite {

    ReplicaLocation target();

    /** Takes a packet, which is never modified afterwards; false when this replica has failed. */
    boolean offer(byte[] packet);

    /** Ends the write and returns the replica's receipt; the failure when there is none. */
    ChunkWritten finish() throws IOException;

    /** Gives the replica up and removes what it wrote. */
    void abort(IOException why);

    boolean failed();
}
