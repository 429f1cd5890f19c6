package dev.mr.dfs.http;

import io.vertx.core.Future;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Waits for a Vert.x future from a thread that may block (a main method, a test, a daemon's
 * start or stop; never an event loop): the daemons' and the mini clusters' one way to do so.
 * A failed future's cause comes out as itself when it is an IOException, else wrapped in one.
 */
public final class VertxFutures {

    private static final long DEFAULT_TIMEOUT_S = 60;

    private VertxFutures() {}

    /** The future's result, waiting up to 60 s. */
    public static <T> T await(Future<T> f) throws IOException {
        return await(f, DEFAULT_TIMEOUT_S);
    }

    /** The future's result, waiting up to {@code seconds}. */
    public static <T> T await(Future<T> f, long seconds) throws IOException {
        try {
            return f.toCompletionStage().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (Exception e) {
            Throwable c = e.getCause() == null ? e : e.getCause();
            throw c instanceof IOException io ? io : new IOException(c.toString(), c);
        }
    }
}
