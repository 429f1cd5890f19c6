package dev.mr.master.http;

import dev.mr.security.OwnerOnly;
import dev.mr.security.Capability;
import dev.mr.security.ClusterSecurity;
import dev.mr.security.http.AuthHandler;
import dev.mr.security.http.HttpsOptions;
import dev.mr.security.BaseUrl;
import dev.mr.api.Configuration;
import dev.mr.dfs.DfsSettings;
import dev.mr.dfs.http.DfsMaster;
import dev.mr.dfs.journal.FailStop;
import dev.mr.dfs.journal.ProcessExit;
import dev.mr.dfs.http.ServerLimits;
import dev.mr.master.audit.AuditLog;
import dev.mr.master.core.Master;
import dev.mr.master.core.MasterSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master daemon in one process: one Vert.x HTTP server (on {@code --bind}, all interfaces by
 * default, under the {@link ServerLimits} of its settings) whose
 * router carries the dfs-lite master ({@code /dfs/v1/master/...}), the REST API
 * ({@code /api/v1/...}) and the web page ({@code /}, {@link WebPages}); behind them the {@link Master} core and
 * the {@link DfsMaster}. Layout under {@code --dir}: {@code master/journal/} (the namespace
 * journal and {@code jobs.log}), {@code master/jars/}, {@code master/uploads/} (submissions
 * in flight, emptied at start), {@code master/audit.log} (one line per state-changing request,
 * {@link AuditHandler}).
 *
 * <p>{@link #start} and {@link #close} block; call them from a plain thread (main, a shutdown
 * hook, a test), never from an event loop.
 */
