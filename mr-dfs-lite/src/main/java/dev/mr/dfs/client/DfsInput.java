package dev.mr.dfs.client;

import dev.mr.api.fs.SeekableInput;
import dev.mr.dfs.DfsSettings;
import dev.mr.dfs.chunk.ChunkCrcs;
import dev.mr.dfs.chunk.ChunkFiles;
import dev.mr.dfs.protocol.ChunkLayout;
import dev.mr.dfs.protocol.FileLayout;
import dev.mr.dfs.protocol.ReplicaLocation;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A file being read. Bytes are handed out only after their checksum window is verified, so
 * a wrong byte never reaches the caller. A replica on this host is read from disk; others over
 * HTTP. When a replica fails its checksums the master is told and the next replica is tried;
 * when no replica can be read the layout is fetched again once (replicas move), and then the
 * read fails: with a {@link ChecksumException} naming the file and offset when every replica
 * was corrupt.
 *
 * <p>Confined to one thread.
 */
public final class DfsInput extends SeekableInput {

    private final DfsClient client;
    private final String path;
    private FileLayout layout;
    private long pos;
    /** The verified window, from position 0: for a local replica, mapped file pages, so its bytes reach an output file with one copy. */
    private ByteBuffer window;
    private long windowStart = -1;
    private int windowLen;
    private ReplicaCursor cursor;
    private boolean closed;

    DfsInput(DfsClient client, FileLayout layout) {
        this.client = client;
        this.path = layout.path();
        this.layout = layout;
    }

