package dev.mr.hadoop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.api.Configuration;
import dev.mr.api.fs.BlockLocation;
import dev.mr.api.fs.CreateOptions;
import dev.mr.api.fs.FileStatus;
import dev.mr.api.fs.FileSystem;
import dev.mr.api.fs.FileSystems;
import dev.mr.api.fs.FsPath;
import dev.mr.api.fs.SeekableInput;
import dev.mr.api.io.FileOutputCommitter;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.security.PrivilegedExceptionAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.security.UserGroupInformation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jobs reach HDFS only through the {@code hdfs:} {@link FileSystem}, over a real NameNode and three
 * DataNodes: it must be found by scheme, keep the contract's promises as {@code file:} and
 * {@code dfs:} do (create refuses an existing path, rename is atomic and refuses an existing
 * destination even where Hadoop's own rename would move into it, missing paths are
 * {@link FileNotFoundException}s, a file lists as itself), seek anywhere, name each block's hosts,
 * carry a whole output commit, and say plainly what went wrong when a path is missing, a user may
 * not read it, or the NameNode cannot be reached.
 */
class HdfsFileSystemTest {

    @TempDir
    static Path dir;
    static MiniHdfs hdfs;
    static FileSystems filesystems;
    static FileSystem fs;

    @BeforeAll
    static void start() throws Exception {
        hdfs = MiniHdfs.start(dir);
        filesystems = new FileSystems(new Configuration().setLong("dfs.blocksize", MiniHdfs.BLOCK)); // a job's -D reaches the client
        fs = filesystems.get("hdfs");
    }

    @AfterAll
    static void stop() throws Exception {
        if (filesystems != null) filesystems.close();
        if (hdfs != null) hdfs.close();
    }

    static FsPath p(String path) {
        return FsPath.parse(hdfs.uri() + path, "file");
    }

    static void write(FsPath path, byte[] bytes, CreateOptions options) throws IOException {
        try (OutputStream out = fs.create(path, options)) {
            out.write(bytes);
        }
    }

    @Test
    void isFoundByItsSchemeThroughTheServiceLoader() {
        assertInstanceOf(HadoopFileSystem.class, fs);
        assertEquals("hdfs", fs.scheme());
    }

    @Test
    void keepsTheContractOnCreateRenameAndMissingPaths() throws Exception {
        write(p("/fs/deep/er/a"), new byte[] {1, 2, 3}, CreateOptions.DEFAULT);
        assertTrue(fs.status(p("/fs/deep/er")).directory(), "create makes the missing parents");
        assertThrows(FileAlreadyExistsException.class, () -> fs.create(p("/fs/deep/er/a")));
        write(p("/fs/b"), new byte[] {4}, CreateOptions.DEFAULT);
        assertThrows(FileAlreadyExistsException.class, () -> fs.rename(p("/fs/deep/er/a"), p("/fs/b")));
        FileNotFoundException missing = assertThrows(FileNotFoundException.class, () -> fs.rename(p("/fs/none"), p("/fs/c")));
        assertEquals(p("/fs/none") + " does not exist", missing.getMessage());
        FileNotFoundException noParent = assertThrows(FileNotFoundException.class, () -> fs.rename(p("/fs/b"), p("/nodir/c")));
        assertTrue(noParent.getMessage().contains(p("/nodir") + " does not exist"), noParent.getMessage());
        assertThrows(FileNotFoundException.class, () -> fs.status(p("/fs/none")));
        assertThrows(FileNotFoundException.class, () -> fs.open(p("/fs/none")));
        assertThrows(FileNotFoundException.class, () -> fs.list(p("/fs/none")));
        assertFalse(fs.exists(p("/fs/none")));

        fs.rename(p("/fs/deep/er/a"), p("/fs/c"));
        assertEquals(List.of("b", "c", "deep"), names(fs.list(p("/fs"))), "sorted by name");
        assertEquals(List.of(p("/fs/c")), fs.list(p("/fs/c")).stream().map(FileStatus::path).toList(), "a file lists as itself");
        FileStatus c = fs.status(p("/fs/c"));
        assertEquals(3, c.length());
        assertFalse(c.directory());
        assertEquals(3, c.replication());
        assertEquals(MiniHdfs.BLOCK, c.blockSize());
        assertTrue(fs.status(p("/fs")).directory());
        assertEquals(p("/fs") + " is a directory, not a file", assertThrows(IOException.class, () -> fs.open(p("/fs"))).getMessage());

        fs.mkdirs(p("/fs/d1/d2"));
        fs.mkdirs(p("/fs/d1/d2"));
        assertTrue(fs.status(p("/fs/d1/d2")).directory());
        IOException underFile = assertThrows(IOException.class, () -> fs.mkdirs(p("/fs/c/under-a-file")));
        assertTrue(underFile.getMessage().startsWith(p("/fs/c/under-a-file") + " cannot exist: a parent of it is a file ("), underFile.getMessage());
        assertThrows(IOException.class, () -> fs.create(p("/fs/c/under-a-file")));
        write(p("/fs/d1/d2/f"), new byte[] {5}, CreateOptions.DEFAULT);
        assertThrows(FileAlreadyExistsException.class, () -> fs.rename(p("/fs/c"), p("/fs/d1")),
                "an existing directory is refused, not moved into (Hadoop's rename would)");
        assertTrue(fs.exists(p("/fs/c")));
        fs.rename(p("/fs/d1"), p("/fs/e1"));
        assertEquals(List.of("f"), names(fs.list(p("/fs/e1/d2"))), "a directory moves whole");

        IOException notEmpty = assertThrows(IOException.class, () -> fs.delete(p("/fs/e1"), false));
        assertEquals(p("/fs/e1") + " is a non-empty directory; delete it recursively", notEmpty.getMessage());
        assertTrue(fs.exists(p("/fs/e1/d2/f")), "a refused delete removes nothing");
        assertTrue(fs.delete(p("/fs/c"), false));
        assertTrue(fs.delete(p("/fs"), true));
        assertFalse(fs.delete(p("/fs"), true), "false when absent");
        assertFalse(fs.exists(p("/fs/b")));
    }

