package dev.mr.dfs.http;

import dev.mr.api.Configuration;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.util.concurrent.TimeUnit;

/**
 * The limits every HTTP server of the daemons runs with (master, worker, {@code mr-dfs serve}),
 * read once from the daemon's settings: a connection that neither sends nor receives for
 * {@link #IDLE_TIMEOUT_MS} is closed (a client that opens a connection and sends nothing is
 * cut off then), a request line or header block longer than {@link #MAX_INITIAL_LINE_BYTES} or
 * {@link #MAX_HEADER_BYTES} is refused (414 / 431) before any handler sees it, and at most
 * {@link #MAX_CONNECTIONS} connections are open per server ({@link ConnectionCap}).
 *
 * <p>The servers speak HTTP/1.1 only: with cleartext HTTP/2 on, Vert.x holds a new connection
 * until its first bytes show which protocol it speaks, and only then reports it, so a client
 * that connects and stays silent would never be counted against the cap.
 *
 * <p>The timeout counts reads and writes together, not reads alone: a client downloading a
 * chunk or a map output sends nothing for as long as the transfer takes and must not be cut off.
 * Immutable; {@link #createServer} may be called from any thread but an event loop blocks nothing.
 */
public record ServerLimits(long idleTimeoutMs, int maxConnections, int maxHeaderBytes, int maxInitialLineBytes) {

    /** A connection with no traffic either way for this long is closed (default 120 s; must exceed the longest long-poll). */
    public static final String IDLE_TIMEOUT_MS = "mr.http.idle.timeout.ms";
    /** Open connections per server; one more is closed as soon as it is accepted (default 1024). */
    public static final String MAX_CONNECTIONS = "mr.http.max.connections";
    /** The largest header block of a request, in bytes (default 8192); larger gets 431. */
    public static final String MAX_HEADER_BYTES = "mr.http.max.header.bytes";
    /** The longest request line ({@code GET /path?query HTTP/1.1}), in bytes (default 4096, as Vert.x); longer gets 414. */
    public static final String MAX_INITIAL_LINE_BYTES = "mr.http.max.initial.line.bytes";

    /** What {@code --bind} defaults to in the master and worker daemons. */
    public static final String ALL_INTERFACES = "0.0.0.0";

    public static final long DEFAULT_IDLE_TIMEOUT_MS = 120_000;
    public static final int DEFAULT_MAX_CONNECTIONS = 1024;

    public ServerLimits {
        if (idleTimeoutMs <= 0) throw new IllegalArgumentException("setting " + IDLE_TIMEOUT_MS + "=" + idleTimeoutMs + " must be positive");
        if (maxConnections <= 0) throw new IllegalArgumentException("setting " + MAX_CONNECTIONS + "=" + maxConnections + " must be positive");
        if (maxHeaderBytes < 1024) throw new IllegalArgumentException("setting " + MAX_HEADER_BYTES + "=" + maxHeaderBytes + " must be at least 1024");
        if (maxInitialLineBytes < 1024) {
            throw new IllegalArgumentException("setting " + MAX_INITIAL_LINE_BYTES + "=" + maxInitialLineBytes + " must be at least 1024");
        }
    }

    /** The limits {@code conf} sets, the defaults for the others; an {@link IllegalArgumentException} names a bad one. */
    public static ServerLimits from(Configuration conf) {
        return new ServerLimits(conf.getLong(IDLE_TIMEOUT_MS, DEFAULT_IDLE_TIMEOUT_MS), conf.getInt(MAX_CONNECTIONS, DEFAULT_MAX_CONNECTIONS),
                conf.getInt(MAX_HEADER_BYTES, 8192), conf.getInt(MAX_INITIAL_LINE_BYTES, 4096));
    }

    /** The defaults: what a server gets when its daemon sets nothing. */
    public static ServerLimits defaults() {
        return from(new Configuration());
    }

    /** {@code base} with these limits applied (the same object, changed). */
    public HttpServerOptions applyTo(HttpServerOptions base) {
        return base.setIdleTimeout(Math.toIntExact(idleTimeoutMs)).setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
                .setMaxHeaderSize(maxHeaderBytes).setMaxInitialLineLength(maxInitialLineBytes)
                .setHttp2ClearTextEnabled(false);
    }

    /** An HTTP server with {@code base} options under these limits and its own connection cap; not yet listening. */
    public HttpServer createServer(Vertx vertx, HttpServerOptions base) {
        return vertx.createHttpServer(applyTo(base)).connectionHandler(new ConnectionCap(maxConnections));
    }
}
