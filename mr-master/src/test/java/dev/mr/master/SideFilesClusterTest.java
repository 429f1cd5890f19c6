package dev.mr.master;

import static dev.mr.api.testing.Await.await;
import static dev.mr.api.testing.Await.awaitValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.api.ConfKeys;
import dev.mr.api.Configuration;
import dev.mr.api.GenericOptions;
import dev.mr.api.InvalidJobException;
import dev.mr.api.Job;
import dev.mr.master.jobs.FileRoots;
import dev.mr.master.jobs.JarStore;
import dev.mr.master.scheduler.SchedulerSettings;
import dev.mr.master.testjob.CountReducer;
import dev.mr.master.testjob.JoinMapper;
import dev.mr.protocol.JobView;
import dev.mr.security.ClusterSecretExtension;
import dev.mr.security.UserToken;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user coming from Hadoop ships with a job must reach its tasks on real daemons: a
 * {@code -files} lookup table that a map-side join reads through {@code context.cacheFile}, a
 * class from a {@code -libjars} jar and one from {@code lib/} inside the job jar (compiled here, so
 * they exist nowhere else), with the same output as the local runner and an independent
 * computation; the jar is cached on the workers by its hash, not downloaded again for the next job;
 * a missing file is refused before anything is uploaded; the files survive a restart of the master
 * between submission and the first task, and are deleted once no job needs them.
 */
class SideFilesClusterTest {