public final class MasterDaemon implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MasterDaemon.class);
    private static final long STEP_TIMEOUT_S = 60;

    /** A failed journal write in a daemon embedded in another JVM (tests): logged, every change refused, the JVM goes on. */
    private static final FailStop EMBEDDED = (reason, cause) ->
            LOG.error("fail-stop (an embedded master: the JVM goes on, refusing changes): {}", reason, cause);

    private final Vertx vertx;
    private final ApiRoutes api;
    private Router router;
    private DfsMaster dfs;
    private AuditLog audit;
    private HttpServer server;
    private Master master;
    private String url;

    private MasterDaemon(Vertx vertx, ApiRoutes api) {
        this.vertx = vertx;
        this.api = api;
    }

    /** {@link #start(Path, String, String, int, Configuration)} on all interfaces. */
    public static MasterDaemon start(Path dir, String host, int port, Configuration conf) throws IOException {
        return start(dir, ServerLimits.ALL_INTERFACES, host, port, conf);
    }

    /**
     * Starts the store, listens on {@code bind}:{@code port} (0 picks one), then recovers the jobs;
     * guarded by {@code security}: every route sits behind the {@link AuthHandler} with the access
     * rules of the API, the web page and the dfs master (only the audit log's handler goes before
     * it, to record refusals too); with its TLS identity the server speaks HTTPS and the URL is
     * {@code https://}.
     *
     * @param dir  the daemon's directory ({@code --dir})
     * @param bind the address to listen on ({@code --bind}; {@code 0.0.0.0} for all interfaces)
     * @param host the host name or address advertised to workers and clients
     * @param conf the cluster's settings ({@code -D})
     */
    public static MasterDaemon start(Path dir, String bind, String host, int port, Configuration conf) throws IOException {
        return start(dir, bind, host, port, conf, ClusterSecurity.forDaemon(false, null, conf::get, dir.resolve("secret")));
    }

    /**
     * Like {@link #start(Path, String, String, int, Configuration)}, guarded by {@code security}:
     * every route sits behind the {@link AuthHandler} with the access rules of the API, the web
     * page and the dfs master (only the audit log's handler goes before it, to record refusals too).
     */
    public static MasterDaemon start(Path dir, String bind, String host, int port, Configuration conf, ClusterSecurity security)
            throws IOException {
        return start(dir, bind, host, port, conf, security, EMBEDDED);
    }

    /**
     * Like {@link #start(Path, String, String, int, Configuration, ClusterSecurity)}; {@code failStop}
     * is what a failed journal write does: {@code MasterMain} passes {@link ProcessExit}.
     */
    public static MasterDaemon start(Path dir, String bind, String host, int port, Configuration conf, ClusterSecurity security,
                                     FailStop failStop) throws IOException {
        Path masterDir = OwnerOnly.directory(dir.resolve("master")); // its journal keeps the jobs' credentials
        Path uploads = emptied(masterDir.resolve("uploads"));
        DfsSettings dfsSettings;
        long submitLimit;
        ServerLimits limits;
        try {
            dfsSettings = DfsSettings.from(conf);
            submitLimit = MasterSettings.submitMaxBytes(conf);
            limits = ServerLimits.from(conf);
            if (limits.idleTimeoutMs() <= Requests.MAX_WAIT_MS) {
                throw new IllegalArgumentException(ServerLimits.IDLE_TIMEOUT_MS + "=" + limits.idleTimeoutMs()
                        + " must exceed the longest wait of GET /api/v1/jobs/{id}?waitMs= (" + Requests.MAX_WAIT_MS + " ms)");
            }
        } catch (IllegalArgumentException e) {
            throw new IOException("bad setting: " + e.getMessage(), e);
        }
        MasterDaemon d = new MasterDaemon(Vertx.vertx(), new ApiRoutes(uploads, submitLimit));
        try {
            Router router = Router.router(d.vertx);
            d.router = router;
            d.audit = AuditLog.open(masterDir.resolve("audit.log"));
            // first, before the gate: it must see every request, refused ones too
            router.route().order(AuthHandler.ORDER - 1).handler(new AuditHandler(d.audit));
            AuthHandler.install(router, security, accessRules());
            d.dfs = new DfsMaster(d.vertx, masterDir, dfsSettings, security, failStop);
            d.dfs.mount(router);
            StorageRoutes storage = new StorageRoutes(d.dfs);
            d.api.mount(router, storage::mount);
            WebPages.mount(router);
            await(d.dfs.start(), "starting the dfs master");
            HttpServerOptions options = HttpsOptions.of(security, new HttpServerOptions().setMaxFormAttributeSize(8 << 20));
            d.server = await(limits.createServer(d.vertx, options).requestHandler(router).listen(port, bind),
                    "listening on " + bind + " port " + port);
            d.url = BaseUrl.of(security.scheme(), host, d.server.actualPort());
            d.master = Master.open(new MasterSettings(masterDir, d.url, conf, System::currentTimeMillis),
                    jobId -> security.grant(Capability.Kind.SHUFFLE, jobId), failStop);
            d.api.bind(d.master);
            LOG.info("mr master listening at {} on {} (dir {})", d.url, bind, dir);
            return d;
        } catch (IOException | RuntimeException e) {
            d.close();
            throw e;
        }
    }

    /** Every route the daemon serves, with the rule that guards it. */
    static dev.mr.security.AccessRules accessRules() {
        return ApiRoutes.ACCESS.and(DfsMaster.ACCESS).and(WebPages.ACCESS);
    }

    /** The router, for the test that checks every route has an access rule. */
    Router router() {
        return router;
    }

    /** The advertised base URL, {@code http://host:port} ({@code https://} when the daemon serves TLS). */
    public String url() {
        return url;
    }

    public int port() {
        return server.actualPort();
    }

    /** Stops taking requests, stops the core (commits in flight get a few seconds), the store, and Vert.x. */
    @Override
    public void close() {
        api.bind(null);
        if (master != null) master.close();
        try {
            if (server != null) await(server.close(), "closing the HTTP server");
            if (dfs != null) await(dfs.stop(), "stopping the dfs master");
        } catch (IOException e) {
            LOG.warn("stopping: {}", e.getMessage());
        } finally {
            if (audit != null) audit.close();
            try {
                await(vertx.close(), "closing Vert.x");
            } catch (IOException e) {
                LOG.warn("stopping: {}", e.getMessage());
            }
        }
        LOG.info("mr master stopped");
    }

    private static Path emptied(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                    if (!p.equals(dir)) Files.deleteIfExists(p);
                }
            }
        }
        return Files.createDirectories(dir);
    }

    private static <T> T await(Future<T> f, String what) throws IOException {
        try {
            return f.toCompletionStage().toCompletableFuture().get(STEP_TIMEOUT_S, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(what + ": interrupted", e);
        } catch (Exception e) {
            Throwable c = e.getCause() == null ? e : e.getCause();
            throw new IOException(what + ": " + c.getMessage(), c);
        }
    }
}
