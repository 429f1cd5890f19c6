package dev.mr.dfs;

import static dev.mr.dfs.TestClusters.CHUNK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.dfs.client.DfsClient;
import dev.mr.dfs.http.MiniDfsCluster;
import dev.mr.dfs.protocol.FileInfo;
import dev.mr.dfs.protocol.FileLayout;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bytes put into the store must come back identical whatever the file's size relative to its
 * chunks, read over HTTP or from the local disk: SHA-256 of what was written and read agree.
 */
class RoundTripTest {

    @TempDir
    static Path dir;
    static MiniDfsCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = TestClusters.startLive(dir, TestClusters.steady());
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void filesOfEveryShapeReadBackIdentical() throws Exception {
        DfsClient viaHttp = TestClusters.httpOnlyClient(cluster);
        DfsClient local = cluster.client();
        int[] sizes = {0, 1, (int) CHUNK, (int) CHUNK + 1, (int) (7 * CHUNK + 12_345), 65_536, 65_537};
        for (int size : sizes) {
            byte[] bytes = TestClusters.data(size, size);
            String path = "/shapes/file-" + size;
            TestClusters.put(viaHttp, path, bytes);
            FileInfo info = viaHttp.status(path);
            assertEquals(size, info.length());
            assertEquals((size + CHUNK - 1) / CHUNK, info.chunks(), "chunks of " + size + " bytes");
            FileLayout layout = viaHttp.layout(path);
            layout.chunks().forEach(c -> assertEquals(3, c.replicas().size(), "replicas of " + c.chunk()));
            assertEquals(TestClusters.sha256(bytes), TestClusters.sha256(TestClusters.get(viaHttp, path)), "over HTTP, size " + size);
            assertEquals(TestClusters.sha256(bytes), TestClusters.sha256(TestClusters.get(local, path)), "short-circuit, size " + size);
        }
        assertTrue(viaHttp.remoteReads() > 0);
        assertEquals(0, viaHttp.localReads());
        assertTrue(local.localReads() > 0, "replicas on this host are read from disk");
        assertEquals(0, local.remoteReads());
    }
}
