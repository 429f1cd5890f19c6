package dev.mr.master;

import static dev.mr.api.testing.Await.awaitValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.api.ConfKeys;
import dev.mr.api.Configuration;
import dev.mr.api.Job;
import dev.mr.master.jobs.FileRoots;
import dev.mr.master.testjob.CountReducer;
import dev.mr.master.testjob.StatusMapper;
import dev.mr.protocol.AttemptView;
import dev.mr.protocol.JobView;
import dev.mr.protocol.TaskView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a task says with {@code context.status(...)} must reach the attempt in the master's API
 * while the task still runs, as Hadoop's {@code setStatus} does, whether the task runs in an
 * executor JVM (the message rides the executor's status event, then the worker's heartbeat) or on
 * the worker's own thread. The mapper waits until this test saw its message in the API, so the
 * job can only succeed if the message got through while it ran.
 */
class StatusMessageClusterTest {

    @TempDir
    static Path tmp;
    static Path data;
    static LocalCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        data = Files.createDirectories(tmp.resolve("data"));
        cluster = LocalCluster.start(tmp.resolve("cluster"), TestCluster.fastConf().set(FileRoots.SETTING, data.toString()), 1, 1);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) cluster.close();
    }

    @Test
    void aStatusSetInAnExecutorShowsOnTheRunningAttempt() throws Exception {
        runAndWatch("process");
    }

    @Test
    void aStatusSetOnTheWorkersThreadShowsOnTheRunningAttempt() throws Exception {
        runAndWatch("thread");
    }

    private void runAndWatch(String executor) throws Exception {
        Path dir = Files.createDirectories(data.resolve(executor));
        Path input = Files.writeString(dir.resolve("in.txt"), "b\na\nb\n");
        Path jar = Files.write(dir.resolve("status.jar"), TestJars.of(StatusMapper.class, CountReducer.class));
        Job job = Job.create(new Configuration()).name("status-" + executor).jar(jar.toString()).mapper(StatusMapper.class)
                .reducer(CountReducer.class).input("file:" + input).output("file:" + dir.resolve("out"))
                .set(ConfKeys.MASTER, cluster.master.url()).set(ConfKeys.EXECUTOR, executor).set(StatusMapper.DIR, dir.toString());
        CompletableFuture<Boolean> done = CompletableFuture.supplyAsync(() -> {
            try {
                return job.waitForCompletion(false);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            AttemptView running = awaitStatus("status-" + executor, done);
            assertEquals("RUNNING", running.state(), "the message was seen while the attempt ran");
        } finally {
            Files.createFile(dir.resolve(StatusMapper.SEEN)); // let the mapper go on, or fail on its deadline
        }
        assertTrue(done.get(60, TimeUnit.SECONDS), () -> "job failed: " + job.result());
        assertEquals("a\t1\nb\t2\n", Files.readString(dir.resolve("out/part-r-00000")));
        List<AttemptView> after = cluster.api.tasks(job.result().jobId(), "?type=map").items().get(0).attempts();
        assertEquals(StatusMapper.MESSAGE, after.get(after.size() - 1).statusMessage(), "the message stays on the attempt after it ended");
    }

    /** Polls the job named {@code name} until one of its map attempts shows the mapper's message; fails after 30 s. */
    private static AttemptView awaitStatus(String name, CompletableFuture<Boolean> done) throws Exception {
        String[] seen = {"no job yet"};
        return awaitValue(Duration.ofSeconds(30), "a map attempt to show '" + StatusMapper.MESSAGE + "'", () -> {
            if (done.isDone()) throw new AssertionError("the job ended before its status was seen: " + done.join());
            for (JobView j : cluster.api.jobs().items()) {
                if (!j.name().equals(name)) continue;
                for (TaskView t : cluster.api.tasks(j.jobId(), "?type=map").items()) {
                    for (AttemptView a : t.attempts()) {
                        if (StatusMapper.MESSAGE.equals(a.statusMessage())) return a;
                        seen[0] = a.toString();
                    }
                }
            }
            return null;
        }, () -> "last seen: " + seen[0]);
    }
}
