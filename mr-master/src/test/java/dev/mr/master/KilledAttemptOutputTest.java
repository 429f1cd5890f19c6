package dev.mr.master;

import static dev.mr.api.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.api.ConfKeys;
import dev.mr.api.Configuration;
import dev.mr.api.Job;
import dev.mr.master.jobs.FileRoots;
import dev.mr.master.testjob.MarkingOutputFormat;
import dev.mr.master.testjob.StallingMapper;
import dev.mr.protocol.JobView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The master aborts a killed or failed job's output without waiting for its running attempts to
 * stop, and user code may outlive its kill. Such an attempt writes its part file after the abort
 * (recreating the output's directories); it must then discard it, as Hadoop's task does with
 * {@code abortTask}, or a failed job would leave a part file (on S3, an upload nobody completes)
 * under its output; and once it has stopped, its worker removes the directories it left. The mapper here ignores its kill until the test has seen the abort, and the
 * output format marks when the late part file is closed.
 */
class KilledAttemptOutputTest {

    /** How long the kill, the abort and the late attempt may take. */
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path tmp;
    static Path data;
    static LocalCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        data = Files.createDirectories(tmp.resolve("data"));
        // a long kill grace: the executor JVM must outlive the test's steps, as a slow attempt's would
        Configuration conf = TestCluster.fastConf().set(FileRoots.SETTING, data.toString()).setLong(ConfKeys.TASK_KILL_GRACE_MS, 120_000);
        cluster = LocalCluster.start(tmp.resolve("cluster"), conf, 1, 1);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) cluster.close();
    }

    @Test
    void anAttemptInAnExecutorThatOutlivesItsKilledJobLeavesNoFileInTheOutput() throws Exception {
        killAndOutlive("process");
    }

    @Test
    void anAttemptOnTheWorkersThreadThatOutlivesItsKilledJobLeavesNoFileInTheOutput() throws Exception {
        killAndOutlive("thread");
    }

    private void killAndOutlive(String executor) throws Exception {
        Path dir = Files.createDirectories(data.resolve(executor));
        Path input = Files.writeString(dir.resolve("in.txt"), "a\nb\n");
        Path jar = Files.write(dir.resolve("stall.jar"), TestJars.of(StallingMapper.class, MarkingOutputFormat.class));
        Path out = dir.resolve("out");
        Job job = Job.create(new Configuration()).name("stall-" + executor).jar(jar.toString()).mapper(StallingMapper.class)
                .outputFormat(MarkingOutputFormat.class).reducers(0).input("file:" + input).output("file:" + out)
                .set(ConfKeys.MASTER, cluster.master.url()).set(ConfKeys.EXECUTOR, executor).set(StallingMapper.DIR, dir.toString())
                .set("mr.speculation", "false");
        CompletableFuture<Boolean> done = CompletableFuture.supplyAsync(() -> {
            try {
                return job.waitForCompletion(false);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            await(WAIT, "the mapper to stall in its cleanup", () -> Files.exists(dir.resolve(StallingMapper.STALLED)));
            String jobId = jobNamed("stall-" + executor);
            assertEquals(202, cluster.api.post("/api/v1/jobs/" + jobId + "/kill", null, new byte[0]).status());
            assertFalse(done.get(60, TimeUnit.SECONDS), "the job ended killed");
            await(WAIT, "the killed job's output to be aborted (its directory removed)", () -> !Files.exists(out), () -> "left: " + paths(out));
        } finally {
            Files.createFile(dir.resolve(StallingMapper.RELEASE));
        }
        await(WAIT, "the late attempt to close its part file", () -> Files.exists(dir.resolve(MarkingOutputFormat.CLOSED)));
        await(WAIT, "the late attempt's part file and the directories it made to go", () -> !Files.exists(out), () -> "left: " + paths(out));
    }

    private static String jobNamed(String name) throws Exception {
        for (JobView j : cluster.api.jobs().items()) if (j.name().equals(name)) return j.jobId();
        throw new AssertionError("no job named " + name);
    }

    /** Everything under {@code dir}, itself included (nothing when it is absent). */
    private static List<Path> paths(Path dir) {
        if (!Files.exists(dir)) return List.of();
        try (Stream<Path> s = Files.walk(dir)) {
            return s.toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
