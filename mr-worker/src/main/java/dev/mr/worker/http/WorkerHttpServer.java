package dev.mr.worker.http;


import static dev.mr.dfs.http.VertxFutures.await;

import dev.mr.security.Access;
import dev.mr.security.AccessRule;
import dev.mr.security.AccessRules;
import dev.mr.security.ClusterSecurity;
import dev.mr.security.http.AuthHandler;
import dev.mr.security.http.HttpsOptions;
import dev.mr.dfs.http.ChunkServer;
import dev.mr.dfs.http.ServerLimits;
import dev.mr.worker.shuffle.MapOutputRegistry;
import dev.mr.worker.shuffle.ShuffleProtocol;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.io.IOException;

/**
 * The worker's one HTTP server: the chunk server's routes ({@code /dfs/v1/chunks/...}, when the
 * worker hosts one) and the shuffle server ({@code /shuffle/v1/...}, {@link ShuffleHandler});
 * anything else is a 404 {@code Problem}. HTTPS when the daemon has a certificate. Binds {@code bindHost} ({@code --bind}, all
 * interfaces by default); port 0 picks a free one, see {@link #port}. Runs under the daemon's {@link ServerLimits}. The chunk server is started and stopped by its
 * owner; {@link #close} closes only the HTTP server. Thread-safe.
 */
public final class WorkerHttpServer implements AutoCloseable {

    /** A segment opens only with the capability for its job's map outputs (or the cluster secret). */
    static final AccessRules SHUFFLE_ACCESS = AccessRules.of(
            AccessRule.of("GET", ShuffleProtocol.PREFIX + "/(job_[0-9]+)_[mr]_[0-9]+_[0-9]+/[^/]+", Access.SHUFFLE));

    private final HttpServer server;

    private WorkerHttpServer(HttpServer server) {
        this.server = server;
    }

    /** Listens under the default {@link ServerLimits}; blocks the calling thread (never an event loop) until it does. */
    public static WorkerHttpServer start(Vertx vertx, MapOutputRegistry outputs, ChunkServer chunkServer, String bindHost, int port,
                                         ClusterSecurity security) throws IOException {
        return start(vertx, outputs, chunkServer, bindHost, port, security, ServerLimits.defaults());
    }

    /** Listens under {@code limits}; blocks the calling thread (never an event loop) until it does. */
    public static WorkerHttpServer start(Vertx vertx, MapOutputRegistry outputs, ChunkServer chunkServer, String bindHost, int port,
                                         ClusterSecurity security, ServerLimits limits) throws IOException {
        Router router = router(vertx, outputs, chunkServer, security);
        HttpServer server = await(limits.createServer(vertx, HttpsOptions.of(security, ChunkServer.httpOptions())).requestHandler(router)
                .listen(port, bindHost));
        return new WorkerHttpServer(server);
    }

    /** Who may call what on a worker: its shuffle server, and its chunk server when it hosts one. */
    static AccessRules access(boolean chunks) {
        return chunks ? SHUFFLE_ACCESS.and(ChunkServer.ACCESS) : SHUFFLE_ACCESS;
    }

    /** The worker's routes behind the authentication layer. */
    static Router router(Vertx vertx, MapOutputRegistry outputs, ChunkServer chunkServer, ClusterSecurity security) {
        Router router = Router.router(vertx);
        AuthHandler.install(router, security, access(chunkServer != null));
        if (chunkServer != null) chunkServer.mount(router);
        router.get(ShuffleProtocol.PREFIX + "/:mapAttempt/:partition").handler(new ShuffleHandler(outputs));
        router.route(ShuffleProtocol.PREFIX + "/*").handler(ctx ->
                Problems.reply(ctx, 400, "not a shuffle request: use GET " + ShuffleProtocol.PREFIX + "/{mapAttemptId}/{partition}"));
        router.route().last().handler(ctx -> Problems.reply(ctx, 404, "no such endpoint on this worker: " + ctx.request().method()
                + " " + ctx.normalizedPath()));
        return router;
    }

    public int port() {
        return server.actualPort();
    }

    @Override
    public void close() throws IOException {
        await(server.close());
    }
}
