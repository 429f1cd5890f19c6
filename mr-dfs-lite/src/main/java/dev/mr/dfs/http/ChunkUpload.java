package dev.mr.dfs.http;

import dev.mr.dfs.ChunkId;
import dev.mr.dfs.Problem;
import dev.mr.dfs.StoreException;
import dev.mr.dfs.chunkmap.Replica;
import dev.mr.dfs.chunkserver.ChunkReceiver;
import dev.mr.dfs.chunkserver.ChunkStore;
import dev.mr.dfs.protocol.ChunkWritten;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.ext.web.RoutingContext;
import java.nio.ByteBuffer;

/**
 * One {@code PUT} of a chunk. The body's pieces, as the event loop receives them, are kept
 * (not copied) until they add up to {@value #BLOCK} bytes; each such block is checksummed and
 * written with one gathering write by a {@link ChunkReceiver} on a worker thread, one block at
 * a time per upload (a chain of blocking tasks), so a disk sees few large sequential writes and
 * no worker threads pile up on one file. The request is paused while {@value #MAX_QUEUED}
 * bytes wait for the disk. At the end the replica is published and the receipt carries its
 * length and digest for the writer to compare. An over-long body, a broken connection or any
 * failure deletes the partial file.
 *
 * <p>Fields are confined to the request's event-loop thread; the receiver is touched only by
 * the chained worker tasks.
 */
final class ChunkUpload {

    /** Bytes gathered before a write: few system calls, and little waiting behind a slow disk. */
    static final int BLOCK = 1 << 20;
    static final int MAX_QUEUED = 4 << 20;

    private final Vertx vertx;
    private final ChunkStore store;
    private final long maxLength;
    private RoutingContext ctx;
    private ChunkReceiver receiver;
    /** Pieces of the body not yet handed to the disk; they are the event loop's own copies, safe to keep. */
    private java.util.List<ByteBuffer> pieces = new java.util.ArrayList<>();
    private int filled;
    private Future<Void> chain = Future.succeededFuture();
    private long received;
    private long queued;
    private boolean paused;
    private boolean done;

    ChunkUpload(Vertx vertx, ChunkStore store, long maxLength) {
        this.vertx = vertx;
        this.store = store;
        this.maxLength = maxLength;
    }

    void handle(RoutingContext ctx) {
        this.ctx = ctx;
        HttpServerRequest req = ctx.request();
        ChunkId id;
        try {
            id = ChunkId.parse(ctx.pathParam("chunk"));
            String declared = req.getHeader("Content-Length");
            if (declared != null && Long.parseLong(declared) > maxLength) {
                throw new StoreException(Problem.TOO_LARGE, "a chunk holds at most " + maxLength + " bytes; this body declares " + declared);
            }
            receiver = new ChunkReceiver(store, id, maxLength);
        } catch (RuntimeException e) {
            failAndClose(e);
            return;
        }
        req.exceptionHandler(e -> abort(new StoreException(Problem.BAD_REQUEST, "upload of " + id + " broke off: " + e.getMessage()), false));
        ctx.response().closeHandler(v -> abort(new StoreException(Problem.BAD_REQUEST, "connection closed during upload of " + id), false));
        req.handler(this::data);
        req.endHandler(v -> end());
    }

    private void data(Buffer buf) {
        if (done) return;
        received += buf.length();
        if (received > maxLength) {
            abort(new StoreException(Problem.TOO_LARGE, "a chunk holds at most " + maxLength + " bytes; the upload of " + receiver.id()
                    + " is longer"), true);
            return;
        }
        if (buf.length() == 0) return;
        pieces.add(((BufferInternal) buf).getByteBuf().nioBuffer());
        filled += buf.length();
        if (filled >= BLOCK) flush();
    }

    /** Hands the gathered pieces to the disk, after the blocks before them. */
    private void flush() {
        if (filled == 0) return;
        ByteBuffer[] bufs = pieces.toArray(new ByteBuffer[0]);
        int len = filled;
        pieces = new java.util.ArrayList<>();
        filled = 0;
        queued += len;
        if (queued > MAX_QUEUED && !paused) {
            paused = true;
            ctx.request().pause();
        }
        chain = chain.compose(v -> vertx.<Void>executeBlocking(() -> {
            receiver.write(bufs);
            return null;
        }, false)).onSuccess(v -> {
            queued -= len;
            if (paused && queued <= MAX_QUEUED / 2 && !done) {
                paused = false;
                ctx.request().resume();
            }
        }).onFailure(e -> abort(e, true));
    }

    private void end() {
        if (done) return;
        flush();
        done = true;
        chain.compose(v -> vertx.executeBlocking(receiver::finish, false))
                .onSuccess((Replica r) -> JsonReplies.ok(ctx, new ChunkWritten(r.chunk().toString(), r.length(), r.digest())))
                .onFailure(e -> {
                    vertx.executeBlocking(() -> {
                        receiver.abort();
                        return null;
                    }, false);
                    JsonReplies.fail(ctx, e);
                });
    }

    /** Gives the upload up: deletes the partial file (after any write in flight) and, when {@code reply}, answers with the reason. */
    private void abort(Throwable why, boolean reply) {
        if (done) return;
        done = true;
        chain.eventually(() -> vertx.executeBlocking(() -> {
            receiver.abort();
            return null;
        }, false));
        if (reply) failAndClose(why);
    }

    /** Answers with the failure and closes the connection: the rest of the body is not wanted. */
    private void failAndClose(Throwable why) {
        ctx.response().putHeader("Connection", "close");
        JsonReplies.fail(ctx, why);
    }
}
