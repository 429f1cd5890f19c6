package dev.mr.worker.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.dfs.DfsSettings;
import dev.mr.dfs.http.ChunkServer;
import dev.mr.dfs.http.VertxFutures;
import dev.mr.security.ClusterSecretExtension;
import dev.mr.security.Credentials;
import dev.mr.security.RouteAudit;
import dev.mr.worker.shuffle.MapOutputRegistry;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every route a worker serves (shuffle and chunks) must say who may call it: a route mounted
 * without an access rule fails here, so a new endpoint cannot ship open by accident.
 */
class RouteAccessTest {

    @TempDir
    Path dir;

    @Test
    void everyRouteOfTheWorkerHasAnAccessRule() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            ChunkServer chunks = new ChunkServer(vertx, dir, "http://127.0.0.1:1", DfsSettings.from(new dev.mr.api.Configuration()), Credentials.none());
            Router router = WorkerHttpServer.router(vertx, new MapOutputRegistry(), chunks, ClusterSecretExtension.security());
            assertTrue(RouteAudit.endpoints(router) >= 5, "the walk saw the routes: " + RouteAudit.endpoints(router));
            assertEquals(List.of(), RouteAudit.unguarded(router, WorkerHttpServer.access(true),
                    java.util.Map.of("mapAttempt", "job_0001_m_000001_0", "partition", "0")));
        } finally {
            VertxFutures.await(vertx.close());
        }
    }
}