    @Test
    void perFileReplicationAndBlockSizeApply() throws Exception {
        write(p("/opt/f"), new byte[3 << 20], new CreateOptions(2, MiniHdfs.BLOCK));
        FileStatus s = fs.status(p("/opt/f"));
        assertEquals(2, s.replication());
        assertEquals(MiniHdfs.BLOCK, s.blockSize());
        List<BlockLocation> blocks = fs.locations(p("/opt/f"), 0, 3 << 20);
        assertEquals(3, blocks.size());
        for (BlockLocation b : blocks) {
            assertEquals(2, b.hosts().stream().filter(MiniHdfs.HOSTS::contains).count(), "two DataNodes hold each block: " + b);
        }
    }

    @Test
    void seeksAnywhereAndNamesTheHostsOfEachBlock() throws Exception {
        byte[] bytes = new byte[(int) (4 * MiniHdfs.BLOCK + 333)];
        new Random(9).nextBytes(bytes);
        write(p("/seek/f"), bytes, CreateOptions.DEFAULT);
        Random r = new Random(3);
        try (SeekableInput in = fs.open(p("/seek/f"))) {
            assertEquals(bytes.length, in.length());
            for (int i = 0; i < 50; i++) {
                int at = r.nextInt(bytes.length);
                in.seek(at);
                byte[] got = new byte[Math.min(bytes.length - at, 1 + r.nextInt(1_500_000))];
                int n = in.readNBytes(got, 0, got.length);
                assertEquals(got.length, n);
                for (int k = 0; k < n; k++) if (got[k] != bytes[at + k]) throw new AssertionError("byte " + (at + k) + " differs");
                assertEquals(at + n, in.position());
            }
            in.seek(0);
            assertEquals(MiniHdfs.BLOCK, in.skip(MiniHdfs.BLOCK));
            assertEquals(bytes[(int) MiniHdfs.BLOCK] & 0xff, in.read());
            in.seek(bytes.length);
            assertEquals(-1, in.read());
            assertThrows(IOException.class, () -> in.seek(bytes.length + 1L));
        }
        long block = MiniHdfs.BLOCK;
        List<BlockLocation> blocks = fs.locations(p("/seek/f"), block + 5, 2 * block);
        assertEquals(List.of(block, 2 * block, 3 * block), blocks.stream().map(BlockLocation::offset).toList());
        for (BlockLocation b : blocks) {
            assertEquals(block, b.length());
            assertEquals(MiniHdfs.HOSTS, Set.copyOf(b.hosts().subList(0, 3)), "each block names its DataNodes' hosts: " + b);
        }
    }