    @Override
    public int read() throws IOException {
        byte[] b = new byte[1];
        int n = read(b, 0, 1);
        return n < 0 ? -1 : b[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (closed) throw new IOException("dfs:" + path + " is closed");
        if (len == 0) return 0;
        if (pos >= layout.length()) return -1;
        if (pos < windowStart || pos >= windowStart + windowLen) load(pos);
        int n = (int) Math.min(len, windowStart + windowLen - pos);
        window.get((int) (pos - windowStart), b, off, n);
        pos += n;
        return n;
    }

    /**
     * Copies the rest of the file to {@code out}, verified window by window like {@link #read};
     * to a file, the bytes of a local replica never enter the Java heap.
     */
    @Override
    public long transferTo(OutputStream out) throws IOException {
        return transferTo(out, Long.MAX_VALUE);
    }

    /** Like {@link #transferTo(OutputStream)}, stopping after about {@code max} bytes (whole windows); 0 at the end. */
    public long transferTo(OutputStream out, long max) throws IOException {
        return transferTo(out instanceof FileOutputStream f ? f.getChannel() : Channels.newChannel(out), max);
    }

    /** Copies up to about {@code max} bytes (whole windows) to a channel, verified; 0 at the end. */
    public long transferTo(WritableByteChannel ch, long max) throws IOException {
        if (closed) throw new IOException("dfs:" + path + " is closed");
        long start = pos;
        while (pos < layout.length() && pos - start < max) {
            if (pos < windowStart || pos >= windowStart + windowLen) load(pos);
            ByteBuffer slice = window.duplicate();
            slice.position((int) (pos - windowStart)).limit(windowLen);
            int n = slice.remaining();
            while (slice.hasRemaining()) ch.write(slice);
            pos += n;
        }
        return pos - start;
    }

    @Override
    public long skip(long n) {
        long target = Math.min(layout.length(), pos + Math.max(0, n));
        long skipped = target - pos;
        pos = target;
        return skipped;
    }

    @Override
    public int available() {
        return (int) Math.min(Integer.MAX_VALUE, windowStart + windowLen - pos > 0 ? windowStart + windowLen - pos : 0);
    }

    @Override
    public void seek(long to) throws IOException {
        if (to < 0 || to > layout.length()) throw new IOException("seek to " + to + " outside dfs:" + path + " (length " + layout.length() + ")");
        pos = to;
    }

    @Override
    public long position() {
        return pos;
    }

    @Override
    public long length() {
        return layout.length();
    }

    /** Fills the window holding {@code at}. */
    private void load(long at) throws IOException {
        int ci = (int) (at / layout.chunkSize());
        ChunkLayout chunk = layout.chunks().get(ci);
        int w = (int) ((at - chunk.offset()) / DfsSettings.CHECKSUM_WINDOW);
        if (cursor != null && cursor.chunk.chunk().equals(chunk.chunk()) && cursor.window == w) {
            try {
                fill(cursor, chunk, w);
                return;
            } catch (ChunkFiles.Mismatch e) {
                corrupt(cursor.replica, chunk, e);
                Set<String> bad = new HashSet<>();
                bad.add(cursor.replica.server());
                closeCursor();
                loadFromAny(at, ci, w, bad, true);
                return;
            } catch (IOException e) {
                closeCursor();
            }
        }
        closeCursor();
        loadFromAny(at, ci, w, new HashSet<>(), false);
    }

    private void loadFromAny(long at, int ci, int w, Set<String> corruptOn, boolean sawCorrupt) throws IOException {
        List<String> errors = new ArrayList<>();
        for (int attempt = 0; attempt < 2; attempt++) {
            ChunkLayout chunk = layout.chunks().get(ci);
            Set<String> failed = new HashSet<>(corruptOn);
            for (ReplicaLocation r : client.readOrder(chunk.replicas())) {
                if (failed.contains(r.server())) continue;
                for (boolean local : client.isLocal(r) ? new boolean[] {true, false} : new boolean[] {false}) {
                    ReplicaCursor c = null;
                    try {
                        c = local ? new ReplicaCursor.Local(r, chunk, w) : new ReplicaCursor.Remote(client.http(), r, chunk, w);
                        fill(c, chunk, w);
                        cursor = c;
                        client.countRead(local);
                        return;
                    } catch (ChunkFiles.Mismatch e) {
                        close(c);
                        corrupt(r, chunk, e);
                        corruptOn.add(r.server());
                        failed.add(r.server());
                        sawCorrupt = true;
                        break;
                    } catch (IOException | RuntimeException e) {
                        close(c);
                        errors.add((local ? "local disk of " : "") + r.address() + ": " + e.getMessage());
                    }
                }
            }
            if (attempt == 0) layout = client.layout(path);
        }
        if (sawCorrupt && errors.isEmpty()) throw new ChecksumException(path, at, layout.chunks().get(ci).chunk());
        String chunkId = layout.chunks().get(ci).chunk();
        if (layout.chunks().get(ci).replicas().isEmpty() && corruptOn.isEmpty()) {
            throw new IOException("cannot read dfs:" + path + " at offset " + at + ": no live chunk server holds " + chunkId);
        }
        throw new IOException("cannot read dfs:" + path + " at offset " + at + ": no replica of " + chunkId + " could be read ("
                + (sawCorrupt ? corruptOn.size() + " failed their checksums; " : "") + String.join("; ", errors) + ")");
    }

    private void fill(ReplicaCursor c, ChunkLayout chunk, int w) throws IOException {
        windowStart = -1;
        windowLen = 0;
        ByteBuffer next = c.next();
        int len = next.remaining();
        if (!c.crcs.matches(w, next)) {
            windowStart = -1;
            windowLen = 0;
            throw new ChunkFiles.Mismatch(dev.mr.dfs.ChunkId.parse(chunk.chunk()), ChunkCrcs.windowStart(w),
                    "data read from " + (c.local() ? "the local disk of " : "") + c.replica.address());
        }
        window = next;
        windowStart = chunk.offset() + ChunkCrcs.windowStart(w);
        windowLen = len;
    }

    private void corrupt(ReplicaLocation r, ChunkLayout chunk, IOException e) {
        client.reportCorrupt(chunk.chunk(), r.server(), "dfs:" + path + ": " + e.getMessage());
    }

    private void closeCursor() {
        close(cursor);
        cursor = null;
    }

    private static void close(ReplicaCursor c) {
        if (c == null) return;
        try {
            c.close();
        } catch (IOException ignored) {
            // nothing left to read from it
        }
    }

    @Override
    public void close() {
        closed = true;
        closeCursor();
    }
}
