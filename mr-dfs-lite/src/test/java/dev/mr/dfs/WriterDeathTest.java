package dev.mr.dfs;

import static dev.mr.api.testing.Await.await;
import static dev.mr.api.testing.Await.quietly;
import static dev.mr.dfs.TestClusters.CHUNK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.dfs.client.DfsClient;
import dev.mr.dfs.client.RemoteStoreException;
import dev.mr.dfs.http.MiniDfsCluster;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A writer killed mid-file (a real process, {@code kill -9}) must leave no visible file and no
 * space used: its lease expires, the master removes the file, and every chunk it wrote,
 * complete or half-sent, is deleted from the servers.
 */
class WriterDeathTest {

    @TempDir
    Path dir;

    @Test
    void aKilledWriterLeavesNoFileAndNoSpace() throws Exception {
        // a lease long enough for a cold child JVM on a loaded machine to get from create() to
        // its first chunk (with 1.5 s the lease could expire before READY and the child died early)
        DfsSettings settings = DfsSettings.from(TestClusters.fastConf().setLong(DfsSettings.LEASE_EXPIRY_MS, 5000));
        try (MiniDfsCluster cluster = TestClusters.startLive(dir, settings)) {
            DfsClient client = cluster.client();
            TestClusters.put(client, "/kept", TestClusters.data(1, (int) CHUNK));
            int before = TestClusters.replicaCount(cluster);

            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process writer = new ProcessBuilder(java, "-Xmx128m", "-D" + dev.mr.security.ClusterSecret.PROPERTY + "=" + dev.mr.security.ClusterSecretExtension.secretFile(), "-cp", System.getProperty("java.class.path"),
                    WriterProcess.class.getName(), cluster.masterUrl(), "/out/part-0", Long.toString(2 * CHUNK + 70_000))
                    .redirectErrorStream(true).start();
            try {
                BufferedReader lines = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8));
                String line;
                StringBuilder said = new StringBuilder();
                while ((line = lines.readLine()) != null && !line.equals("READY")) {
                    said.append(line).append('\n');
                }
                assertEquals("READY", line, "the writer process started writing; it said:\n" + said);
                await(Duration.ofSeconds(5), "the writer's two full chunks on the servers",
                        quietly(() -> TestClusters.replicaCount(cluster) >= before + 6));
                assertThrows(RemoteStoreException.class, () -> client.open("/out/part-0"), "a file being written cannot be read");
            } finally {
                writer.destroyForcibly();
                writer.waitFor(10, TimeUnit.SECONDS);
            }

            await(Duration.ofSeconds(20), "the dead writer's file and chunks gone", quietly(() ->
                    !exists(client, "/out/part-0") && TestClusters.replicaCount(cluster) == before && partials(cluster) == 0));
            assertTrue(client.list("/out").entries().isEmpty(), "no visible file");
            TestClusters.put(client, "/out/part-0", TestClusters.data(2, 10));
            assertEquals(10, client.status("/out/part-0").length(), "the path is free again");
        }
    }

    static boolean exists(DfsClient client, String path) throws Exception {
        try {
            client.status(path);
            return true;
        } catch (RemoteStoreException e) {
            if (DfsClient.notFound(e)) return false;
            throw e;
        }
    }

    static long partials(MiniDfsCluster cluster) throws Exception {
        long n = 0;
        for (int i = 0; i < cluster.size(); i++) {
            try (Stream<Path> files = Files.list(cluster.chunkDir(i).resolve(".tmp"))) {
                n += files.count();
            }
        }
        return n;
    }
}