    @Test
    void carriesAWholeOutputCommit() throws Exception {
        FsPath out = p("/job/out");
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

    @Test
    void aPathWithoutNameNodeGoesToFsDefaultFsAndIsRefusedWithoutOne() throws Exception {
        write(p("/default/f"), new byte[] {7}, CreateOptions.DEFAULT);
        try (FileSystems withDefault = new FileSystems(new Configuration().set("fs.defaultFS", hdfs.uri()))) {
            FsPath f = withDefault.resolve("hdfs:/default/f");
            assertEquals(1, withDefault.get(f).status(f).length(), "-D fs.defaultFS reaches the Hadoop client");
        }
        FsPath bare = FsPath.parse("hdfs:/default/f", "file");
        IOException e = assertThrows(IOException.class, () -> fs.status(bare));
        assertEquals("hdfs:/default/f names no NameNode, and fs.defaultFS (file:///) is not a hdfs:// address: write"
                + " hdfs://NAMENODE:8020/default/f, or set fs.defaultFS in $HADOOP_CONF_DIR/core-site.xml or with -D"
                + " fs.defaultFS=hdfs://NAMENODE:8020", e.getMessage());
    }

    @Test
    void aUserWhoMayNotReadAPathIsToldWhichPathAndWhichUser() throws Exception {
        org.apache.hadoop.fs.FileSystem admin = hdfs.superuser();
        org.apache.hadoop.fs.Path secret = new org.apache.hadoop.fs.Path("/secret");
        admin.mkdirs(secret);
        admin.create(new org.apache.hadoop.fs.Path("/secret/f")).close();
        admin.setOwner(secret, "bob", "bob");
        admin.setPermission(secret, new FsPermission((short) 0700));

        UserGroupInformation.createRemoteUser("alice").doAs((PrivilegedExceptionAction<Void>) () -> {
            try (HadoopFileSystem asAlice = new HadoopFileSystem("hdfs", HadoopSettings.from(new Configuration(), null))) {
                for (IOException e : List.of(
                        assertThrows(AccessDeniedException.class, () -> asAlice.status(p("/secret/f"))),
                        assertThrows(AccessDeniedException.class, () -> asAlice.list(p("/secret"))),
                        assertThrows(AccessDeniedException.class, () -> asAlice.open(p("/secret/f"))),
                        assertThrows(AccessDeniedException.class, () -> asAlice.create(p("/secret/g"))))) {
                    String m = e.getMessage();
                    assertTrue(m.startsWith("permission denied: user alice may not access " + p("/secret")), m);
                    assertTrue(m.contains("Permission denied: user=alice"), "the NameNode's own words: " + m);
                    assertFalse(m.contains("\n") || m.contains("\tat ") || m.contains("FSPermissionChecker"), "no server stack: " + m);
                    assertEquals(null, e.getCause(), "no cause carrying the server's stack");
                }
            }
            return null;
        });
    }

    @Test
    void aNameNodeThatIsNotListeningIsNamedAtOnce() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        FsPath in = FsPath.parse("hdfs://localhost:" + port + "/in", "file");
        long start = System.nanoTime();
        IOException e = assertThrows(IOException.class, () -> fs.status(in));
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("a refused NameNode was reported in " + millis + " ms: " + e.getMessage());
        assertEquals("the NameNode localhost:" + port + " is not reachable (Connection refused), so " + in + " cannot be read or written:"
                + " check that it runs and that the path, or fs.defaultFS, names its RPC address (host:port, 8020 by default)", e.getMessage());
        assertTrue(millis < 8_000, "a refused connection is not retried for long: " + millis + " ms");
    }

    /**
     * A host that takes no connection (here a port whose accept queue is full, so the kernel drops
     * the handshake, as a firewall or a dead machine would) fails after mr's 2 connection attempts
     * rather than Hadoop's 46. Each lasts ipc.client.connect.timeout, which Hadoop reads once per
     * JVM: here the minicluster's 1 s, in a daemon mr's 5 s unless a site file sets it.
     */
    @Test
    void aNameNodeThatDoesNotAnswerFailsAfterTwoConnectAttempts() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Socket> queued = new ArrayList<>();
            try {
                while (true) { // fill the accept queue until a connection is no longer taken
                    Socket s = new Socket();
                    queued.add(s);
                    try {
                        s.connect(silent.getLocalSocketAddress(), 300);
                    } catch (SocketTimeoutException full) {
                        break;
                    }
                }
                FsPath in = FsPath.parse("hdfs://localhost:" + silent.getLocalPort() + "/in", "file");
                long start = System.nanoTime();
                IOException e = assertThrows(IOException.class, () -> fs.status(in));
                long millis = (System.nanoTime() - start) / 1_000_000;
                System.out.println("a silent NameNode was reported in " + millis + " ms: " + e.getMessage());
                assertTrue(e.getMessage().startsWith("the NameNode localhost:" + silent.getLocalPort() + " is not reachable (no answer in time: "),
                        e.getMessage());
                int timeout = MiniHdfs.CONNECT_TIMEOUT_MS;
                assertTrue(millis >= 2 * timeout && millis < 4 * timeout, "two attempts of " + timeout + " ms, not 46: " + millis + " ms");
            } finally {
                for (Socket s : queued) s.close();
            }
        }
    }

    @Test
    void aHostThatDoesNotExistOrDoesNotSpeakRpcIsNamed() throws Exception {
        FsPath unknown = FsPath.parse("hdfs://no-such-namenode.invalid:8020/in", "file");
        IOException e = assertThrows(IOException.class, () -> fs.status(unknown));
        assertTrue(e.getMessage().startsWith("the NameNode no-such-namenode.invalid:8020 is not reachable (unknown host)"), e.getMessage());

        FsPath web = FsPath.parse("hdfs://localhost:" + hdfs.httpPort() + "/in", "file");
        IOException http = assertThrows(IOException.class, () -> fs.status(web));
        assertTrue(http.getMessage().startsWith("localhost:" + hdfs.httpPort() + " did not answer as a NameNode ("), http.getMessage());
        assertTrue(http.getMessage().endsWith("is it the NameNode's RPC port (8020 by default) rather than its web port (9870)?"),
                http.getMessage());
    }

    private static List<String> names(List<FileStatus> list) {
        return list.stream().map(s -> s.path().name()).toList();
    }
}
