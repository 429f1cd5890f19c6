package dev.mr.dfs.cli;

import static dev.mr.api.testing.Await.await;
import static dev.mr.api.testing.Await.quietly;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.api.Configuration;
import dev.mr.dfs.DfsSettings;
import dev.mr.dfs.client.DfsClient;
import dev.mr.dfs.http.MiniDfsCluster;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mr-dfs} is how people and scripts use the store: each command is run here against a
 * mini cluster, with the habits users expect from {@code hadoop fs} (put into a directory, cat
 * of a job's output skipping {@code _} and {@code .} names) and the fsck summary line and exit
 * status that scripts rely on.
 */
class DfsCliTest {

    @TempDir
    static Path dir;
    @TempDir
    static Path local;
    static MiniDfsCluster cluster;
    static Map<String, String> env;

    record Run(int code, String out, byte[] bytes, String err) {}

    @BeforeAll
    static void start() throws Exception {
        Configuration conf = new Configuration()
                .setLong(DfsSettings.CHUNK_SIZE, 1 << 20)
                .setLong(DfsSettings.SERVER_EXPIRY_MS, 1200)
                .setLong(DfsSettings.HEARTBEAT_MS, 100)
                .setLong(DfsSettings.TICK_MS, 50)
                .setLong(DfsSettings.SCRUB_INTERVAL_MS, 0);
        cluster = MiniDfsCluster.start(dir, 3, DfsSettings.from(conf));
        DfsClient c = cluster.client();
        await(Duration.ofSeconds(5), "3 live chunk servers", quietly(() -> c.health().servers().size() >= 3));
        env = Map.of("MR_MASTER", cluster.masterUrl());
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    static Run run(Map<String, String> environment, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = DfsCli.run(args, new PrintStream(out, true), new PrintStream(err, true), environment, false);
        return new Run(code, out.toString(StandardCharsets.UTF_8), out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    }

    static Run ok(String... args) {
        Run r = run(env, args);
        assertEquals(0, r.code(), String.join(" ", args) + " failed: " + r.err());
        return r;
    }

    static Run fails(String mentions, String... args) {
        Run r = run(env, args);
        assertEquals(1, r.code(), String.join(" ", args) + " should fail; out: " + r.out());
        assertTrue(r.err().startsWith("mr-dfs: ") && r.err().contains(mentions), "'" + r.err().strip() + "' should mention '" + mentions + "'");
        return r;
    }

    static String file(String name, String content) throws Exception {
        Path p = local.resolve(name);
        Files.writeString(p, content);
        return p.toString();
    }

    @Test
    void putLsGetCatMvRmMkdirStat() throws Exception {
        String a = file("a.txt", "alpha\n");
        String b = file("b.txt", "beta\n");
        ok("put", a, b, "dfs:/in/");
        String ls = ok("ls", "dfs:/in").out();
        assertTrue(ls.startsWith("Found 2 items"), ls);
        assertTrue(ls.matches("(?s).*- +3 +6 +1 +\\S+ \\S+ +dfs:/in/a\\.txt\n.*"), ls);
        assertTrue(ls.contains("dfs:/in/b.txt"), ls);
        fails("already exists", "put", a, "dfs:/in/a.txt");
        ok("put", "-f", b, "dfs:/in/a.txt");
        assertEquals("beta\n", ok("cat", "dfs:/in/a.txt").out());
        fails("is not a directory", "put", a, b, "dfs:/in/a.txt");
        fails("no such local file", "put", local.resolve("nope").toString(), "dfs:/x");

        Path got = local.resolve("got.txt");
        ok("get", "dfs:/in/b.txt", got.toString());
        assertEquals("beta\n", Files.readString(got));
        fails("exists", "get", "dfs:/in/b.txt", got.toString());

        ok("mv", "dfs:/in/b.txt", "dfs:/in/c.txt");
        fails("already exists", "mv", "dfs:/in/a.txt", "dfs:/in/c.txt");
        fails("already exists", "mkdir", "dfs:/in");
        ok("mkdir", "-p", "dfs:/in", "dfs:/moved/deeper");
        ok("mv", "dfs:/in/c.txt", "dfs:/moved");
        assertEquals("beta\n", ok("cat", "dfs:/moved/c.txt").out());

        String stat = ok("stat", "dfs:/moved/c.txt").out();
        assertTrue(stat.contains("length: 5") && stat.contains("replication: 3") && stat.matches("(?s).*chunk_\\d+ offset 0 length 5 replicas 127\\.0\\.0\\.1:\\d+.*"),
                stat);

        fails("is a directory", "rm", "dfs:/in");
        ok("rm", "-r", "dfs:/in");
        fails("does not exist", "rm", "dfs:/in");
        ok("rm", "-f", "dfs:/in");
        fails("'..'", "ls", "dfs:/a/../b");
        fails("empty segment", "ls", "dfs:/a//b");
    }

    @Test
    void catAndGetOfAJobOutputTakeItsPartsInOrder() throws Exception {
        ok("put", file("part-r-00001", "one\n"), file("part-r-00000", "zero\n"), file("_SUCCESS", ""), file(".part-r-00000.crc", "x"),
                "dfs:/out/");
        ok("mkdir", "dfs:/out/_temporary/attempt");
        assertEquals("zero\none\n", ok("cat", "dfs:/out").out());
        Path into = local.resolve("into");
        Files.createDirectories(into);
        ok("get", "dfs:/out", into.toString());
        try (var files = Files.list(into.resolve("out"))) {
            assertEquals(List.of("part-r-00000", "part-r-00001"), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertEquals("zero\n", Files.readString(into.resolve("out/part-r-00000")));
    }

    @Test
    void putShowsProgressForLargeFilesAndCatReturnsThemIntact() throws Exception {
        byte[] big = new byte[(int) PutCommand.PROGRESS_FROM + 12345];
        new Random(4).nextBytes(big);
        Path p = local.resolve("big.bin");
        Files.write(p, big);
        Run put = ok("put", "-b", "4m", "-r", "2", p.toString(), "dfs:/big.bin");
        assertTrue(put.err().contains("put dfs:/big.bin: 16.0 MiB of 16.0 MiB (100%)"), put.err());
        assertArrayEquals(big, ok("cat", "dfs:/big.bin").bytes());
        assertTrue(ok("stat", "dfs:/big.bin").out().contains("chunk size: 4194304"));
        ok("rm", "dfs:/big.bin");
    }

    /**
     * {@code cp} is how data moves between stores without a detour through a local disk by hand:
     * a file and a whole directory go from file: to dfs: and back, byte for byte; an existing
     * destination is refused and left as it was; a store whose module is not on the class path is
     * named with the module that brings it.
     */
    @Test
    void cpCopiesFilesAndDirectoriesBetweenStoresAndNeverReplacesOne() throws Exception {
        byte[] big = new byte[(3 << 20) + 17]; // several chunks and several copy buffers
        new Random(7).nextBytes(big);
        Path tree = Files.createDirectories(local.resolve("tree/sub"));
        Files.write(tree.getParent().resolve("big.bin"), big);
        Files.writeString(tree.resolve("small.txt"), "small\n");

        ok("cp", "file:" + tree.getParent(), "dfs:/copied/tree");
        assertArrayEquals(big, ok("cat", "dfs:/copied/tree/big.bin").bytes());
        assertEquals("small\n", ok("cat", "/copied/tree/sub/small.txt").out(), "a path without a scheme is dfs:");

        Path back = local.resolve("back");
        ok("cp", "dfs:/copied/tree", "file:" + back);
        assertArrayEquals(big, Files.readAllBytes(back.resolve("big.bin")));
        assertEquals("small\n", Files.readString(back.resolve("sub/small.txt")));

        fails("dfs:/copied/tree/big.bin already exists", "cp", "file:" + tree.resolve("small.txt"), "dfs:/copied/tree/big.bin");
        assertArrayEquals(big, ok("cat", "dfs:/copied/tree/big.bin").bytes(), "the refused copy left the destination alone");
        fails("into itself", "cp", "dfs:/copied", "dfs:/copied/again");
        fails("dfs:/nowhere does not exist", "cp", "dfs:/nowhere", "file:" + local.resolve("never"));
        fails("hdfs: needs the mr-hadoop module", "cp", "dfs:/copied/tree/big.bin", "hdfs://nn:8020/x");
        assertFalse(Files.exists(local.resolve("never")));
    }

    @Test
    void theMasterComesFromTheFlagOrTheEnvironment() {
        Run none = run(Map.of(), "ls", "dfs:/");
        assertEquals(1, none.code());
        assertTrue(none.err().contains("no master"), none.err());
        assertEquals(0, run(Map.of(), "--master", cluster.masterUrl(), "ls", "dfs:/").code());
        assertEquals(0, run(Map.of(), "ls", "--master", cluster.masterUrl(), "dfs:/").code());
        assertEquals(2, run(env, "frobnicate").code(), "an unknown command is a usage error");
    }

    @Test
    void fsckEndsWithTheSummaryLineAndFailsWhenDataIsMissing() throws Exception {
        ok("put", file("keep.txt", "keep\n"), "dfs:/fsck/keep.txt");
        Run healthy = ok("fsck");
        String last = healthy.out().lines().reduce((x, y) -> y).orElseThrow();
        assertTrue(last.matches("files: \\d+ chunks: \\d+ healthy: \\d+ under-replicated: 0 corrupt: 0 missing: 0"), last);

        ok("put", "-r", "1", file("single.txt", "only once\n"), "dfs:/fsck/single.txt");
        DfsClient client = cluster.client();
        String holder = client.layout("/fsck/single.txt").chunks().get(0).replicas().get(0).address();
        int index = -1;
        for (int i = 0; i < cluster.size(); i++) if (holder.equals(cluster.chunkServer(i).address())) index = i;
        cluster.killChunkServer(index);
        try {
            await(Duration.ofSeconds(10), "fsck to call the chunk missing", quietly(() -> client.fsck("/fsck").summary().missing() > 0));
            Run sick = run(env, "fsck", "dfs:/fsck");
            assertEquals(1, sick.code(), sick.out());
            List<String> lines = sick.out().lines().toList();
            assertTrue(lines.get(lines.size() - 1).matches("files: 2 chunks: 2 healthy: \\d under-replicated: \\d corrupt: 0 missing: 1"),
                    sick.out());
            assertTrue(sick.out().contains("dfs:/fsck/single.txt: 1 chunks, 1 problems"), sick.out());
            assertTrue(sick.out().contains("missing: no live chunk server holds a replica"), sick.out());
            assertFalse(sick.out().contains("safe mode"));
        } finally {
            cluster.restartChunkServer(index);
        }
    }
}
