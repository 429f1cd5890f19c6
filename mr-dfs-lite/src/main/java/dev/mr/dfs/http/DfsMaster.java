package dev.mr.dfs.http;

import dev.mr.security.Access;
import dev.mr.security.AccessRule;
import dev.mr.security.AccessRules;
import dev.mr.security.Capability;
import dev.mr.security.ClusterSecurity;
import dev.mr.security.http.SignedBody;
import dev.mr.dfs.protocol.FileLayout;
import dev.mr.dfs.protocol.AllocateReply;
import dev.mr.dfs.DfsSettings;
import dev.mr.dfs.Problem;
import dev.mr.dfs.StoreException;
import dev.mr.dfs.journal.FailStop;
import dev.mr.dfs.master.DfsMetadata;
import dev.mr.dfs.protocol.AbandonRequest;
import dev.mr.dfs.protocol.AllocateRequest;
import dev.mr.dfs.protocol.CloseRequest;
import dev.mr.dfs.protocol.CommitRequest;
import dev.mr.dfs.protocol.CorruptReport;
import dev.mr.dfs.protocol.CreateRequest;
import dev.mr.dfs.protocol.DeleteReply;
import dev.mr.dfs.protocol.DeleteRequest;
import dev.mr.dfs.protocol.HeartbeatRequest;
import dev.mr.dfs.protocol.PathRequest;
import dev.mr.dfs.protocol.RenameRequest;
import dev.mr.dfs.protocol.RenewRequest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master's part of the store, for embedding in the master daemon: the namespace, chunk
 * map and journal ({@link DfsMetadata}) behind HTTP routes under {@value #PREFIX}, and the
 * timer that ticks them. Handlers decode, run the metadata call on a worker thread (it
 * journals to disk), and encode.
 *
 * <p>Use: {@code new DfsMaster(vertx, dir, settings, security, failStop)}, {@link #mount} on the daemon's router,
 * {@link #start} (recovers the journal under {@code dir/journal}), and {@link #stop} at
 * shutdown. Routes answer 503 until started. The {@link FailStop} is what a failed journal
 * write does to the process: a daemon's main passes {@link dev.mr.dfs.journal.ProcessExit}. Do not put a body handler of your own in front of
 * {@code /dfs/v1/}: these routes set their own limits.
 */
public final class DfsMaster {

    private static final Logger LOG = LoggerFactory.getLogger(DfsMaster.class);
    public static final String PREFIX = "/dfs/v1/master";
    /** Body limit of requests other than heartbeats. */
    public static final long SMALL_BODY = 1 << 20;
    /** Body limit of heartbeats, which may carry a full chunk report. */
    public static final long HEARTBEAT_BODY = 64L << 20;

    /** Who may call what: chunk servers' heartbeats need the cluster secret, the rest any authenticated user. */
    public static final AccessRules ACCESS = AccessRules.of(
            AccessRule.of("POST", PREFIX + "/heartbeat", Access.CLUSTER),
            AccessRule.of("GET,POST", PREFIX + "/(?:status|list|open|fsck|health|mkdirs|delete|rename|create|allocate|commit|close|abandon|renew|corrupt)",
                    Access.USER));

    private final Vertx vertx;
    private final Path dir;
    private final DfsSettings settings;
    private final ClusterSecurity security;
    private final FailStop failStop;
    private volatile DfsMetadata metadata;
    private long timer = -1;
    private boolean ticking;

    public DfsMaster(Vertx vertx, Path dir, DfsSettings settings, ClusterSecurity security, FailStop failStop) {
        this.vertx = vertx;
        this.dir = dir;
        this.settings = settings;
        this.security = security;
        this.failStop = failStop;
    }

    /** Recovers the namespace from the journal (on a worker thread) and starts ticking. */
    public Future<Void> start() {
        return vertx.executeBlocking(() -> DfsMetadata.open(dir.resolve("journal"), settings, System::currentTimeMillis,
                        ThreadLocalRandom.current().nextLong(), failStop), false)
                .map(m -> {
                    metadata = m;
                    timer = vertx.setPeriodic(settings.tickMs(), id -> tick());
                    LOG.info("dfs master started on {}", dir);
                    return null;
                });
    }

    private void tick() {
        DfsMetadata m = metadata;
        if (m == null || ticking) return;
        ticking = true;
        vertx.executeBlocking(() -> {
            m.tick();
            return null;
        }, false).onComplete(ar -> {
            ticking = false;
            if (ar.failed()) LOG.error("dfs master tick failed", ar.cause());
        });
    }

    /** The metadata service, or null before {@link #start} completes. */
    public DfsMetadata metadata() {
        return metadata;
    }

    public Future<Void> stop() {
        if (timer >= 0) vertx.cancelTimer(timer);
        timer = -1;
        DfsMetadata m = metadata;
        metadata = null;
        if (m == null) return Future.succeededFuture();
        return vertx.executeBlocking(() -> {
            m.close();
            return null;
        }, false);
    }

    /** The layout with a capability to read each of its chunks. */
    private FileLayout readable(FileLayout layout) {
        if (security.isInsecure()) return layout;
        return layout.withChunks(layout.chunks().stream().map(c -> c.withToken(security.grant(Capability.Kind.CHUNK_READ, c.chunk()))).toList());
    }

    /** The allocation with the capability to write its chunk, and only it. */
    private AllocateReply writable(AllocateReply a) {
        return security.isInsecure() ? a : a.withToken(security.grant(Capability.Kind.CHUNK_WRITE, a.chunk()));
    }

    /** Adds the master's routes to {@code router}. */
    public void mount(Router router) {
        BodyHandler small = BodyHandler.create(false).setBodyLimit(SMALL_BODY);
        BodyHandler big = BodyHandler.create(false).setBodyLimit(HEARTBEAT_BODY);
        router.get(PREFIX + "/status").handler(ctx -> call(ctx, () -> meta().status(JsonReplies.param(ctx, "path"))));
        router.get(PREFIX + "/list").handler(ctx -> call(ctx, () -> meta().list(JsonReplies.param(ctx, "path"))));
        router.get(PREFIX + "/open").handler(ctx -> call(ctx, () -> readable(meta().open(JsonReplies.param(ctx, "path")))));
        router.get(PREFIX + "/fsck").handler(ctx -> call(ctx, () -> meta().fsck(pathOr(ctx))));
        router.get(PREFIX + "/health").handler(ctx -> call(ctx, () -> meta().health()));
        router.post(PREFIX + "/mkdirs").handler(small).handler(SignedBody.CHECK).handler(ctx -> call(ctx, () -> {
            meta().mkdirs(JsonReplies.body(ctx, PathRequest.class).path());
            return null;
        }));
        router.post(PREFIX + "/delete").handler(small).handler(SignedBody.CHECK).handler(ctx -> call(ctx, () -> {
            DeleteRequest r = JsonReplies.body(ctx, DeleteRequest.class);
            return new DeleteReply(meta().delete(r.path(), r.recursive()));
        }));
        router.post(PREFIX + "/rename").handler(small).handler(SignedBody.CHECK).handler(ctx -> call(ctx, () -> {
            RenameRequest r = JsonReplies.body(ctx, RenameRequest.class);
            meta().rename(r.from(), r.to());
            return null;
        }));
        router.post(PREFIX + "/create").handler(small).handler(SignedBody.CHECK).handler(ctx -> call(ctx, () -> meta().create(JsonReplies.body(ctx, CreateRequest.class))));
        router.post(PREFIX + "/allocate").handler(small).handler(SignedBody.CHECK).handler(ctx -> call(ctx, () -> writable(meta().allocate(JsonReplies.body(ctx, AllocateRequest.class)))));
        router.post(PREFIX + "/commit").handler(small).handler(SignedBody.CHECK).handler(ctx -> call(ctx, () -> {
            meta().commit(JsonReplies.body(ctx, CommitRequest.class));
            return null;
        }));
        router.post(PREFIX + "/close").handler(small).handler(SignedBody.CHECK).handler(ctx -> call(ctx, () -> {
            meta().close(JsonReplies.body(ctx, CloseRequest.class));
            return null;
        }));
        router.post(PREFIX + "/abandon").handler(small).handler(SignedBody.CHECK).handler(ctx -> call(ctx, () -> {
            meta().abandon(JsonReplies.body(ctx, AbandonRequest.class));
            return null;
        }));
        router.post(PREFIX + "/renew").handler(small).handler(SignedBody.CHECK).handler(ctx -> call(ctx, () -> {
            meta().renew(JsonReplies.body(ctx, RenewRequest.class).client());
            return null;
        }));
        router.post(PREFIX + "/corrupt").handler(small).handler(SignedBody.CHECK).handler(ctx -> call(ctx, () -> {
            meta().reportCorrupt(JsonReplies.body(ctx, CorruptReport.class));
            return null;
        }));
        router.post(PREFIX + "/heartbeat").handler(big).handler(SignedBody.CHECK).handler(ctx -> call(ctx, () -> meta().heartbeat(JsonReplies.body(ctx, HeartbeatRequest.class))));
        router.route(PREFIX + "/*").handler(JsonReplies.unknownEndpoint("dfs master"));
        router.route(PREFIX + "/*").failureHandler(JsonReplies.failures(SMALL_BODY + " bytes (" + HEARTBEAT_BODY + " for heartbeats)"));
    }

    private static String pathOr(RoutingContext ctx) {
        String p = ctx.request().getParam("path");
        return p == null ? "/" : p;
    }

    private DfsMetadata meta() {
        DfsMetadata m = metadata;
        if (m == null) throw new StoreException(Problem.UNAVAILABLE, "the dfs master is starting or stopped; retry shortly");
        return m;
    }

    /** Runs a metadata call on a worker thread and answers with its result as JSON. */
    private void call(RoutingContext ctx, Callable<Object> body) {
        vertx.executeBlocking(body, false).onComplete(ar -> {
            if (ar.succeeded()) JsonReplies.ok(ctx, ar.result());
            else JsonReplies.fail(ctx, ar.cause());
        });
    }
}
