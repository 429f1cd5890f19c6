package dev.mr.dfs.client;

import dev.mr.dfs.ChunkId;
import dev.mr.dfs.chunkmap.Replica;
import dev.mr.dfs.chunkserver.ChunkReceiver;
import dev.mr.dfs.chunkserver.ChunkStore;
import dev.mr.dfs.protocol.ChunkWritten;
import dev.mr.dfs.protocol.ReplicaLocation;
import java.io.IOException;

/**
 * One replica written by the writer's own thread straight into the chunk store of this JVM's
 * chunk server (a worker's reducer writing its output): the same {@link ChunkReceiver} an HTTP
 * upload feeds, so checksums, publication and the heartbeat report are the same, without the
 * HTTP request, the event loop and the copies between them. Confined to the writer thread.
 */
final class LocalReplicaWrite implements ReplicaWrite {

    private final ReplicaLocation target;
    private ChunkReceiver receiver;
    private IOException failure;

    /** Reserves the chunk in {@code store}; when the store refuses, this replica has failed (the others go on). */
    LocalReplicaWrite(ReplicaLocation target, ChunkStore store, ChunkId chunk, long maxLength) {
        this.target = target;
        try {
            this.receiver = new ChunkReceiver(store, chunk, maxLength);
        } catch (RuntimeException e) {
            failure = new IOException("local chunk server " + target.address() + " refused " + chunk + ": " + e.getMessage(), e);
        }
    }

    @Override
    public ReplicaLocation target() {
        return target;
    }

    @Override
    public boolean offer(byte[] packet) {
        if (failure != null) return false;
        try {
            receiver.write(packet, packet.length);
            return true;
        } catch (IOException | RuntimeException e) {
            abort(new IOException("local chunk server " + target.address() + ": " + e.getMessage(), e));
            return false;
        }
    }

    @Override
    public ChunkWritten finish() throws IOException {
        if (failure != null) throw failure;
        try {
            Replica r = receiver.finish();
            return new ChunkWritten(r.chunk().toString(), r.length(), r.digest());
        } catch (IOException | RuntimeException e) {
            abort(new IOException("local chunk server " + target.address() + ": " + e.getMessage(), e));
            throw failure;
        }
    }

    @Override
    public void abort(IOException why) {
        if (failure == null) failure = why;
        if (receiver != null) receiver.abort();
    }

    @Override
    public boolean failed() {
        return failure != null;
    }
}
