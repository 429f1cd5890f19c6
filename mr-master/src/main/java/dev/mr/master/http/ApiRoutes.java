package dev.mr.master.http;

import dev.mr.security.Access;
import dev.mr.security.AccessRule;
import dev.mr.security.AccessRules;
import dev.mr.security.Principal;
import dev.mr.security.http.AuthHandler;
import dev.mr.security.http.SignedBody;
import io.vertx.core.json.JsonObject;
import dev.mr.master.core.Master;
import dev.mr.master.core.Refusal;
import dev.mr.master.jobs.FileStore;
import dev.mr.protocol.FetchFailure;
import dev.mr.protocol.HeartbeatRequest;
import dev.mr.protocol.RegisterRequest;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The REST API under {@value #API} (see {@code mr-master/API.md}): each handler decodes the
 * request, calls the {@link Master} core, and encodes its answer or refusal as JSON. No
 * decisions here, and nothing that blocks: the core answers with futures, and the jar is
 * streamed with {@code sendFile}. Until {@link #bind} every route answers 503.
 *
 * <p>Handlers run on event loops; {@link #bind} may be called from any thread.
 */
final class ApiRoutes {

    static final String API = "/api/v1";
    /** Body limit of registrations, fetch-failure reports and kills. */
    static final long SMALL_BODY = 1 << 20;
    /** Body limit of heartbeats, which list every attempt a worker runs. */
    static final long HEARTBEAT_BODY = 16L << 20;

    /**
     * Who may call what (see the README's security section): liveness is open; the daemons' own
     * calls and the job's spec and jar (which may hold credentials in its settings) need the
     * cluster secret; everything else any authenticated person or tool.
     */
    static final AccessRules ACCESS = AccessRules.of(
            AccessRule.of("GET", API + "/health", Access.OPEN),
            AccessRule.of("POST", API + "/(?:workers/register|heartbeat|fetch-failures)", Access.CLUSTER),
            AccessRule.of("GET", API + "/jobs/[^/]+/(?:spec|jar)", Access.CLUSTER),
            AccessRule.of("GET", API + "/jobs/[^/]+/files/[^/]+", Access.USER), // the workers and the job's owner: Master.jobFile decides
            AccessRule.of("GET", API + "/(?:jobs|workers|storage|storage/ls)", Access.USER),
            AccessRule.of("GET", API + "/jobs/[^/]+(?:/tasks|/stats|/timeline|/attempts/[^/]+)?", Access.USER),
            AccessRule.of("POST", API + "/jobs(?:/[^/]+/kill)?", Access.USER));

    /** Bars a timeline draws unless {@code ?limit=} says otherwise. */
    static final int TIMELINE_BARS = 2000;

    private final Path uploads;
    private final long submitLimit;
    private volatile Master master;

    ApiRoutes(Path uploads, long submitLimit) {
        this.uploads = uploads;
        this.submitLimit = submitLimit;
    }

    void bind(Master m) {
        this.master = m;
    }

    private Master master() {
        Master m = master;
        if (m == null) throw Refusal.unavailable("the master is starting or stopping; retry shortly");
        return m;
    }

    /** Adds the API's routes, then {@code extra} (more {@code /api/v1} routes), then the API's catch-all 404 and failure handler. */
    void mount(Router router, Consumer<Router> extra) {
        BodyHandler small = BodyHandler.create(false).setBodyLimit(SMALL_BODY);
        BodyHandler heartbeats = BodyHandler.create(false).setBodyLimit(HEARTBEAT_BODY);
        BodyHandler submissions = BodyHandler.create(uploads.toString()).setBodyLimit(submitLimit).setDeleteUploadedFilesOnEnd(true)
                .setMergeFormAttributes(false);
        SubmitHandler submit = new SubmitHandler(this::master);

        router.get(API + "/health").handler(ctx -> Replies.json(ctx, 200, new JsonObject().put("status", "ok").getMap()));
        router.get(API + "/jobs").handler(handle(ctx -> Replies.answer(ctx, 200, master().jobs(ctx.request().getParam("state"),
                Requests.intParam(ctx, "offset", 0), Requests.intParam(ctx, "limit", 100)))));
        router.post(API + "/jobs").handler(handle(SubmitHandler::requireMultipart)); // a route of its own: it must run before the body is read
        router.post(API + "/jobs").handler(submissions).handler(handle(submit));
        router.get(API + "/jobs/:id").handler(handle(ctx -> Replies.answer(ctx, 200,
                master().jobAtEnd(ctx.pathParam("id"), Requests.waitMs(ctx)))));
        router.get(API + "/jobs/:id/tasks").handler(handle(ctx -> Replies.answer(ctx, 200, master().tasks(ctx.pathParam("id"),
                ctx.request().getParam("type"), ctx.request().getParam("state"), ctx.request().getParam("sort"),
                ctx.request().getParam("order"), Requests.intParam(ctx, "offset", 0), Requests.intParam(ctx, "limit", 100)))));
        router.get(API + "/jobs/:id/stats").handler(handle(ctx -> Replies.answer(ctx, 200, master().stats(ctx.pathParam("id")))));
        router.get(API + "/jobs/:id/timeline").handler(handle(ctx -> Replies.answer(ctx, 200, master().timeline(ctx.pathParam("id"),
                Requests.intParam(ctx, "limit", TIMELINE_BARS)))));
        router.get(API + "/jobs/:id/attempts/:attempt").handler(handle(ctx -> Replies.answer(ctx, 200,
                master().attempt(ctx.pathParam("id"), ctx.pathParam("attempt")))));
        router.post(API + "/jobs/:id/kill").handler(small).handler(SignedBody.CHECK).handler(handle(ctx -> {
            Principal who = AuthHandler.principal(ctx);
            Replies.answer(ctx, 202, master().kill(ctx.pathParam("id"), who.name(), who.isAdmin()));
        }));
        router.get(API + "/jobs/:id/spec").handler(handle(ctx -> Replies.answer(ctx, 200, master().spec(ctx.pathParam("id")))));
        router.get(API + "/jobs/:id/jar").handler(handle(this::jar));
        router.get(API + "/jobs/:id/files/:sha256").handler(handle(this::file));
        router.get(API + "/workers").handler(handle(ctx -> Replies.answer(ctx, 200, master().workers())));
        router.post(API + "/workers/register").handler(small).handler(SignedBody.CHECK).handler(handle(ctx ->
                Replies.answer(ctx, 200, master().register(Requests.json(ctx, RegisterRequest.class)))));
        router.post(API + "/heartbeat").handler(heartbeats).handler(SignedBody.CHECK).handler(handle(ctx ->
                Replies.answer(ctx, 200, master().heartbeat(Requests.json(ctx, HeartbeatRequest.class)))));
        router.post(API + "/fetch-failures").handler(small).handler(SignedBody.CHECK).handler(handle(ctx ->
                Replies.answer(ctx, 204, master().fetchFailure(Requests.json(ctx, FetchFailure.class)))));
        extra.accept(router);
        router.route(API + "/*").handler(ctx -> Replies.problem(ctx, 404,
                "no such endpoint: " + ctx.request().method() + " " + ctx.request().path() + "; see API.md"));
        router.route(API + "/*").failureHandler(ctx -> Replies.failures(limitOf(ctx)).handle(ctx));
    }

    /** Streams the job's jar with its SHA-256 in {@code X-MR-Jar-SHA256}. */
    private void jar(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        Master m = master();
        Future.fromCompletionStage(m.spec(id), ctx.vertx().getOrCreateContext()).compose(spec -> {
            String path = m.jarPath(id).toString();
            return ctx.vertx().fileSystem().exists(path).compose(exists -> {
                if (!exists) return Future.failedFuture(Refusal.notFound("the jar of job " + id + " is no longer kept"));
                ctx.response().putHeader("X-MR-Jar-SHA256", spec.jarSha256()).putHeader("Content-Type", "application/java-archive");
                return ctx.response().sendFile(path);
            });
        }).onFailure(t -> Replies.fail(ctx, t));
    }

    /** Streams a file the job ships, by its content's SHA-256 (which the path names, so no header is needed). */
    private void file(RoutingContext ctx) {
        String sha = ctx.pathParam("sha256");
        if (!FileStore.isSha256(sha)) throw Refusal.badRequest("'" + sha + "' is not a lower-case hex SHA-256");
        Future.fromCompletionStage(master().jobFile(ctx.pathParam("id"), sha, AuthHandler.principal(ctx)), ctx.vertx().getOrCreateContext())
                .compose(path -> ctx.vertx().fileSystem().exists(path.toString()).compose(exists -> {
                    if (!exists) return Future.failedFuture(Refusal.notFound("the file " + sha + " of job " + ctx.pathParam("id") + " is no longer kept"));
                    ctx.response().putHeader("Content-Type", "application/octet-stream");
                    return ctx.response().sendFile(path.toString());
                })).onFailure(t -> Replies.fail(ctx, t));
    }

    private String limitOf(RoutingContext ctx) {
        String p = ctx.request().path();
        if (p.equals(API + "/jobs")) return submitLimit + " bytes (mr.submit.max.bytes)";
        if (p.equals(API + "/heartbeat")) return HEARTBEAT_BODY + " bytes";
        return SMALL_BODY + " bytes";
    }

    /** Runs a handler, answering whatever it throws (a refusal while decoding, mostly) as a problem. */
    static Handler<RoutingContext> handle(Handler<RoutingContext> h) {
        return ctx -> {
            try {
                h.handle(ctx);
            } catch (RuntimeException e) {
                Replies.fail(ctx, e);
            }
        };
    }
}
