package dev.mr.master;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.dfs.http.ServerLimits;
import dev.mr.master.http.MasterDaemon;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A status request may wait up to 60 s for its job to end ({@code ?waitMs=}); an idle timeout
 * at or below that would cut such requests off in the middle, so the master refuses to start
 * with one and says why.
 */
class IdleTimeoutSettingTest {

    @TempDir
    Path tmp;

    @Test
    void anIdleTimeoutShorterThanTheLongestWaitIsRefusedAtStart() {
        IOException e = assertThrows(IOException.class, () -> MasterDaemon.start(tmp, "127.0.0.1", "127.0.0.1", 0,
                TestCluster.fastConf().setLong(ServerLimits.IDLE_TIMEOUT_MS, 30_000)).close());
        assertTrue(e.getMessage().contains(ServerLimits.IDLE_TIMEOUT_MS + "=30000 must exceed the longest wait"), e.getMessage());
    }
}
