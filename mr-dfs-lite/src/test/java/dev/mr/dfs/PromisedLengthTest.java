package dev.mr.dfs;

import static dev.mr.dfs.TestClusters.CHUNK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.dfs.client.DfsClient;
import dev.mr.dfs.client.DfsOutput;
import dev.mr.dfs.http.MiniDfsCluster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A writer that promises a file's length up front ({@code mr-dfs put} of a regular file) sends
 * its chunks with a Content-Length instead of HTTP chunks, and reads its source straight into
 * packets. The bytes must come back identical at every shape, and a source that turns out
 * longer or shorter than promised must fail the file, never leave a torn one visible.
 */
class PromisedLengthTest {

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

    @Test
    void promisedFilesOfEveryShapeReadBackIdentical() throws Exception {
        int[] sizes = {1, 65_536, 65_537, (int) CHUNK, (int) CHUNK + 1, (int) (5 * CHUNK + 12_345)};
        for (int size : sizes) {
            byte[] bytes = TestClusters.data(size + 7, size);
            String path = "/promised/file-" + size;
            DfsOutput out = client.create(path, 0, 0);
            out.expectLength(size);
            try (InputStream in = new TrickleInputStream(bytes)) {
                while (out.writeFrom(in) >= 0) {
                    assertTrue(out.written() <= size);
                }
            }
            out.close();
            assertEquals(size, client.status(path).length());
            assertEquals(TestClusters.sha256(bytes), TestClusters.sha256(TestClusters.get(client, path)), "size " + size);
        }
    }

    @Test
    void writingPastThePromiseFailsTheFile() throws Exception {
        byte[] bytes = TestClusters.data(1, (int) CHUNK + 10);
        DfsOutput out = client.create("/promised/longer", 0, 0);
        out.expectLength(CHUNK);
        IOException e = assertThrows(IOException.class, () -> {
            try (InputStream in = new ByteArrayInputStream(bytes)) {
                while (out.writeFrom(in) >= 0) {
                    // until it fails
                }
            }
        });
        assertTrue(e.getMessage().contains("more than the " + CHUNK + " bytes promised"), e.getMessage());
        assertThrows(IOException.class, out::close);
        assertTrue(client.list("/promised").entries().stream().noneMatch(f -> f.path().endsWith("/longer")), "a failed file stays invisible");
    }

    @Test
    void closingShortOfThePromiseFailsTheFile() throws Exception {
        byte[] bytes = TestClusters.data(2, (int) CHUNK + 10);
        DfsOutput out = client.create("/promised/shorter", 0, 0);
        out.expectLength(bytes.length + 1);
        out.write(bytes, 0, bytes.length);
        IOException e = assertThrows(IOException.class, out::close);
        assertTrue(e.getMessage().contains("ended after " + bytes.length + " of the " + (bytes.length + 1)), e.getMessage());
        assertThrows(IOException.class, () -> client.status("/promised/shorter"));
    }

    /** Hands out at most a few thousand bytes per read, so packets fill over several reads. */
    private static final class TrickleInputStream extends ByteArrayInputStream {
        private int calls;

        TrickleInputStream(byte[] b) {
            super(b);
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            return super.read(b, off, Math.min(len, 1 + (calls++ * 7919) % 40_000));
        }
    }
}
