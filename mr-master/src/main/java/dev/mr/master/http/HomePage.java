package dev.mr.master.http;

import io.vertx.ext.web.Router;

/** {@code GET /}: a placeholder for the web UI (a later issue), linking to the REST API. Stateless. */
final class HomePage {

    private static final String HTML = """
            <!doctype html>
            <html><head><meta charset="utf-8"><title>mr master</title></head>
            <body>
            <h1>mr master</h1>
            <p>The web page is yet to come. Meanwhile, the REST API:</p>
            <ul>
            <li><a href="/api/v1/jobs">/api/v1/jobs</a>: jobs, running first</li>
            <li><a href="/api/v1/workers">/api/v1/workers</a>: workers</li>
            <li><a href="/dfs/v1/master/health">/dfs/v1/master/health</a>: the chunk store</li>
            </ul>
            </body></html>
            """;

    private HomePage() {}

    static void mount(Router router) {
        router.get("/").handler(ctx -> ctx.response().putHeader("Content-Type", "text/html; charset=utf-8").end(HTML));
    }
}
