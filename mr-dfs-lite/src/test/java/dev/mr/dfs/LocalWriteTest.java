package dev.mr.dfs;

import static dev.mr.dfs.TestClusters.CHUNK;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.dfs.chunk.ChunkFiles;
import dev.mr.dfs.chunkserver.ChunkStore;
import dev.mr.dfs.chunkserver.LocalServers;
import dev.mr.dfs.client.DfsClient;
import dev.mr.dfs.http.MiniDfsCluster;
import dev.mr.dfs.protocol.ChunkLayout;
import dev.mr.dfs.protocol.FileLayout;
import dev.mr.dfs.protocol.FsckSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reducer writes its output through the chunk server of its own worker process without HTTP
 * (short-circuit write). The replica it leaves must be the same replica an HTTP upload leaves:
 * the chunk's exact bytes, checksummed, reported to the master, readable by anyone; and a local
 * store that fails must cost that one replica, never the file.
 */
class LocalWriteTest {

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
    void replicasOfThisProcessesChunkServerAreWrittenIntoItsStoreAndReadBackIdentical() throws Exception {
        ChunkStore local = cluster.chunkServer(0).store();
        DfsClient viaHttp = TestClusters.httpOnlyClient(cluster);
        int chunksWritten = 0;
        try (DfsClient writer = new DfsClient(cluster.masterUrl(), TestClusters.fast(), onHostOf(local.serverId(), local))) {
            for (int size : new int[] {0, 1, (int) CHUNK, (int) CHUNK + 1, (int) (5 * CHUNK + 777)}) {
                byte[] bytes = TestClusters.data(size, size);
                String path = "/local-write/file-" + size;
                TestClusters.put(writer, path, bytes);
                assertEquals(TestClusters.sha256(bytes), TestClusters.sha256(TestClusters.get(viaHttp, path)), "size " + size);
                FileLayout layout = viaHttp.layout(path);
                for (ChunkLayout c : layout.chunks()) {
                    assertEquals(3, c.replicas().size(), "replicas of " + c.chunk());
                    assertTrue(c.replicas().stream().anyMatch(r -> r.server().equals(local.serverId().value())),
                            "the master knows the local replica of " + c.chunk());
                    ChunkId id = ChunkId.parse(c.chunk());
                    byte[] replica = Files.readAllBytes(ChunkFiles.data(cluster.chunkDir(0), id));
                    assertArrayEquals(Arrays.copyOfRange(bytes, (int) c.offset(), (int) (c.offset() + c.length())), replica,
                            "the bytes of " + c.chunk() + " in the local store");
                    ChunkFiles.verify(cluster.chunkDir(0), id, local.readCrcs(id));
                    chunksWritten++;
                }
            }
            assertEquals(chunksWritten, writer.localWrites(), "every chunk had a replica on the local server, written without HTTP");
        }
        FsckSummary fsck = TestClusters.fsck(viaHttp);
        assertEquals(fsck.chunks(), fsck.healthy(), "fsck after short-circuit writes: " + fsck);
    }

    @Test
    void aClientOfTheClusterWritesAsIfOnAnotherHostWhateverServersShareItsProcess() throws Exception {
        DfsClient client = cluster.client();
        byte[] bytes = TestClusters.data(3, (int) (2 * CHUNK));
        TestClusters.put(client, "/local-write/remote", bytes);
        assertEquals(0, client.localWrites(), "no replica written into a store of this JVM without HTTP");
        assertEquals(TestClusters.sha256(bytes), TestClusters.sha256(TestClusters.get(client, "/local-write/remote")));
    }

    /** What a worker daemon's tasks see: the chunk server {@code id} of their process, with {@code store}. */
    static LocalServers onHostOf(ServerId id, ChunkStore store) {
        LocalServers here = new LocalServers();
        here.add(id, store);
        return here;
    }

    @Test
    void aLocalStoreThatFailsCostsOneReplicaNotTheFile(@TempDir Path brokenDir) throws Exception {
        ChunkStore local = cluster.chunkServer(0).store();
        ChunkStore broken = new ChunkStore(brokenDir, false);
        broken.open();
        Files.delete(brokenDir.resolve(ChunkFiles.TMP)); // every replica it starts now fails at its first byte
        byte[] bytes = TestClusters.data(7, (int) (3 * CHUNK + 5));
        try (DfsClient writer = new DfsClient(cluster.masterUrl(), TestClusters.fast(), onHostOf(local.serverId(), broken))) {
            TestClusters.put(writer, "/local-write/survivor", bytes);
            assertEquals(4, writer.localWrites());
        }
        assertEquals(TestClusters.sha256(bytes), TestClusters.sha256(TestClusters.get(cluster.client(), "/local-write/survivor")));
        try (var left = Files.list(brokenDir)) {
            assertEquals(0, left.filter(p -> p.getFileName().toString().contains(".data")).count(), "no partial replica left behind");
        }
    }
}
