package dev.mr.dfs;

import static dev.mr.api.testing.Await.await;
import static dev.mr.api.testing.Await.quietly;
import static dev.mr.dfs.TestClusters.CHUNK;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.dfs.client.DfsClient;
import dev.mr.dfs.http.MiniDfsCluster;
import dev.mr.dfs.protocol.FileInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The namespace lives only in the master's journal: after a restart (here with a torn record
 * appended, as a crash mid-write leaves it) every file and directory must be back, readable,
 * and new chunks must never reuse an old id.
 */
class MasterRestartTest {

    @TempDir
    Path dir;

    @Test
    void theNamespaceSurvivesARestartWithATornJournalTail() throws Exception {
        DfsSettings settings = DfsSettings.from(TestClusters.fastConf().setInt(DfsSettings.CHECKPOINT_EVERY, 7));
        try (MiniDfsCluster cluster = TestClusters.startLive(dir, settings)) {
            DfsClient client = cluster.client();
            byte[] a = TestClusters.data(1, (int) (2 * CHUNK + 5));
            byte[] b = TestClusters.data(2, 77);
            TestClusters.put(client, "/data/a", a);
            TestClusters.put(client, "/data/b", b);
            TestClusters.put(client, "/tmp/gone", b);
            client.mkdirs("/empty/dir");
            client.rename("/data/b", "/data/b2");
            client.delete("/tmp", true);
            String lastChunk = client.layout("/data/a").chunks().get(2).chunk();

            cluster.stopMaster();
            Path log;
            try (Stream<Path> files = Files.list(dir.resolve("master/journal"))) {
                log = files.filter(p -> p.getFileName().toString().startsWith("log-")).sorted().reduce((x, y) -> y).orElseThrow();
            }
            Files.write(log, new byte[] {0, 0, 1, 0, 9, 9, 9, 9, '{', '"'}, StandardOpenOption.APPEND);
            cluster.restartMaster();

            List<String> warnings = cluster.master().metadata().recoveryWarnings();
            assertTrue(warnings.stream().anyMatch(w -> w.contains("dropped")), "the torn record is reported: " + warnings);
            List<FileInfo> data = client.list("/data").entries();
            assertEquals(List.of("/data/a", "/data/b2"), data.stream().map(FileInfo::path).toList());
            assertTrue(client.status("/empty/dir").directory());
            assertTrue(client.list("/").entries().stream().noneMatch(f -> f.path().equals("/tmp")));
            await(Duration.ofSeconds(5), "chunk reports after the restart", quietly(() ->
                    !client.health().safeMode() && TestClusters.fsck(client).healthy() == 4));
            assertArrayEquals(a, TestClusters.get(client, "/data/a"));
            assertArrayEquals(b, TestClusters.get(client, "/data/b2"));

            TestClusters.put(client, "/data/c", TestClusters.data(3, 10));
            String newChunk = client.layout("/data/c").chunks().get(0).chunk();
            assertTrue(ChunkId.parse(newChunk).compareTo(ChunkId.parse(lastChunk)) > 0, newChunk + " after " + lastChunk);
        }
    }
}
