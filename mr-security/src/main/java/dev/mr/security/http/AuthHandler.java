package dev.mr.security.http;

import dev.mr.security.Capability;
import dev.mr.security.ClusterSecurity;
import dev.mr.security.Denied;
import dev.mr.security.Gate;
import dev.mr.security.Presented;
import dev.mr.security.Principal;
import dev.mr.security.RequestSignature;
import dev.mr.security.UserToken;
import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.function.LongSupplier;

/**
 * The authentication layer of a server: one handler in front of every route. It reads what the
 * request carries, asks the {@link Gate} (no decisions here), and either passes the request on
 * with its {@link Principal} in the context ({@link #principal}) or answers 401/403 with a JSON
 * problem that says what was wrong and how to authenticate. It also logs a browser in: a page
 * opened with {@code ?token=T} gets an HttpOnly, SameSite=Strict session cookie and is sent on to
 * the same address without the token. On an insecure cluster it passes everything and marks
 * every answer with {@value #INSECURE_HEADER}, which the clients and the web page warn about.
 *
 * <p>Runs on event loops; stateless but for the gate's replay memory.
 */
public final class AuthHandler implements Handler<RoutingContext> {

    public static final String SESSION_COOKIE = "mr_session";
    public static final String INSECURE_HEADER = "X-MR-Insecure";
    static final String PRINCIPAL = "mr.principal";
    /** The authenticated user's name, for the audit log and the handlers. */
    public static final String USER = "mr.user";

    private final Gate gate;
    private final LongSupplier clock;
    private final boolean tls;

    private AuthHandler(Gate gate, LongSupplier clock, boolean tls) {
        this.gate = gate;
        this.clock = clock;
        this.tls = tls;
    }

    /** The gate's place in a router's order: before every route, but for one slot before it (an audit log's). */
    public static final int ORDER = Integer.MIN_VALUE + 1;

    /**
     * Puts the layer in front of every route of {@code router}, present and future. The session
     * cookie is {@code Secure} when the daemon serves HTTPS ({@link ClusterSecurity#serverTls}).
     */
    public static void install(Router router, ClusterSecurity security, dev.mr.security.AccessRules rules) {
        router.route().order(ORDER).handler(new AuthHandler(security.gate(rules), security::now, security.serverTls() != null));
    }

    /** Who the request acts as (set by this layer before any route runs). */
    public static Principal principal(RoutingContext ctx) {
        Principal p = ctx.get(PRINCIPAL);
        return p == null ? Principal.ANONYMOUS : p;
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest r = ctx.request();
        if (gate == null) {
            ctx.response().putHeader(INSECURE_HEADER, "true");
            pass(ctx, Principal.INSECURE);
            return;
        }
        String token = r.method().name().equals("GET") ? r.getParam("token") : null;
        if (token != null && !isApi(ctx.normalizedPath())) {
            login(ctx, token);
            return;
        }
        Cookie session = r.getCookie(SESSION_COOKIE);
        Presented p = new Presented(r.method().name(), ctx.normalizedPath(), r.uri(), r.getHeader("Authorization"),
                r.getHeader(RequestSignature.CONTENT_SHA256), session == null ? null : session.getValue(),
                r.getHeader(Capability.HEADER), r.getHeader(Gate.CSRF_HEADER) != null);
        try {
            pass(ctx, gate.admit(p, clock.getAsLong()));
        } catch (Denied d) {
            refuse(ctx, d.status(), d.getMessage());
        }
    }

    private static void pass(RoutingContext ctx, Principal p) {
        ctx.put(PRINCIPAL, p);
        ctx.put(USER, p.name());
        ctx.next();
    }

    /** Sets the session cookie from a valid {@code ?token=} and redirects to the address without it. */
    private void login(RoutingContext ctx, String token) {
        UserToken t;
        try {
            t = gate.login(token, clock.getAsLong());
        } catch (Denied d) {
            ctx.response().setStatusCode(401).putHeader("Content-Type", "text/plain; charset=utf-8")
                    .end("cannot log in: " + d.getMessage() + "\n");
            return;
        }
        long maxAge = Math.max(0, (t.expiresAtMs() - clock.getAsLong()) / 1000);
        Cookie c = Cookie.cookie(SESSION_COOKIE, token).setHttpOnly(true).setSameSite(CookieSameSite.STRICT).setPath("/")
                .setMaxAge(maxAge).setSecure(tls);
        ctx.response().addCookie(c).putHeader("Location", withoutToken(ctx)).putHeader("Cache-Control", "no-store")
                .putHeader("Referrer-Policy", "no-referrer").setStatusCode(302).end();
    }

    private static String withoutToken(RoutingContext ctx) {
        StringBuilder q = new StringBuilder();
        ctx.queryParams().forEach((k, v) -> {
            if (k.equals("token")) return;
            q.append(q.length() == 0 ? '?' : '&').append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
        return ctx.request().path() + q;
    }

    private static boolean isApi(String path) {
        return path.startsWith("/api/") || path.startsWith("/dfs/") || path.startsWith("/shuffle/");
    }

    /** Answers in the shape the server's own clients read: dfs-lite's {@code {error, message}}, else {@code {status, error}}. */
    static void refuse(RoutingContext ctx, int status, String message) {
        JsonObject body = ctx.normalizedPath().startsWith("/dfs/")
                ? new JsonObject().put("error", status == 401 ? "unauthenticated" : status == 403 ? "forbidden" : "unavailable").put("message", message)
                : new JsonObject().put("status", status).put("error", message);
        if (status == 401) ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"mr\"");
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
    }
}
