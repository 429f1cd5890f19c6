package dev.mr.dfs.client;

import dev.mr.dfs.DfsSettings;
import dev.mr.dfs.protocol.AllocateReply;
import dev.mr.dfs.protocol.CreateReply;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * A new file being written: bytes are cut into packets of one checksum window, never across
 * a chunk boundary, and streamed to every replica of the current chunk as they come, so a
 * writer holds at most a few packets per replica in memory. A chunk is committed to the
 * master once a write quorum stored it; the file becomes visible when {@link #close} succeeds.
 * Any failure abandons the file (the master drops it and reclaims its chunks) and is thrown.
 *
 * <p>Confined to one thread, like any {@link OutputStream}.
 */
public final class DfsOutput extends OutputStream {

    private final DfsClient client;
    private final CreateReply file;
    /** Handed whole to the replica streams when sent (they share it, read-only), then replaced. */
    private byte[] packet = new byte[DfsSettings.CHECKSUM_WINDOW];
    private int packetLen;
    private ChunkWrite current;
    private long chunkBytes;
    private long total;
    private boolean closed;
    private IOException failure;
    /** The file's whole length when the writer promised it ({@link #expectLength}), else -1. */
    private long expected = -1;

    DfsOutput(DfsClient client, CreateReply file) {
        this.client = client;
        this.file = file;
    }

    /** The file's path in the store. */
    public String path() {
        return file.path();
    }

    /** Bytes written so far. */
    public long written() {
        return total + packetLen;
    }

    /**
     * Promises the file's whole length before any byte is written: chunks then go to the servers
     * with a known length, which costs the writer a copy less per replica. Writing more than
     * promised, or closing after fewer, fails the file.
     */
    public void expectLength(long length) throws IOException {
        if (length < 0) throw new IllegalArgumentException("negative length " + length);
        if (written() > 0 || current != null) throw new IllegalStateException("expectLength must come before the first byte");
        check();
        expected = length;
    }

    /** The warning the master gave when the file was created (too few live servers), or null. */
    public String warning() {
        return file.warning();
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        check();
        try {
            checkRoom(len);
            while (len > 0) {
                long chunkRoom = file.chunkSize() - chunkBytes - packetLen;
                int n = (int) Math.min(Math.min(len, packet.length - packetLen), chunkRoom);
                System.arraycopy(b, off, packet, packetLen, n);
                packetLen += n;
                off += n;
                len -= n;
                if (packetLen == packet.length || chunkBytes + packetLen == file.chunkSize()) sendPacket();
            }
        } catch (IOException | RuntimeException e) {
            throw fail(e);
        }
    }

    /**
     * Reads from {@code in} straight into the packet being filled (no copy through a caller's
     * buffer) and sends it when full: the bytes read, 0 only when nothing fits yet, or -1 at the
     * end of {@code in}. {@code in} is read at most once per call.
     */
    public int writeFrom(java.io.InputStream in) throws IOException {
        check();
        try {
            long chunkRoom = file.chunkSize() - chunkBytes - packetLen;
            int room = (int) Math.min(packet.length - packetLen, chunkRoom);
            int n = in.read(packet, packetLen, room);
            if (n <= 0) return n < 0 ? -1 : 0;
            checkRoom(n);
            packetLen += n;
            if (packetLen == packet.length || chunkBytes + packetLen == file.chunkSize()) sendPacket();
            return n;
        } catch (IOException | RuntimeException e) {
            throw fail(e);
        }
    }

    /** Refuses bytes past the promised length, before they are sent. */
    private void checkRoom(long len) throws IOException {
        if (expected >= 0 && written() + len > expected) {
            throw new IOException("dfs:" + file.path() + ": the source has more than the " + expected
                    + " bytes promised (did it change while being copied?)");
        }
    }

    private void sendPacket() throws IOException {
        if (packetLen == 0) return;
        if (current == null) {
            AllocateReply alloc = client.allocate(file);
            long length = expected < 0 ? -1 : Math.min(file.chunkSize(), expected - total);
            current = new ChunkWrite(client, alloc, file.path(), length);
        }
        byte[] sent = packetLen == packet.length ? packet : Arrays.copyOf(packet, packetLen);
        packet = new byte[DfsSettings.CHECKSUM_WINDOW];
        current.send(sent);
        chunkBytes += packetLen;
        total += packetLen;
        packetLen = 0;
        if (chunkBytes == file.chunkSize()) finishChunk();
    }

    private void finishChunk() throws IOException {
        ChunkWrite.Result r = current.finish();
        client.commit(file, current.chunk, r.crcs(), r.servers());
        current = null;
        chunkBytes = 0;
    }

    /** Data reaches the servers as packets fill; nothing becomes visible before {@link #close}. */
    @Override
    public void flush() throws IOException {
        check();
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            if (failure != null) throw failure;
            return;
        }
        try {
            check();
            if (expected >= 0 && written() != expected) {
                throw new IOException("dfs:" + file.path() + ": the source ended after " + written() + " of the " + expected
                        + " bytes promised (did it change while being copied?)");
            }
            sendPacket();
            if (current != null) finishChunk();
            client.complete(file, total);
            closed = true;
        } catch (IOException | RuntimeException e) {
            throw fail(e);
        } finally {
            client.writerDone(file);
        }
    }

    /** Gives the file up: it never becomes visible and its chunks are reclaimed. */
    public void abandon() {
        if (closed) return;
        fail(new IOException("dfs:" + file.path() + " was abandoned by its writer"));
        client.writerDone(file);
    }

    private void check() throws IOException {
        if (failure != null) throw failure;
        if (closed) throw new IOException("dfs:" + file.path() + " is already closed");
    }

    private IOException fail(Exception e) {
        if (failure != null) return failure;
        failure = e instanceof IOException io ? io : new IOException(e.toString(), e);
        closed = true;
        if (current != null) current.abort();
        client.abandonQuietly(file);
        return failure;
    }
}
