package dev.mr.master;

import static dev.mr.api.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.api.Configuration;
import dev.mr.api.fs.FileStatus;
import dev.mr.api.fs.FileSystem;
import dev.mr.api.fs.FileSystems;
import dev.mr.api.fs.FsPath;
import dev.mr.hadoop.FirstTryFailsMapper;
import dev.mr.hadoop.HadoopFileSystem;
import dev.mr.hadoop.S3Server;
import dev.mr.hadoop.StragglerMapper;
import dev.mr.master.testjob.CountReducer;
import dev.mr.master.testjob.FailingMapper;
import dev.mr.protocol.JobView;
import dev.mr.protocol.SubmitResponse;
import dev.mr.api.JobResult;
import dev.mr.worker.local.LocalJobRunner;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.hadoop.fs.s3a.S3AFileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.fs.s3a.commit.impl.CommitOperations;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jobs on a 3-worker cluster reading and writing a real S3 endpoint (S3Proxy), and reading a real
 * HDFS (MiniDFSCluster, 3 DataNodes) into S3: the output equals the local runner's byte for byte,
 * a failed attempt's files (written and closed before it failed) and a killed straggler's (its
 * backup won) never reach the output, a failed job leaves nothing under its output and no pending upload, and a
 * job whose output bucket does not exist or whose secret key is wrong is refused at submission
 * with S3's message and the path, never the secret.
 */
class S3ClusterTest {

    @TempDir
    static Path tmp;
    static S3Server s3;
    static LocalCluster cluster;
    static FileSystems fss;
    static FileSystem fs;
    static byte[] jar;

