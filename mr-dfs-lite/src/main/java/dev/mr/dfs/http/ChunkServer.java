package dev.mr.dfs.http;

import dev.mr.security.Access;
import dev.mr.security.AccessRule;
import dev.mr.security.AccessRules;
import dev.mr.security.BaseUrl;
import dev.mr.security.Credentials;
import dev.mr.dfs.ChunkId;
import dev.mr.dfs.DfsSettings;
import dev.mr.dfs.Problem;
import dev.mr.dfs.StoreException;
import dev.mr.dfs.chunk.ChunkFiles;
import dev.mr.dfs.chunkserver.ChunkCopier;
import dev.mr.dfs.chunkserver.ChunkServerDuties;
import dev.mr.dfs.chunkserver.ChunkStore;
import dev.mr.dfs.chunkserver.Heartbeater;
import dev.mr.dfs.chunkserver.LocalServers;
import dev.mr.dfs.client.HttpTransport;
import dev.mr.dfs.protocol.ChunkServerStatus;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A chunk server, for embedding in the worker daemon: stores replicas in a chunk directory and
 * serves them under {@value #PREFIX}; its heartbeats, the master's orders and the scrubbing of
 * its disk ({@link ChunkServerDuties}) run on this Vert.x instance's timers and worker threads.
 *
 * <p>Use: {@code new ChunkServer(vertx, chunkDir, masterUrl, settings, credentials)}, {@link #mount} on the
 * worker's router, start the HTTP server, then {@link #start} with the advertised
 * {@code host:port} of that server; {@link #stop} at shutdown (it says no goodbye: the master
 * notices the silence). Routes answer 503 until started. All disk I/O runs on worker threads.
 */
public final class ChunkServer {

    private static final Logger LOG = LoggerFactory.getLogger(ChunkServer.class);
    public static final String PREFIX = "/dfs/v1/chunks";
    /** Who may call what: a chunk's bytes need a capability for that chunk (or the cluster secret); the status, the secret. */
    public static final AccessRules ACCESS = AccessRules.of(
            AccessRule.of("GET", PREFIX, Access.CLUSTER),
            AccessRule.of("PUT", PREFIX + "/([^/]+)", Access.CHUNK_WRITE),
            AccessRule.of("GET", PREFIX + "/([^/]+)/crc", Access.CHUNK_READ),
            AccessRule.of("GET", PREFIX + "/([^/]+)", Access.CHUNK_READ));

    private final Vertx vertx;
    private final String masterUrl;
    private final DfsSettings settings;
    private final ChunkStore store;
    private final HttpTransport http;
    private final LocalServers local;
    private volatile boolean started;
    private String address;
    private ChunkServerDuties duties;

    /**
     * {@code credentials}: how it calls the master and other chunk servers (signed with the cluster
     * secret, trusting the cluster's CA); it reaches other chunk servers with the scheme of {@code masterUrl}.
     */
    public ChunkServer(Vertx vertx, Path chunkDir, String masterUrl, DfsSettings settings, Credentials credentials) {
        this(vertx, chunkDir, masterUrl, settings, credentials, new LocalServers());
    }

    /** As above, joining {@code local} while it runs, so that clients given {@code local} write into its store directly. */
    public ChunkServer(Vertx vertx, Path chunkDir, String masterUrl, DfsSettings settings, Credentials credentials, LocalServers local) {
        this.local = local;
        this.vertx = vertx;
        this.masterUrl = masterUrl;
        this.settings = settings;
        this.store = new ChunkStore(chunkDir, settings.fsyncChunks());
        this.http = new HttpTransport(settings.ioTimeoutMs(), credentials, BaseUrl.schemeOf(masterUrl));
    }

    /**
     * Options for the HTTP server hosting a chunk server: request bodies reach handlers in
     * pieces of {@value #BODY_PIECE} bytes instead of the default 8 KiB, which cuts the
     * per-piece work of an upload by 32. The worker daemon should start from these (through
     * {@link dev.mr.security.http.HttpsOptions}, which turns TLS on when the daemon has a certificate).
     */
    public static HttpServerOptions httpOptions() {
        return new HttpServerOptions().setMaxChunkSize(BODY_PIECE).setReceiveBufferSize(1 << 20);
    }

    static final int BODY_PIECE = 256 << 10;

    public ChunkStore store() {
        return store;
    }

    public String address() {
        return address;
    }

    /** Adds the chunk server's routes to {@code router}. */
    public void mount(Router router) {
        router.get(PREFIX).handler(this::status);
        router.put(PREFIX + "/:chunk").handler(ctx -> {
            if (ready(ctx)) new ChunkUpload(vertx, store, settings.maxChunkSize()).handle(ctx);
        });
        router.get(PREFIX + "/:chunk/crc").handler(this::crcs);
        router.get(PREFIX + "/:chunk").handler(this::read);
        router.route(PREFIX + "/*").handler(JsonReplies.unknownEndpoint("chunk server"));
        router.route(PREFIX + "/*").failureHandler(JsonReplies.failures(settings.maxChunkSize() + " bytes"));
    }

    /** Opens the chunk directory (on a worker thread) and starts heartbeats and scrubbing. */
    public Future<Void> start(String advertisedAddress) {
        this.address = advertisedAddress;
        return vertx.executeBlocking(() -> {
            store.open();
            return null;
        }, false).map(v -> {
            Heartbeater heartbeater = new Heartbeater(store, Heartbeater.over(http, masterUrl), advertisedAddress, settings.reportIntervalMs());
            duties = new ChunkServerDuties(store, heartbeater, new ChunkCopier(store, http)::copy, settings.heartbeatMs(),
                    settings.scrubIntervalMs(), System::currentTimeMillis, this::every, this::runBlocking);
            started = true;
            local.add(store.serverId(), store);
            duties.start();
            LOG.info("chunk server {} at {} started; master {}", store.serverId(), advertisedAddress, masterUrl);
            return null;
        });
    }

    /** Stops heartbeats and scrubbing and refuses further requests. */
    public Future<Void> stop() {
        started = false;
        if (duties != null) duties.stop();
        if (store.serverId() != null) local.remove(store.serverId());
        return Future.succeededFuture();
    }

    private Runnable every(long firstDelayMs, long periodMs, Runnable task) {
        long timer = vertx.setPeriodic(firstDelayMs, periodMs, id -> task.run());
        return () -> vertx.cancelTimer(timer);
    }

    private void runBlocking(Runnable work) {
        vertx.executeBlocking(() -> {
            work.run();
            return null;
        }, false);
    }

    // ---------------------------------------------------------------- routes

    private boolean ready(RoutingContext ctx) {
        if (started) return true;
        JsonReplies.error(ctx, Problem.UNAVAILABLE, "this chunk server is starting or stopped");
        return false;
    }

    private ChunkId chunk(RoutingContext ctx) {
        try {
            return ChunkId.parse(ctx.pathParam("chunk"));
        } catch (IllegalArgumentException e) {
            throw new StoreException(Problem.BAD_REQUEST, e.getMessage());
        }
    }

    private void status(RoutingContext ctx) {
        if (!ready(ctx)) return;
        vertx.executeBlocking(() -> new ChunkServerStatus(store.serverId().value(), address, store.size(), store.freeBytes(), store.usedBytes()), false)
                .onComplete(ar -> {
                    if (ar.succeeded()) JsonReplies.ok(ctx, ar.result());
                    else JsonReplies.fail(ctx, ar.cause());
                });
    }

    private void crcs(RoutingContext ctx) {
        if (!ready(ctx)) return;
        try {
            ChunkId id = present(chunk(ctx));
            vertx.executeBlocking(() -> Files.readAllBytes(ChunkFiles.crc(store.dir(), id)), false).onComplete(ar -> {
                if (ar.succeeded()) ctx.response().putHeader("Content-Type", "application/octet-stream").end(io.vertx.core.buffer.Buffer.buffer(ar.result()));
                else JsonReplies.fail(ctx, new StoreException(Problem.NOT_FOUND, id + " is not stored on " + store.serverId()));
            });
        } catch (RuntimeException e) {
            JsonReplies.fail(ctx, e);
        }
    }

    private ChunkId present(ChunkId id) {
        if (store.get(id) == null) throw new StoreException(Problem.NOT_FOUND, id + " is not stored on " + store.serverId());
        if (store.isKnownCorrupt(id)) throw new StoreException(Problem.CORRUPT, id + " on " + store.serverId() + " failed its checksums");
        return id;
    }

    /** Sends bytes of a replica: {@code offset} and {@code length} (default: all), checked first when {@code verify=true}. */
    private void read(RoutingContext ctx) {
        if (!ready(ctx)) return;
        try {
            ChunkId id = present(chunk(ctx));
            long size = store.get(id).length();
            long offset = longParam(ctx, "offset", 0);
            long length = longParam(ctx, "length", size - Math.min(offset, size));
            if (offset < 0 || length < 0 || offset > size || length > size - offset) {
                throw new StoreException(Problem.BAD_RANGE, "range [" + offset + ", " + offset + "+" + length + ") lies outside " + id
                        + " (" + size + " bytes)");
            }
            Path data = store.dataFile(id);
            boolean verify = "true".equals(ctx.request().getParam("verify"));
            Future<Void> checked = !verify ? Future.succeededFuture() : vertx.executeBlocking(() -> {
                try {
                    ChunkFiles.verify(store.dir(), id, store.readCrcs(id));
                } catch (IOException e) {
                    store.markCorrupt(id, "checked before sending: " + e.getMessage());
                    throw new StoreException(Problem.CORRUPT, id + " on " + store.serverId() + " failed its checksums: " + e.getMessage());
                }
                return null;
            }, false);
            checked.onSuccess(v -> ctx.response().putHeader("Content-Type", "application/octet-stream")
                            .sendFile(data.toString(), offset, length)
                            .onFailure(e -> LOG.debug("sending {} stopped: {}", id, e.getMessage())))
                    .onFailure(e -> JsonReplies.fail(ctx, e));
        } catch (RuntimeException e) {
            JsonReplies.fail(ctx, e);
        }
    }

    private static long longParam(RoutingContext ctx, String name, long dflt) {
        String v = ctx.request().getParam(name);
        if (v == null) return dflt;
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new StoreException(Problem.BAD_REQUEST, "query parameter " + name + "=" + v + " is not a number");
        }
    }
}
