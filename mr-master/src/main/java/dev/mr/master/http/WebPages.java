package dev.mr.master.http;

import dev.mr.security.Access;
import dev.mr.security.AccessRule;
import dev.mr.security.AccessRules;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The web page: static HTML, CSS and JavaScript from the classpath's {@value #ROOT}/ (in this
 * module's {@code src/main/resources}), served at {@code /} with {@code index.html} (the jobs page)
 * as the index. The pages read the REST API; nothing here knows about jobs. Every answer forbids
 * scripts and styles from anywhere but this origin, and inline ones, so that a job's name that
 * slipped through the pages' escaping still could not run. Stateless.
 */
final class WebPages {

    static final String ROOT = "webroot";

    static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /** The pages' files hold no data: anybody may load them (the data comes from the API, behind the gate). */
    static final AccessRules ACCESS = AccessRules.of(AccessRule.of("GET", "/(?!api/|dfs/|shuffle/).*", Access.OPEN));

    private WebPages() {}

    /** Mount last: it answers every GET that no API route took. */
    static void mount(Router router) {
        StaticHandler files = StaticHandler.create(ROOT).setCachingEnabled(false).setDirectoryListing(false).setIncludeHidden(false)
                .setIndexPage("index.html");
        router.route("/*").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(ctx -> {
            ctx.response().putHeader("Content-Security-Policy", POLICY).putHeader("X-Content-Type-Options", "nosniff")
                    .putHeader("Cache-Control", "no-cache");
            ctx.next();
        }).handler(files);
    }
}
