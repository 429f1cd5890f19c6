package dev.mr.dfs.chunkserver;

import dev.mr.dfs.ChunkId;
import dev.mr.dfs.Problem;
import dev.mr.dfs.StoreException;
import dev.mr.dfs.chunk.ChunkChecksum;
import dev.mr.dfs.chunkmap.Replica;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A replica being received: bytes are checksummed and appended to a temporary file, and
 * {@link #finish} publishes it in the {@link ChunkStore}; {@link #abort} removes every trace.
 * Blocking; called from worker threads, one call at a time (the caller chains them), so it
 * needs no lock.
 */
public final class ChunkReceiver {

    private final ChunkStore store;
    private final ChunkId id;
    private final long maxLength;
    private final Path part;
    private final ChunkChecksum checksum = new ChunkChecksum();
    private FileChannel channel;
    private boolean closed;

    /** Reserves {@code id} in the store; a {@link StoreException} when it exists or is being written. */
    public ChunkReceiver(ChunkStore store, ChunkId id, long maxLength) {
        this.store = store;
        this.id = id;
        this.maxLength = maxLength;
        this.part = store.reserve(id);
    }

    public ChunkId id() {
        return id;
    }

    /** Appends {@code len} bytes; refuses a replica growing past the largest chunk. */
    public void write(byte[] b, int len) throws IOException {
        write(new ByteBuffer[] {ByteBuffer.wrap(b, 0, len)});
    }

    /**
     * Appends the remaining bytes of {@code bufs}, in order, with one gathering write: the
     * pieces of an upload as the network delivered them, so none is copied to be joined.
     * Refuses a replica growing past the largest chunk. The buffers are consumed.
     */
    public void write(ByteBuffer[] bufs) throws IOException {
        if (closed) throw new IOException("the upload of " + id + " was abandoned");
        long len = 0;
        for (ByteBuffer b : bufs) len += b.remaining();
        if (checksum.length() + len > maxLength) {
            throw new StoreException(Problem.TOO_LARGE, "a chunk holds at most " + maxLength + " bytes; the upload of " + id + " is longer");
        }
        if (channel == null) {
            channel = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        }
        for (ByteBuffer b : bufs) checksum.update(b.duplicate());
        for (long left = len; left > 0; ) left -= channel.write(bufs);
    }

    /** Closes the file and publishes the replica. */
    public Replica finish() throws IOException {
        if (channel == null) write(new byte[0], 0);
        channel.close();
        closed = true;
        return store.publish(id, part, checksum.finish());
    }

    /** Gives up: closes and deletes the partial file, and frees the id. Safe to call twice. */
    public void abort() {
        if (closed) return;
        closed = true;
        try {
            if (channel != null) channel.close();
        } catch (IOException ignored) {
            // deleting it anyway
        }
        store.release(id, part);
    }
}
