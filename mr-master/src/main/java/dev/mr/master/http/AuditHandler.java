package dev.mr.master.http;

import dev.mr.dfs.http.DfsMaster;
import dev.mr.master.audit.AuditEntry;
import dev.mr.master.audit.AuditLog;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The first handler on the master's router: for every state-changing request (any method but
 * GET, HEAD and OPTIONS; in practice the REST API's and the dfs master's POSTs), appends one {@link AuditEntry} to the
 * {@link AuditLog} once the answer is done, whether it succeeded, was refused, or the client
 * went away. Left out, because they arrive several times a second and say only "still here":
 * worker heartbeats, chunk-server heartbeats and dfs lease renewals ({@link #UNAUDITED}).
 * Registrations, submissions, kills, fetch-failure reports and every namespace change are logged.
 *
 * <p>The user is what the authentication layer put in the context under {@link #USER_KEY},
 * else {@value AuditEntry#ANONYMOUS}. Only the path is logged, never the query string. The job id
 * comes from the path or, for a submission, from the answer's {@code Location}; a dfs operation's
 * {@code src} and {@code dst} from its (small, already read) JSON body. Runs on event
 * loops; stateless apart from the log.
 */
final class AuditHandler implements Handler<RoutingContext> {

    /** Where the authentication handler leaves the authenticated user's name (a String). */
    static final String USER_KEY = "mr.user";

    static final Set<String> UNAUDITED = Set.of(ApiRoutes.API + "/heartbeat", DfsMaster.PREFIX + "/heartbeat", DfsMaster.PREFIX + "/renew");

    private static final Pattern JOB_ID = Pattern.compile("job_[0-9]+");

    private final AuditLog log;

    AuditHandler(AuditLog log) {
        this.log = log;
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest req = ctx.request();
        if (audited(req.method(), req.path())) ctx.addEndHandler(ended -> log.append(entryOf(ctx)));
        ctx.next();
    }

    static boolean audited(HttpMethod method, String path) {
        if (method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS) return false;
        return !UNAUDITED.contains(path);
    }

    private static AuditEntry entryOf(RoutingContext ctx) {
        HttpServerRequest req = ctx.request();
        SocketAddress remote = req.remoteAddress();
        Object user = ctx.get(USER_KEY);
        JsonObject dfsRequest = req.path().startsWith(DfsMaster.PREFIX + "/") ? jsonBody(ctx) : null;
        return new AuditEntry(System.currentTimeMillis(), user instanceof String s ? s : null, remote == null ? null : remote.hostAddress(),
                req.method().name(), req.path(), ctx.response().getStatusCode(), jobOf(req.path(), ctx.response().headers().get("Location")),
                dfsRequest == null ? null : text(dfsRequest, "path", text(dfsRequest, "from", null)),
                dfsRequest == null ? null : text(dfsRequest, "to", null));
    }

    /** The dfs master's request body, read already by its body handler (1 MiB at most), or null when there is none or it is not JSON. */
    private static JsonObject jsonBody(RoutingContext ctx) {
        try {
            return ctx.body() == null || ctx.body().length() == 0 ? null : ctx.body().asJsonObject();
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    private static String text(JsonObject o, String key, String otherwise) {
        return o.getValue(key) instanceof String s ? s : otherwise;
    }

    private static String jobOf(String path, String location) {
        Matcher m = JOB_ID.matcher(path);
        if (m.find()) return m.group();
        if (location != null && (m = JOB_ID.matcher(location)).find()) return m.group();
        return null;
    }
}
