package dev.mr.dfs.client;

import dev.mr.dfs.protocol.ChunkWritten;
import dev.mr.dfs.protocol.ReplicaLocation;
import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The upload of one chunk to one chunk server, on its own thread, fed packets through a
 * bounded queue: the writer hands the same packet to every replica's stream, so a slow server
 * delays only its own stream until its queue fills, and a dead one fails alone. Packets are
 * never modified after they are offered.
 *
 * <p>The writer thread calls {@link #offer}, {@link #finish} and {@link #abort}; the stream's
 * thread does the I/O.
 */
final class ReplicaStream implements ReplicaWrite {

    private static final byte[] END = new byte[0];
    private static final int QUEUE = 32;
    /** HTTP chunk size of the upload: large, so a packet costs few system calls. */
    private static final int HTTP_CHUNK = 256 << 10;

    private final ReplicaLocation target;
    private final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(QUEUE);
    private final CompletableFuture<ChunkWritten> result = new CompletableFuture<>();
    private final long timeoutMs;
    private volatile boolean failed;
    private volatile HttpTransport.Upload upload;

    /** {@code length}: the chunk's length when known in advance (sent as Content-Length, which saves a copy), else -1. */
    ReplicaStream(ExecutorService threads, HttpTransport http, ReplicaLocation target, String chunk, String token, long length, long timeoutMs) {
        this.target = target;
        this.timeoutMs = timeoutMs;
        String url = http.chunkUrl(target.address(), chunk);
        threads.execute(() -> run(http, url, token, length));
    }

    private void run(HttpTransport http, String url, String token, long length) {
        try {
            upload = http.put(url, HTTP_CHUNK, length, token);
            try {
                while (true) {
                    byte[] p = queue.take();
                    if (p == END) break;
                    upload.body().write(p);
                }
            } catch (IOException e) {
                throw upload.errorOr(e);
            }
            result.complete(upload.finish(ChunkWritten.class));
        } catch (IOException | RuntimeException e) {
            fail(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(new IOException("upload interrupted"));
        }
    }

    private void fail(Exception e) {
        failed = true;
        queue.clear();
        result.completeExceptionally(e);
    }

    @Override
    public ReplicaLocation target() {
        return target;
    }

    @Override
    public boolean failed() {
        return failed;
    }

    /** Queues a packet; false when this replica has failed or stalled past the timeout. */
    @Override
    public boolean offer(byte[] packet) {
        if (failed) return false;
        try {
            if (queue.offer(packet, timeoutMs, TimeUnit.MILLISECONDS)) return true;
            abort(new IOException("chunk server " + target.address() + " stopped accepting data for " + timeoutMs + " ms"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abort(new IOException("interrupted"));
        }
        return false;
    }

    /** Ends the upload and waits for the server's receipt; the failure when there is none. */
    @Override
    public ChunkWritten finish() throws IOException {
        if (!failed) offer(END);
        try {
            return result.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            throw c instanceof IOException io ? io : new IOException(c.toString(), c);
        } catch (TimeoutException e) {
            abort(new IOException("no receipt from " + target.address() + " within " + timeoutMs + " ms"));
            throw new IOException("no receipt from chunk server " + target.address() + " within " + timeoutMs + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted waiting for " + target.address());
        }
    }

    @Override
    public void abort(IOException why) {
        fail(why);
        HttpTransport.Upload u = upload;
        if (u != null) u.abort();
        queue.offer(END);
    }
}