    @BeforeAll
    static void start() throws Exception {
        s3 = S3Server.start("bucket");
        cluster = LocalCluster.start(tmp.resolve("cluster"), TestCluster.fastConf(), 3, 2);
        fss = new FileSystems(s3.conf());
        fs = fss.get("s3a");
        Random random = new Random(17);
        for (int f = 0; f < 3; f++) {
            StringBuilder text = new StringBuilder();
            for (int line = 0; line < 2000; line++) {
                for (int i = 0; i < 1 + random.nextInt(6); i++) text.append(i == 0 ? "" : " ").append("w").append(random.nextInt(700));
                text.append('\n');
            }
            try (OutputStream out = fs.create(FsPath.parse("s3a://bucket/in/part-" + f + ".txt", "file"))) {
                out.write(text.toString().getBytes(StandardCharsets.UTF_8));
            }
        }
        jar = TestJars.of(FirstTryFailsMapper.class, StragglerMapper.class, FailingMapper.class, CountReducer.class);
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) cluster.close();
        if (fss != null) fss.close();
        if (s3 != null) s3.close();
    }

    private static Map<String, String> job(String input, String output, int reducers, String mapper) {
        Map<String, String> job = new HashMap<>(s3.conf().asMap());
        job.putAll(Api.jobConf(input, output, reducers));
        job.put("mr.mapper.class", mapper);
        job.put("mr.executor", "thread");
        job.put("mr.speculation", "false");
        job.put("mr.input.split.size", "4096"); // several maps, the same for the local runner
        return job;
    }

    private static JobView run(Map<String, String> job) throws Exception {
        Api.Reply r = cluster.api.submit(jar, Api.spec(job));
        assertEquals(201, r.status(), r.text());
        return cluster.api.awaitJob(r.as(SubmitResponse.class).jobId(), 120_000, v -> v.finishTime() >= 0);
    }

    /** What the local runner writes for {@code job} into a local directory. */
    private static Path local(Map<String, String> job, String name) throws Exception {
        Map<String, String> conf = new HashMap<>(job);
        conf.remove(FirstTryFailsMapper.FAIL);
        Path out = tmp.resolve("local-" + name);
        conf.put("mr.output.path", out.toString());
        JobResult result = new LocalJobRunner().run(new Configuration(conf), S3ClusterTest.class.getClassLoader(), false);
        assertTrue(result.succeeded(), String.valueOf(result.failure()));
        return out;
    }

    private static List<String> names(String dir) throws IOException {
        return fs.list(FsPath.parse(dir, "file")).stream().map(s -> s.path().name()).toList();
    }

    private static int pendingUploads(String dir) throws IOException {
        FsPath p = FsPath.parse(dir, "file");
        var s3a = (S3AFileSystem) ((HadoopFileSystem) fs).client(p);
        return new CommitOperations(s3a).listPendingUploadsUnderPath(((HadoopFileSystem) fs).hadoopPath(p)).size();
    }

    /** Each part file of {@code dir} equals the local runner's, and {@code _SUCCESS} is no older than any. */
    private static void assertSameOutput(Path local, String dir) throws IOException {
        List<String> expected = new ArrayList<>();
        try (var files = Files.list(local)) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("part-")).sorted().forEach(expected::add);
        }
        List<String> got = names(dir);
        assertEquals(expected, got.stream().filter(n -> n.startsWith("part-")).toList());
        assertEquals(List.of("_SUCCESS"), got.stream().filter(n -> !n.startsWith("part-")).toList(), "nothing else is left: " + got);
        long success = fs.status(FsPath.parse(dir + "/_SUCCESS", "file")).modifiedMillis();
        for (String part : expected) {
            FsPath p = FsPath.parse(dir + "/" + part, "file");
            try (var in = fs.open(p)) {
                assertEquals(new String(Files.readAllBytes(local.resolve(part)), StandardCharsets.UTF_8),
                        new String(in.readAllBytes(), StandardCharsets.UTF_8), part);
            }
            FileStatus s = fs.status(p);
            assertTrue(s.modifiedMillis() <= success, part + " is older than _SUCCESS");
        }
        assertEquals(0, pendingUploads(dir), "no upload is left pending");
    }

    @Test
    void aJobFromS3ToS3GivesTheLocalRunnersOutput() throws Exception {
        Map<String, String> job = job("s3a://bucket/in", "s3a://bucket/out/words", 2, FirstTryFailsMapper.class.getName());
        JobView view = run(job);
        assertEquals("SUCCEEDED", view.state(), view::toString);
        assertTrue(view.maps() >= 6, "several maps: " + view.maps());
        assertSameOutput(local(job, "words"), "s3a://bucket/out/words");
    }

    @Test
    void theLocalRunnerCommitsToS3TheSameWay() throws Exception {
        Map<String, String> job = job("s3a://bucket/in", "s3a://bucket/out/local", 2, FirstTryFailsMapper.class.getName());
        JobResult result = new LocalJobRunner().run(new Configuration(job), S3ClusterTest.class.getClassLoader(), false);
        assertTrue(result.succeeded(), String.valueOf(result.failure()));
        assertSameOutput(local(job, "local"), "s3a://bucket/out/local");
    }

    @Test
    void aJobFromHdfsToS3GivesTheLocalRunnersOutput() throws Exception {
        org.apache.hadoop.conf.Configuration hc = new org.apache.hadoop.conf.Configuration();
        hc.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, tmp.resolve("hdfs").toString());
        MiniDFSCluster hdfs = new MiniDFSCluster.Builder(hc).numDataNodes(3).build();
        try {
            hdfs.waitActive();
            String nn = "hdfs://localhost:" + hdfs.getNameNodePort();
            for (int f = 0; f < 3; f++) {
                FsPath from = FsPath.parse("s3a://bucket/in/part-" + f + ".txt", "file");
                FsPath to = fss.resolve(nn + "/in/part-" + f + ".txt");
                try (var in = fs.open(from); OutputStream out = fss.get(to).create(to)) {
                    in.transferTo(out);
                }
            }
            Map<String, String> job = job(nn + "/in", "s3a://bucket/out/mixed", 2, FirstTryFailsMapper.class.getName());
            JobView view = run(job);
            assertEquals("SUCCEEDED", view.state(), view::toString);
            assertSameOutput(local(job, "mixed"), "s3a://bucket/out/mixed");
        } finally {
            hdfs.shutdown();
        }
    }

    @Test
    void aFailedAttemptsClosedFilesNeverReachTheOutput() throws Exception {
        Map<String, String> job = job("s3a://bucket/in", "s3a://bucket/out/retried", 0, FirstTryFailsMapper.class.getName());
        job.put(FirstTryFailsMapper.FAIL, "true");
        JobView view = run(job);
        assertEquals("SUCCEEDED", view.state(), view::toString);
        // every map failed once after writing its part file, and its retry won
        assertSameOutput(local(job, "retried"), "s3a://bucket/out/retried");
        for (String part : names("s3a://bucket/out/retried")) {
            try (var in = fs.open(FsPath.parse("s3a://bucket/out/retried/" + part, "file"))) {
                assertFalse(new String(in.readAllBytes(), StandardCharsets.UTF_8).contains(FirstTryFailsMapper.MARK), part);
            }
        }
    }

    @Test
    void aKilledBackupLosersFilesNeverReachTheOutput() throws Exception {
        Map<String, String> job = job("s3a://bucket/in", "s3a://bucket/out/straggler", 0, StragglerMapper.class.getName());
        job.put("mr.speculation", "true");
        job.put("mr.speculation.min.ms", "300");
        job.put("mr.speculation.slowdown", "1.0");
        JobView view = run(job);
        assertEquals("SUCCEEDED", view.state(), view::toString);
        String loser = view.jobId() + "_m_000000_0";
        await(Duration.ofSeconds(30), "the straggler to be killed",
                () -> cluster.api.get("/api/v1/jobs/" + view.jobId() + "/attempts/" + loser).text().contains("KILLED"));
        Map<String, String> same = new HashMap<>(job); // the same words, without a straggler to wait for
        same.put("mr.mapper.class", FirstTryFailsMapper.class.getName());
        assertSameOutput(local(same, "straggler"), "s3a://bucket/out/straggler");
    }

    @Test
    void aFailedJobLeavesNothingUnderItsOutputAndNoPendingUpload() throws Exception {
        // one task: this test is about the job abort; attempts that outlive it discard their own files (KilledAttemptOutputTest, MagicCommitterTest)
        Map<String, String> job = job("s3a://bucket/in/part-0.txt", "s3a://bucket/out/failed", 0, FailingMapper.class.getName());
        job.put("mr.input.split.size", String.valueOf(1 << 20));
        job.put("mr.task.max.attempts", "2");
        JobView view = run(job);
        assertEquals("FAILED", view.state(), view::toString);
        assertEquals(1, view.maps());
        FsPath out = FsPath.parse("s3a://bucket/out/failed", "file");
        // the abort runs after the end is visible
        await(Duration.ofSeconds(30), out + " to go", () -> !fs.exists(out), () -> "left: " + safeNames("s3a://bucket/out/failed"));
        assertEquals(0, pendingUploads("s3a://bucket/out/failed"), "the failed attempts' uploads are aborted");
    }

    private static String safeNames(String dir) {
        try {
            return names(dir).toString();
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Test
    void anOutputInABucketThatDoesNotExistIsRefusedAtSubmission() throws Exception {
        Map<String, String> job = job("s3a://bucket/in", "s3a://no-such-bucket/out", 1, FirstTryFailsMapper.class.getName());
        long start = System.nanoTime();
        Api.Reply r = cluster.api.submit(jar, Api.spec(job));
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertEquals(400, r.status(), "a refusal the client must not retry: " + r.text());
        assertTrue(r.text().contains("s3a://no-such-bucket/out"), r.text());
        assertTrue(r.text().contains("does not exist"), r.text());
        assertFalse(r.text().contains(S3Server.SECRET_KEY), r.text());
        assertTrue(ms < 20_000, "refused in " + ms + " ms");
    }

    @Test
    void aWrongSecretKeyIsRefusedNamingThePathWithoutEchoingIt() throws Exception {
        Map<String, String> job = job("s3a://bucket/in", "s3a://bucket/out/denied", 1, FirstTryFailsMapper.class.getName());
        String wrong = "wrong-secret-4711";
        job.put("fs.s3a.secret.key", wrong);
        long start = System.nanoTime();
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> cluster.api.submit(jar, Api.spec(job)));
        long ms = (System.nanoTime() - start) / 1_000_000;
        String message = e.getMessage();
        assertTrue(message.contains("s3a://bucket/in"), message);
        assertTrue(message.contains("403") || message.contains("SignatureDoesNotMatch") || message.contains("AccessDenied"), message);
        assertFalse(message.contains(wrong), message);
        assertTrue(ms < 20_000, "refused in " + ms + " ms");
    }
}
