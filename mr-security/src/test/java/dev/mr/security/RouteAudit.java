package dev.mr.security;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Walks a router's routes and lists those that no access rule covers, so that a test fails
 * when somebody mounts a route and forgets to say who may call it. A route without methods
 * (a catch-all 404 or failure handler, or the gate itself) is not an endpoint and is skipped.
 */
public final class RouteAudit {

    private RouteAudit() {}

    /** "METHOD path" of every endpoint of {@code router} that {@code rules} do not cover. */
    public static List<String> unguarded(Router router, AccessRules rules) {
        return unguarded(router, rules, Map.of());
    }

    /** Like {@link #unguarded(Router, AccessRules)}, a path parameter named in {@code samples} taking that value (others "x1"). */
    public static List<String> unguarded(Router router, AccessRules rules, Map<String, String> samples) {
        List<String> out = new ArrayList<>();
        for (Route r : router.getRoutes()) {
            if (r.methods() == null || r.methods().isEmpty() || r.getPath() == null) continue;
            String sample = java.util.regex.Pattern.compile(":([A-Za-z]+)").matcher(r.getPath())
                    .replaceAll(m -> samples.getOrDefault(m.group(1), "x1")).replace("*", "page.html");
            for (HttpMethod m : r.methods()) {
                if (rules.find(m.name(), sample) == null) out.add(m.name() + " " + r.getPath());
            }
        }
        return out;
    }

    /** The number of endpoints the router has (so that a test of {@link #unguarded} cannot pass on an empty router). */
    public static int endpoints(Router router) {
        int n = 0;
        for (Route r : router.getRoutes()) if (r.methods() != null && !r.methods().isEmpty() && r.getPath() != null) n += r.methods().size();
        return n;
    }
}
