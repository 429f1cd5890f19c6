package dev.mr.dfs;

import static dev.mr.api.testing.Await.await;
import static dev.mr.api.testing.Await.quietly;
import static dev.mr.dfs.TestClusters.CHUNK;

import dev.mr.dfs.chunk.ChunkFiles;
import dev.mr.dfs.client.DfsClient;
import dev.mr.dfs.http.MiniDfsCluster;
import dev.mr.dfs.protocol.ChunkLayout;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damage on a disk nobody reads must still be found, by the background scrubber, and repaired. */
class ScrubberTest {

    @TempDir
    Path dir;

    @Test
    void theScrubberFindsAndRepairsUnreadDamage() throws Exception {
        DfsSettings settings = DfsSettings.from(TestClusters.fastConf().setLong(DfsSettings.SCRUB_INTERVAL_MS, 20));
        try (MiniDfsCluster cluster = TestClusters.startLive(dir, settings)) {
            DfsClient client = cluster.client();
            TestClusters.put(client, "/s/file", TestClusters.data(5, (int) (2 * CHUNK)));
            ChunkLayout chunk = client.layout("/s/file").chunks().get(0);
            Path bad = TestClusters.replicaFiles(cluster, chunk.chunk()).get(2);
            TestClusters.flip(bad, 5);
            ChunkId id = ChunkId.parse(chunk.chunk());
            await(Duration.ofSeconds(10), "the damaged replica to be found and replaced", quietly(() -> {
                ChunkFiles.verify(bad.getParent(), id, ChunkFiles.readCrcs(bad.getParent(), id));
                return client.fsck("/s/file").files().get(0).healthy() == 2;
            }));
        }
    }
}
