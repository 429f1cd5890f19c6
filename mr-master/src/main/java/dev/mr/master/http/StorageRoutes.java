package dev.mr.master.http;

import dev.mr.dfs.StoreException;
import dev.mr.dfs.http.DfsMaster;
import dev.mr.dfs.master.DfsMetadata;
import dev.mr.master.core.Refusal;
import dev.mr.master.status.Paging;
import dev.mr.master.status.StorageViews;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.Callable;

/**
 * The storage page's API: {@code GET /api/v1/storage} (dfs-lite's health with the store's size)
 * and {@code GET /api/v1/storage/ls?path=&offset=&limit=} (one page of a directory). Each asks the
 * dfs master's metadata, which takes its lock and walks the namespace, on a worker thread, and
 * answers with the views {@link StorageViews} makes. Stateless; handlers run on event loops.
 */
final class StorageRoutes {

    private final DfsMaster dfs;

    StorageRoutes(DfsMaster dfs) {
        this.dfs = dfs;
    }

    void mount(Router router) {
        router.get(ApiRoutes.API + "/storage").handler(ApiRoutes.handle(ctx -> call(ctx, () -> {
            DfsMetadata m = metadata();
            return StorageViews.of(m.health(), m.totalBytes());
        })));
        router.get(ApiRoutes.API + "/storage/ls").handler(ApiRoutes.handle(ctx -> {
            String p = ctx.request().getParam("path");
            String path = p == null || p.isEmpty() ? "/" : p;
            int offset = Requests.intParam(ctx, "offset", 0);
            int limit = Requests.intParam(ctx, "limit", 100);
            try {
                Paging.check(offset, limit);
            } catch (IllegalArgumentException e) {
                throw Refusal.badRequest(e.getMessage());
            }
            call(ctx, () -> StorageViews.page(metadata().list(path), offset, limit));
        }));
    }

    private DfsMetadata metadata() {
        DfsMetadata m = dfs.metadata();
        if (m == null) throw Refusal.unavailable("the chunk store is starting or stopping; retry shortly");
        return m;
    }

    private static void call(RoutingContext ctx, Callable<Object> body) {
        ctx.vertx().executeBlocking(() -> {
            try {
                return body.call();
            } catch (StoreException e) {
                throw new Refusal(status(e), e.getMessage());
            }
        }, false).onComplete(ar -> {
            if (ar.succeeded()) Replies.json(ctx, 200, ar.result());
            else Replies.fail(ctx, ar.cause());
        });
    }

    private static int status(StoreException e) {
        return e.problem().status;
    }
}
