package dev.mr.dfs.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpConnection;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one HTTP server at no more than {@code max} open connections: installed as the server's
 * connection handler, it counts each accepted connection until it closes, and closes at once a
 * connection that would be one too many (the client sees the connection closed, and may retry).
 * Vert.x has no such limit of its own; without one, a client opening connections without end
 * exhausts the daemon's file descriptors.
 *
 * <p>Called on the event loops of the server, several at once: the count is atomic. One
 * instance per server.
 */
final class ConnectionCap implements Handler<HttpConnection> {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionCap.class);
    private static final long WARN_EVERY_MS = 60_000;

    private final int max;
    private final AtomicInteger open = new AtomicInteger();
    private volatile long lastWarning;

    ConnectionCap(int max) {
        this.max = max;
    }

    @Override
    public void handle(HttpConnection connection) {
        connection.closeHandler(v -> open.decrementAndGet());
        if (open.incrementAndGet() > max) {
            warn(connection);
            connection.close();
        }
    }

    int open() {
        return open.get();
    }

    private void warn(HttpConnection connection) {
        long now = System.currentTimeMillis();
        if (now - lastWarning < WARN_EVERY_MS) return;
        lastWarning = now;
        LOG.warn("{} open connections, more than {} ({}): closing the one from {} (and others for a minute, silently)",
                open.get(), max, ServerLimits.MAX_CONNECTIONS, connection.remoteAddress());
    }
}
