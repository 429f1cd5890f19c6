package dev.mr.dfs.http;

import dev.mr.dfs.ChunkId;
import dev.mr.dfs.Problem;
import dev.mr.dfs.StoreException;
import dev.mr.dfs.chunk.ChunkChecksum;
import dev.mr.dfs.chunkmap.Replica;
import dev.mr.dfs.chunkserver.ChunkStore;
import dev.mr.dfs.protocol.ChunkWritten;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Path;

/**
 * One {@code PUT} of a chunk: the body streams into a temporary file through an
 * {@link AsyncFile} (disk writes off the event loop, with back-pressure on the request), its
 * checksums computed as it passes; at the end the replica is published and the receipt
 * carries its length and digest for the writer to compare. An over-long body, a broken
 * connection or any failure deletes the partial file and leaves nothing behind.
 *
 * <p>Confined to the request's event-loop thread, except the final publish on a worker.
 */
final class ChunkUpload {

    private final Vertx vertx;
    private final ChunkStore store;
    private final long maxLength;
    private final ChunkChecksum checksum = new ChunkChecksum();
    private RoutingContext ctx;
    private ChunkId id;
    private Path part;
    private AsyncFile file;
    private long received;
    private boolean done;

    ChunkUpload(Vertx vertx, ChunkStore store, long maxLength) {
        this.vertx = vertx;
        this.store = store;
        this.maxLength = maxLength;
    }

    void handle(RoutingContext ctx) {
        this.ctx = ctx;
        HttpServerRequest req = ctx.request();
        try {
            id = ChunkId.parse(ctx.pathParam("chunk"));
            String declared = req.getHeader("Content-Length");
            if (declared != null && Long.parseLong(declared) > maxLength) {
                throw new StoreException(Problem.TOO_LARGE, "a chunk holds at most " + maxLength + " bytes; this body declares " + declared);
            }
            part = store.reserve(id);
        } catch (RuntimeException e) {
            req.pause();
            failAndClose(e);
            return;
        }
        req.pause();
        req.exceptionHandler(e -> abort(new StoreException(Problem.BAD_REQUEST, "upload of " + id + " broke off: " + e.getMessage()), false));
        ctx.response().closeHandler(v -> abort(new StoreException(Problem.BAD_REQUEST, "connection closed during upload of " + id), false));
        vertx.fileSystem().open(part.toString(), new OpenOptions().setWrite(true).setCreate(true).setTruncateExisting(true))
                .onSuccess(f -> {
                    file = f;
                    if (done) {
                        f.close().onComplete(x -> vertx.fileSystem().delete(part.toString()));
                        return;
                    }
                    f.exceptionHandler(e -> abort(e, true));
                    req.handler(this::data);
                    req.endHandler(v -> end());
                    req.resume();
                })
                .onFailure(e -> abort(e, true));
    }

    private void data(Buffer buf) {
        if (done) return;
        received += buf.length();
        if (received > maxLength) {
            abort(new StoreException(Problem.TOO_LARGE, "a chunk holds at most " + maxLength + " bytes; the upload of " + id + " is longer"), true);
            return;
        }
        checksum.update(buf.getBytes(), 0, buf.length());
        file.write(buf);
        if (file.writeQueueFull()) {
            ctx.request().pause();
            file.drainHandler(v -> ctx.request().resume());
        }
    }

    private void end() {
        if (done) return;
        done = true;
        file.close()
                .compose(v -> vertx.executeBlocking(() -> store.publish(id, part, checksum.finish()), false))
                .onSuccess((Replica r) -> JsonReplies.ok(ctx, new ChunkWritten(id.toString(), r.length(), r.digest())))
                .onFailure(e -> {
                    vertx.executeBlocking(() -> {
                        store.release(id, part);
                        return null;
                    }, false);
                    JsonReplies.fail(ctx, e);
                });
    }

    /** Gives the upload up: deletes the partial file and, when {@code reply}, answers with the reason. */
    private void abort(Throwable why, boolean reply) {
        if (done) return;
        done = true;
        AsyncFile f = file;
        (f == null ? io.vertx.core.Future.<Void>succeededFuture() : f.close().recover(e -> io.vertx.core.Future.succeededFuture()))
                .onComplete(ar -> vertx.executeBlocking(() -> {
                    store.release(id, part);
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
