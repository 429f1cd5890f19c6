package dev.mr.dfs;

import static dev.mr.dfs.TestClusters.CHUNK;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.api.ConfKeys;
import dev.mr.api.Configuration;
import dev.mr.api.fs.BlockLocation;
import dev.mr.api.fs.CreateOptions;
import dev.mr.api.fs.FileStatus;
import dev.mr.api.fs.FileSystem;
import dev.mr.api.fs.FileSystems;
import dev.mr.api.fs.FsPath;
import dev.mr.api.fs.SeekableInput;
import dev.mr.api.io.FileOutputCommitter;
import dev.mr.dfs.http.MiniDfsCluster;
import java.io.FileNotFoundException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jobs reach the store only through the {@code dfs:} {@link FileSystem}: it must be found by
 * scheme, keep the contract's promises (create and rename refuse existing paths, missing
 * paths are {@link FileNotFoundException}s), seek anywhere, name the hosts of each chunk for
 * locality, and carry a whole output commit.
 */
class DfsFileSystemTest {

    @TempDir
    static Path dir;
    static MiniDfsCluster cluster;
    static FileSystems filesystems;
    static FileSystem fs;

    @BeforeAll
    static void start() throws Exception {
        cluster = TestClusters.startLive(dir, TestClusters.fast());
        Configuration conf = TestClusters.fastConf().set(ConfKeys.MASTER, cluster.masterUrl());
        filesystems = new FileSystems(conf);
        fs = filesystems.get("dfs");
    }

    @AfterAll
    static void stop() throws Exception {
        filesystems.close();
        cluster.close();
    }

    static FsPath p(String s) {
        return FsPath.parse(s, "file");
    }

    static void write(FsPath path, byte[] bytes, CreateOptions options) throws Exception {
        try (OutputStream out = fs.create(path, options)) {
            out.write(bytes);
        }
    }

    @Test
    void isFoundByItsSchemeThroughTheServiceLoader() {
        assertInstanceOf(DfsFileSystem.class, fs);
        assertEquals("dfs", fs.scheme());
    }

    @Test
    void keepsTheContractOnCreateRenameAndMissingPaths() throws Exception {
        write(p("dfs:/fs/a"), new byte[] {1, 2, 3}, CreateOptions.DEFAULT);
        assertThrows(FileAlreadyExistsException.class, () -> fs.create(p("dfs:/fs/a")));
        write(p("dfs:/fs/b"), new byte[] {4}, CreateOptions.DEFAULT);
        assertThrows(FileAlreadyExistsException.class, () -> fs.rename(p("dfs:/fs/a"), p("dfs:/fs/b")));
        assertThrows(FileNotFoundException.class, () -> fs.rename(p("dfs:/fs/none"), p("dfs:/fs/c")));
        assertThrows(FileNotFoundException.class, () -> fs.rename(p("dfs:/fs/a"), p("dfs:/nodir/c")), "the destination's parent must exist");
        assertThrows(FileNotFoundException.class, () -> fs.status(p("dfs:/fs/none")));
        assertThrows(FileNotFoundException.class, () -> fs.open(p("dfs:/fs/none")));
        assertFalse(fs.exists(p("dfs:/fs/none")));
        fs.rename(p("dfs:/fs/a"), p("dfs:/fs/c"));
        assertEquals(List.of("b", "c"), fs.list(p("dfs:/fs")).stream().map(s -> s.path().name()).toList());
        FileStatus c = fs.status(p("dfs:/fs/c"));
        assertEquals(3, c.length());
        assertEquals(3, c.replication());
        assertEquals(CHUNK, c.blockSize());
        assertTrue(fs.delete(p("dfs:/fs"), true));
        assertFalse(fs.delete(p("dfs:/fs"), true));
    }

    @Test
    void perFileReplicationAndChunkSizeApply() throws Exception {
        write(p("dfs:/opt/f"), new byte[300_000], new CreateOptions(2, 100_000));
        FileStatus s = fs.status(p("dfs:/opt/f"));
        assertEquals(2, s.replication());
        assertEquals(100_000, s.blockSize());
        List<BlockLocation> blocks = fs.locations(p("dfs:/opt/f"), 0, 300_000);
        assertEquals(3, blocks.size());
        blocks.forEach(b -> assertEquals(2, b.hosts().size()));
    }

    @Test
    void seeksAnywhereAndNamesTheHostsOfEachChunk() throws Exception {
        byte[] bytes = TestClusters.data(9, (int) (4 * CHUNK + 333));
        write(p("dfs:/seek/f"), bytes, CreateOptions.DEFAULT);
        Random r = new Random(3);
        try (SeekableInput in = fs.open(p("dfs:/seek/f"))) {
            assertEquals(bytes.length, in.length());
            for (int i = 0; i < 50; i++) {
                int at = r.nextInt(bytes.length);
                in.seek(at);
                byte[] got = new byte[Math.min(bytes.length - at, 1 + r.nextInt(200_000))];
                int n = in.readNBytes(got, 0, got.length);
                assertEquals(got.length, n);
                for (int k = 0; k < n; k++) if (got[k] != bytes[at + k]) throw new AssertionError("byte " + (at + k) + " differs");
                assertEquals(at + n, in.position());
            }
            in.seek(bytes.length);
            assertEquals(-1, in.read());
        }
        List<BlockLocation> blocks = fs.locations(p("dfs:/seek/f"), CHUNK + 5, 2 * CHUNK);
        assertEquals(List.of(CHUNK, 2 * CHUNK, 3 * CHUNK), blocks.stream().map(BlockLocation::offset).toList());
        Set<String> servers = Set.of(cluster.chunkServer(0).address(), cluster.chunkServer(1).address(), cluster.chunkServer(2).address());
        for (BlockLocation b : blocks) assertEquals(servers, Set.copyOf(b.hosts()), "hosts are the servers' advertised host:port");
    }

    @Test
    void carriesAWholeOutputCommit() throws Exception {
        FsPath out = p("dfs:/job/out");
        FileOutputCommitter committer = new FileOutputCommitter(fs, out);
        committer.checkOutput(false);
        committer.setupJob();
        for (int task = 0; task < 2; task++) {
            for (int attempt = 0; attempt < 2; attempt++) {
                FsPath file = committer.attemptDir("attempt_" + task + "_" + attempt).child(FileOutputCommitter.partName(false, task));
                write(file, ("task " + task + " attempt " + attempt + "\n").getBytes(), CreateOptions.DEFAULT);
            }
            committer.commitTask("t" + task, "attempt_" + task + "_1");
            int t = task;
            assertThrows(FileAlreadyExistsException.class, () -> committer.commitTask("t" + t, "attempt_" + t + "_0"),
                    "a second commit of one task is refused");
            committer.abortTask("attempt_" + task + "_0");
        }
        committer.commitJob();
        assertEquals(Set.of("part-r-00000", "part-r-00001", "_SUCCESS"),
                fs.list(out).stream().map(s -> s.path().name()).collect(Collectors.toSet()));
        try (SeekableInput in = fs.open(out.child("part-r-00001"))) {
            assertArrayEquals("task 1 attempt 1\n".getBytes(), in.readAllBytes());
        }
        assertThrows(dev.mr.api.InvalidJobException.class, () -> committer.checkOutput(false));
    }
}
