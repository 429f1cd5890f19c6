package dev.mr.master.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.api.Configuration;
import dev.mr.security.RouteAudit;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every route the master daemon serves must say who may call it: a route mounted without an
 * access rule fails here, so a new endpoint cannot ship open by accident.
 */
class RouteAccessTest {

    @TempDir
    Path dir;

    @Test
    void everyRouteOfTheMasterHasAnAccessRule() throws Exception {
        try (MasterDaemon d = MasterDaemon.start(dir, "127.0.0.1", 0, new Configuration())) {
            assertTrue(RouteAudit.endpoints(d.router()) >= 30, "the walk saw the routes: " + RouteAudit.endpoints(d.router()));
            assertEquals(List.of(), RouteAudit.unguarded(d.router(), MasterDaemon.accessRules()));
        }
    }
}
