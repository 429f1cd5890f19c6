package dev.mr.dfs;

import static dev.mr.api.testing.Await.await;
import static dev.mr.api.testing.Await.quietly;
import static dev.mr.dfs.TestClusters.CHUNK;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.mr.dfs.client.DfsClient;
import dev.mr.dfs.http.MiniDfsCluster;
import dev.mr.dfs.protocol.ChunkLayout;
import dev.mr.dfs.protocol.FsckSummary;
import dev.mr.dfs.protocol.ReplicaLocation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A chunk server that dies without a word must cost nothing: its chunks are copied from the
 * survivors back to full replication and every byte reads back; when it returns with its disk,
 * it rejoins and the now surplus replicas are trimmed to exactly the replication.
 */
class ServerFailureTest {

    @TempDir
    Path dir;

    @Test
    void aKilledServerLosesNoBytesAndItsReturnIsTrimmed() throws Exception {
        try (MiniDfsCluster cluster = MiniDfsCluster.start(dir, 4, TestClusters.fast())) {
            DfsClient client = cluster.client();
            await(Duration.ofSeconds(5), "4 live chunk servers", quietly(() -> client.health().servers().size() == 4));
            Map<String, byte[]> files = new LinkedHashMap<>();
            for (int i = 0; i < 6; i++) {
                byte[] b = TestClusters.data(100 + i, (int) (3 * CHUNK + i * 1000));
                files.put("/f/" + i, b);
                TestClusters.put(client, "/f/" + i, b);
            }
            int chunks = TestClusters.fsck(client).chunks();
            assertEquals(3 + 5 * 4, chunks);
            String victim = client.health().servers().get(0).address();
            int index = indexOf(cluster, victim);

            cluster.killChunkServer(index);

            await(Duration.ofSeconds(15), "every chunk back to 3 replicas on live servers", quietly(() -> {
                FsckSummary s = TestClusters.fsck(client);
                if (s.healthy() != chunks) return false;
                for (String f : files.keySet()) {
                    for (ChunkLayout c : client.layout(f).chunks()) {
                        for (ReplicaLocation r : c.replicas()) if (r.address().equals(victim)) return false;
                    }
                }
                return true;
            }));
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                assertArrayEquals(f.getValue(), TestClusters.get(client, f.getKey()), "bytes lost in " + f.getKey());
            }

            cluster.restartChunkServer(index);
            await(Duration.ofSeconds(15), "the returned server rejoined and surplus replicas trimmed", quietly(() ->
                    client.health().servers().stream().filter(s -> s.alive()).count() == 4
                            && client.health().copiesInFlight() == 0
                            && TestClusters.fsck(client).healthy() == chunks
                            && TestClusters.replicaCount(cluster) == 3 * chunks
                            && exactlyThree(client, files)));
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                assertArrayEquals(f.getValue(), TestClusters.get(client, f.getKey()));
            }
            assertFalse(client.health().safeMode());
        }
    }

    static boolean exactlyThree(DfsClient client, Map<String, byte[]> files) throws Exception {
        for (String f : files.keySet()) {
            for (ChunkLayout c : client.layout(f).chunks()) if (c.replicas().size() != 3) return false;
        }
        return true;
    }

    static int indexOf(MiniDfsCluster cluster, String address) {
        for (int i = 0; i < cluster.size(); i++) if (address.equals(cluster.chunkServer(i).address())) return i;
        throw new AssertionError("no server at " + address);
    }
}
