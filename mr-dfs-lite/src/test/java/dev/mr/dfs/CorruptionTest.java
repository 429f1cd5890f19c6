package dev.mr.dfs;

import static dev.mr.api.testing.Await.await;
import static dev.mr.api.testing.Await.quietly;
import static dev.mr.dfs.TestClusters.CHUNK;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.mr.dfs.chunk.ChunkFiles;
import dev.mr.dfs.client.ChecksumException;
import dev.mr.dfs.client.DfsClient;
import dev.mr.dfs.client.DfsInput;
import dev.mr.dfs.http.MiniDfsCluster;
import dev.mr.dfs.protocol.ChunkLayout;
import dev.mr.dfs.protocol.FileLayout;
import dev.mr.dfs.protocol.FsckFile;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A flipped bit on a disk must never reach a reader: one bad replica is read around, reported,
 * dropped and replaced until fsck is healthy again; when every replica is bad the read fails
 * with a checksum error naming the file and offset, and nothing wrong was handed out before.
 */
class CorruptionTest {

    @TempDir
    static Path dir;
    static MiniDfsCluster cluster;
    static DfsClient client;

    @BeforeAll
    static void start() throws Exception {
        cluster = TestClusters.startLive(dir, TestClusters.fast());
        client = cluster.client();
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    static FsckFile fsck(String path) throws Exception {
        return client.fsck(path).files().get(0);
    }

    @Test
    void oneBadReplicaIsReadAroundAndReplaced() throws Exception {
        byte[] bytes = TestClusters.data(11, (int) (3 * CHUNK));
        TestClusters.put(client, "/c/one", bytes);
        ChunkLayout chunk = client.layout("/c/one").chunks().get(1);
        // the replica a local reader tries first is the one damaged
        Path bad = Path.of(chunk.replicas().get(0).dir()).resolve(chunk.chunk() + ".data");
        TestClusters.flip(bad, 70_000);

        assertArrayEquals(bytes, TestClusters.get(client, "/c/one"), "the read returns the right bytes");

        await(Duration.ofSeconds(10), "the bad replica replaced and fsck healthy", quietly(() -> {
            FsckFile f = fsck("/c/one");
            return f.healthy() == 3 && client.layout("/c/one").chunks().get(1).replicas().size() == 3
                    && TestClusters.replicaFiles(cluster, chunk.chunk()).size() == 3 && allIntact(chunk);
        }));
        assertEquals(0, TestClusters.fsck(client).corrupt() + TestClusters.fsck(client).missing());
    }

    static boolean allIntact(ChunkLayout chunk) {
        for (Path p : TestClusters.replicaFiles(cluster, chunk.chunk())) {
            try {
                ChunkFiles.verify(p.getParent(), ChunkId.parse(chunk.chunk()), ChunkFiles.readCrcs(p.getParent(), ChunkId.parse(chunk.chunk())));
            } catch (Exception e) {
                return false;
            }
        }
        return true;
    }

    @Test
    void everyReplicaBadFailsTheReadWithAChecksumErrorAndNoWrongByte() throws Exception {
        DfsClient viaHttp = TestClusters.httpOnlyClient(cluster);
        byte[] bytes = TestClusters.data(12, (int) (3 * CHUNK));
        TestClusters.put(viaHttp, "/c/all", bytes);
        FileLayout layout = viaHttp.layout("/c/all");
        ChunkLayout chunk = layout.chunks().get(1);
        List<Path> replicas = TestClusters.replicaFiles(cluster, chunk.chunk());
        assertEquals(3, replicas.size());
        long damagedAt = chunk.offset() + 70_000;
        for (Path p : replicas) TestClusters.flip(p, 70_000);

        ByteArrayOutputStream got = new ByteArrayOutputStream();
        ChecksumException e = assertThrows(ChecksumException.class, () -> {
            try (DfsInput in = viaHttp.open("/c/all")) {
                byte[] buf = new byte[4096];
                for (int n; (n = in.read(buf)) > 0; ) got.write(buf, 0, n);
            }
        });
        assertEquals("/c/all", e.path());
        assertEquals(chunk.offset() + 65_536, e.offset(), "the offset of the first window that fails");
        assertTrue(e.getMessage().contains("dfs:/c/all") && e.getMessage().contains(chunk.chunk()), e.getMessage());
        byte[] prefix = got.toByteArray();
        assertTrue(prefix.length <= damagedAt);
        assertArrayEquals(Arrays.copyOf(bytes, prefix.length), prefix, "every byte handed out was right");

        await(Duration.ofSeconds(5), "fsck to call the chunk corrupt", quietly(() -> fsck("/c/all").corrupt() == 1));
        assertEquals(2, fsck("/c/all").healthy());
        // a second reader fails the same way, whether or not it reads locally
        try (DfsInput in = client.open("/c/all")) {
            in.seek(chunk.offset() + 1000);
            assertEquals(10, in.read(new byte[10]), "the intact first window of the chunk still reads");
            in.seek(damagedAt);
            in.read(new byte[10]);
            fail("read a chunk with no good replica");
        } catch (ChecksumException expected) {
            // the chunk has no good replica left
        }
        viaHttp.delete("/c/all", false);
    }
}