    @TempDir
    static Path tmp;
    static Path data;
    static LocalCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        data = Files.createDirectories(tmp.resolve("data"));
        Configuration conf = TestCluster.fastConf().set(FileRoots.SETTING, data.toString())
                .setLong(SchedulerSettings.WORKER_EXPIRY_MS, 30_000);
        cluster = LocalCluster.start(tmp.resolve("cluster"), conf, 2, 2);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) cluster.close();
    }

    @Test
    void aMapSideJoinReadsItsFilesLookupTableOnTheClusterAsLocally() throws Exception {
        Path customers = data.resolve("customers.tsv");
        Path orders = data.resolve("orders.txt");
        Map<String, Long> expected = writeJoinInput(customers, orders);
        Path jar = Files.write(data.resolve("join.jar"), TestJars.of(JoinMapper.class, CountReducer.class));

        Path out = data.resolve("join-out");
        assertTrue(joinJob(GenericOptions.parse("-files", customers + "#customers", "-D", "mr.reducers=2").conf(), jar, orders, out)
                .set(ConfKeys.MASTER, cluster.master.url()).waitForCompletion(false));
        assertEquals(expected, read(out), "the cluster's join equals the one computed here");

        Path local = data.resolve("join-local");
        assertTrue(joinJob(GenericOptions.parse("-files", customers + "#customers", "-D", "mr.reducers=2").conf(), jar, orders, local)
                .set(ConfKeys.FRAMEWORK, "local").waitForCompletion(false));
        for (String part : List.of("part-r-00000", "part-r-00001")) {
            assertArrayEquals(Files.readAllBytes(local.resolve(part)), Files.readAllBytes(out.resolve(part)), part);
        }
        awaitNoShippedFilesAtTheMaster();
    }

    @Test
    void aMapperUsesAClassFromLibjarsAndOneFromLibInsideItsJarAndTheJarIsDownloadedOncePerWorker() throws Exception {
        Path shout = Files.write(data.resolve("shout.jar"), CompiledJars.jar(CompiledJars.compile(tmp.resolve("shout"), Map.of(
                "fromlibjar.Shout", "package fromlibjar; public class Shout { public static String shout(String s) { return s.toUpperCase(); } }"))));
        Path exclaim = Files.write(tmp.resolve("exclaim.jar"), CompiledJars.jar(CompiledJars.compile(tmp.resolve("exclaim"), Map.of(
                "fromlib.Exclaim", "package fromlib; public class Exclaim { public static String exclaim(String s) { return s + \"!\"; } }"))));
        Map<String, byte[]> entries = new TreeMap<>(CompiledJars.compile(tmp.resolve("needs"), Map.of("needs.NeedsMapper", """
                package needs;
                public class NeedsMapper implements dev.mr.api.Mapper<Long, String, String, Long> {
                    @Override
                    public void map(Long offset, String line, dev.mr.api.Context<String, Long> context) {
                        context.write(fromlib.Exclaim.exclaim(fromlibjar.Shout.shout(line)), 1L);
                    }
                }
                """), shout, exclaim));
        entries.put("lib/exclaim.jar", Files.readAllBytes(exclaim));
        try (InputStream reducer = CountReducer.class.getResourceAsStream("CountReducer.class")) {
            entries.put(CountReducer.class.getName().replace('.', '/') + ".class", reducer.readAllBytes());
        }
        Path jar = Files.write(data.resolve("needs.jar"), CompiledJars.jar(entries));
        assertThrows(ClassNotFoundException.class, () -> Class.forName("needs.NeedsMapper"), "the mapper is in the built jar only");
        Path input = Files.writeString(data.resolve("words.txt"), "hello\nworld\nhello\nmr\n");
        Map<String, Long> expected = Map.of("HELLO!", 2L, "WORLD!", 1L, "MR!", 1L);

        Path out = data.resolve("needs-out");
        assertTrue(needsJob(jar, shout, input, out).set(ConfKeys.MASTER, cluster.master.url()).waitForCompletion(false));
        assertEquals(expected, read(out));
        Path local = data.resolve("needs-local");
        assertTrue(needsJob(jar, shout, input, local).set(ConfKeys.FRAMEWORK, "local").waitForCompletion(false));
        assertEquals(expected, read(local));

        String sha = JarStore.sha256(jar);
        Map<Path, Object> cached = cachedCopies(sha);
        assertFalse(cached.isEmpty(), "the workers that ran its tasks cache the jar by its hash");
        Path again = data.resolve("needs-again");
        assertTrue(needsJob(jar, shout, input, again).set(ConfKeys.MASTER, cluster.master.url()).waitForCompletion(false));
        assertEquals(expected, read(again));
        Map<Path, Object> after = cachedCopies(sha);
        for (Map.Entry<Path, Object> c : cached.entrySet()) {
            assertEquals(c.getValue(), after.get(c.getKey()), "the next job with the same jar found it in the cache, not downloaded again: " + c.getKey());
        }
    }

    @Test
    void aFilesPathThatDoesNotExistIsRefusedAtSubmissionNamingItAndNothingIsUploaded() throws Exception {
        Path missing = data.resolve("nowhere/lookup.txt");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GenericOptions.parse("-files", missing.toString(), "in", "out"));
        assertEquals("-files: " + missing + " does not exist", e.getMessage());

        long before = cluster.api.jobs().total();
        Configuration conf = new Configuration().set(ConfKeys.JOB_FILES, missing + "#lookup");
        Path jar = Files.write(data.resolve("missing.jar"), TestJars.of(JoinMapper.class, CountReducer.class));
        InvalidJobException refused = assertThrows(InvalidJobException.class, () -> joinJob(conf, jar, data.resolve("orders.txt"),
                data.resolve("never")).set(ConfKeys.MASTER, cluster.master.url()).waitForCompletion(false));
        assertEquals("-files: " + missing + " does not exist", refused.getMessage());
        assertEquals(before, cluster.api.jobs().total(), "the master heard of no job");
    }

    @Test
    void theFilesOfAJobSubmittedBeforeARestartOfTheMasterReachItsTasksAfterIt() throws Exception {
        Path customers = data.resolve("customers-restart.tsv");
        Path orders = data.resolve("orders-restart.txt");
        Map<String, Long> expected = writeJoinInput(customers, orders);
        Path jar = Files.write(data.resolve("join-restart.jar"), TestJars.of(JoinMapper.class, CountReducer.class));
        Path out = data.resolve("restart-out");
        Configuration conf = TestCluster.fastConf().set(FileRoots.SETTING, data.toString()).setLong(SchedulerSettings.WORKER_EXPIRY_MS, 30_000);
        try (LocalCluster c = LocalCluster.start(tmp.resolve("restart-cluster"), conf, 0, 2)) {
            Job job = joinJob(GenericOptions.parse("-files", customers + "#customers").conf(), jar, orders, out).set(ConfKeys.MASTER, c.master.url());
            CompletableFuture<Boolean> run = CompletableFuture.supplyAsync(() -> {
                try {
                    return job.waitForCompletion(false);
                } catch (Exception ex) {
                    throw new IllegalStateException(ex);
                }
            });
            String id = awaitFirstJob(c);
            Path files = tmp.resolve("restart-cluster/master/master/files");
            assertEquals(List.of(JarStore.sha256(customers)), names(files), "kept by content");

            c.restartMaster(); // no worker has asked for anything yet
            assertEquals(List.of(JarStore.sha256(customers)), names(files), "the resumed job still needs it");
            String route = "/api/v1/jobs/" + id + "/files/" + JarStore.sha256(customers);
            assertEquals(Files.readString(customers), c.api.get(route).text(), "a worker (the cluster's signature) reads it");
            String owner = c.api.job(id).owner();
            assertEquals(200, bearerGet(c, route, owner).statusCode(), "its owner may read it");
            HttpResponse<String> other = bearerGet(c, route, "mallory");
            assertEquals(403, other.statusCode(), other.body());
            assertTrue(other.body().contains("for its workers and its owner (" + owner + ") only"), other.body());
            c.addWorker(tmp.resolve("restart-cluster/worker-0"), conf, 2);
            assertTrue(run.get(), c.api.job(id).diagnostics());
            assertEquals(expected, read(out));
            await(Duration.ofSeconds(30), "the ended job's files to go", () -> names(files).isEmpty(), () -> "still kept: " + names(files));
        }
    }

    private static HttpResponse<String> bearerGet(LocalCluster c, String path, String user) throws Exception {
        String token = ClusterSecretExtension.security().credentials().keys().mint(new UserToken(user, false, System.currentTimeMillis() + 60_000));
        HttpRequest r = HttpRequest.newBuilder(URI.create(c.master.url() + path)).header("Authorization", "Bearer " + token).GET().build();
        return HttpClient.newHttpClient().send(r, HttpResponse.BodyHandlers.ofString());
    }

    private static Job joinJob(Configuration conf, Path jar, Path orders, Path out) {
        return Job.create(conf).jar(jar.toString()).mapper(JoinMapper.class).reducer(CountReducer.class)
                .input("file:" + orders).output("file:" + out);
    }

    private static Job needsJob(Path jar, Path libjar, Path input, Path out) {
        Configuration conf = GenericOptions.parse("-libjars", libjar.toString()).conf();
        return Job.create(conf).jar(jar.toString()).set(ConfKeys.MAPPER, "needs.NeedsMapper").reducer(CountReducer.class)
                .set(ConfKeys.MAP_OUTPUT_KEY, String.class.getName()).set(ConfKeys.MAP_OUTPUT_VALUE, Long.class.getName())
                .input("file:" + input).output("file:" + out);
    }

    /** 200 customers and 20,000 orders of them (and of a few unknown ones); returns the amount per name, computed here. */
    private static Map<String, Long> writeJoinInput(Path customers, Path orders) throws IOException {
        Random random = new Random(16);
        Map<String, String> names = new HashMap<>();
        StringBuilder table = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            names.put("c" + i, "customer-" + (i * 7919 % 1000));
            table.append("c").append(i).append('\t').append(names.get("c" + i)).append('\n');
        }
        Files.writeString(customers, table, StandardCharsets.UTF_8);
        Map<String, Long> expected = new TreeMap<>();
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            String id = "c" + random.nextInt(205);
            long amount = random.nextInt(1000);
            lines.append(id).append('\t').append(amount).append('\n');
            expected.merge(names.getOrDefault(id, "unknown customer " + id), amount, Long::sum);
        }
        Files.writeString(orders, lines, StandardCharsets.UTF_8);
        return expected;
    }

    private static Map<String, Long> read(Path out) throws IOException {
        Map<String, Long> got = new TreeMap<>();
        try (Stream<Path> parts = Files.list(out)) {
            for (Path p : parts.filter(p -> p.getFileName().toString().startsWith("part-")).toList()) {
                for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
                    int tab = line.lastIndexOf('\t');
                    assertEquals(null, got.put(line.substring(0, tab), Long.parseLong(line.substring(tab + 1))), "one line per key: " + line);
                }
            }
        }
        return got;
    }

    /** Each worker's cached copy of the content {@code sha} and its file's identity (inode). */
    private static Map<Path, Object> cachedCopies(String sha) throws IOException {
        Map<Path, Object> copies = new HashMap<>();
        for (int i = 0; i < 2; i++) {
            Path p = tmp.resolve("cluster/worker-" + i + "/worker/cache").resolve(sha);
            if (Files.exists(p)) copies.put(p, Files.readAttributes(p, BasicFileAttributes.class).fileKey());
        }
        return copies;
    }

    private static void awaitNoShippedFilesAtTheMaster() throws Exception {
        Path files = tmp.resolve("cluster/master/master/files");
        await(Duration.ofSeconds(30), "the ended job's files to go", () -> names(files).isEmpty(), () -> "still kept: " + names(files));
    }

    private static String awaitFirstJob(LocalCluster c) throws Exception {
        JobView v = awaitValue(Duration.ofSeconds(30), "the job to be submitted", () -> c.api.jobs().items().stream().findFirst().orElse(null));
        return v.jobId();
    }

    private static List<String> names(Path dir) throws IOException {
        List<String> names = new ArrayList<>();
        if (!Files.isDirectory(dir)) return names;
        try (Stream<Path> s = Files.list(dir)) {
            s.forEach(p -> names.add(p.getFileName().toString()));
        }
        names.sort(null);
        return names;
    }
}
