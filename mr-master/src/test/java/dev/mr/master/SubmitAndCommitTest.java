package dev.mr.master;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.api.io.FileSplit;
import dev.mr.api.io.InputSplit;
import dev.mr.api.spi.SplitCodec;
import dev.mr.dfs.client.DfsClient;
import dev.mr.master.jobs.JarStore;
import dev.mr.master.testjob.CountReducer;
import dev.mr.master.testjob.LineMapper;
import dev.mr.protocol.Assignment;
import dev.mr.protocol.HeartbeatResponse;
import dev.mr.protocol.JobSpec;
import dev.mr.protocol.JobView;
import dev.mr.protocol.MapOutputs;
import dev.mr.protocol.SubmitResponse;
import dev.mr.protocol.TaskView;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The master's whole job life as a worker sees it over real HTTP: a job submitted with its jar
 * and the splits the client computed along its dfs chunks is accepted, maps go out with
 * decodable splits (data-local where the worker holds the chunk), the worker fetches the spec
 * and the jar and can check the hash,
 * reduces learn where map outputs are, and after the reduce's output is reported the master
 * commits it so that the job ends SUCCEEDED with _SUCCESS and the reported counters.
 */
class SubmitAndCommitTest {

    @TempDir
    Path tmp;

    @Test
    void aJobRunsFromSubmissionToCommittedOutput() throws Exception {
        try (TestCluster c = TestCluster.start(tmp, TestCluster.fastConf(), 2)) {
            byte[] data = lines((int) (TestCluster.CHUNK * 2 + 40_000));
            c.put("/in/data.txt", data);
            byte[] jar = TestJars.of(LineMapper.class, CountReducer.class);
            Api.Reply r = c.api.submit(jar, Api.spec(Api.jobConf("dfs:/in/data.txt", "/out", 1)));
            assertEquals(201, r.status(), r.text());
            SubmitResponse submitted = r.as(SubmitResponse.class);
            assertEquals("job_0001", submitted.jobId());
            assertEquals(c.master.url() + "/api/v1/jobs/job_0001", r.headers().firstValue("Location").orElse(null));

            JobView view = c.api.job("job_0001");
            assertEquals("RUNNING", view.state());
            assertEquals(3, view.maps());
            assertEquals(1, view.reduces());
            assertEquals("dfs:/out", view.output());
            assertTrue(view.command().startsWith("mr-submit --master " + c.master.url() + " --jar job.jar"), view.command());
            assertTrue(view.command().contains("--mapper dev.mr.master.testjob.LineMapper"), view.command());

            checkSpecAndJar(c, jar);

            FakeWorker w = new FakeWorker(c.api, "w1", c.chunkServerAddress(0), "http://127.0.0.1:1").register(4);
            HeartbeatResponse hb = w.heartbeat(4);
            assertEquals(3, hb.assignments().size(), hb.toString());
            List<String> maps = new ArrayList<>();
            try (URLClassLoader loader = new URLClassLoader(new URL[0], getClass().getClassLoader())) {
                SplitCodec codec = new SplitCodec(loader, List.of());
                for (Assignment a : hb.assignments()) {
                    maps.add(a.attempt());
                    assertEquals(3, a.maps());
                    assertEquals(1, a.reduces());
                    InputSplit split = codec.decode(a.split());
                    FileSplit fs = (FileSplit) split;
                    assertEquals("dfs:/in/data.txt", fs.path());
                    assertEquals(fs.path(), a.splitPath());
                    int index = Integer.parseInt(a.attempt().split("_")[3]);
                    assertEquals(index * TestCluster.CHUNK, fs.start());
                    assertEquals(fs.hosts().contains(c.chunkServerAddress(0)), a.dataLocal(), "locality of " + a);
                }
            }

            List<dev.mr.protocol.AttemptReport> done = new ArrayList<>();
            for (String m : maps) done.add(FakeWorker.finished(m, Map.of("task", Map.of("MAP_INPUT_RECORDS", 10L))));
            hb = w.heartbeat(4, done.toArray(dev.mr.protocol.AttemptReport[]::new));
            assertEquals(1, hb.assignments().size(), hb.toString());
            String reduce = hb.assignments().get(0).attempt();
            assertEquals("job_0001_r_000000_0", reduce);
            assertNull(hb.assignments().get(0).split());

            hb = w.heartbeat(3, FakeWorker.running(reduce, 0));
            assertEquals(1, hb.mapOutputs().size(), hb.toString());
            MapOutputs outs = hb.mapOutputs().get(0);
            assertEquals(reduce, outs.reduceAttempt());
            assertEquals(3, outs.entries().size());
            assertEquals("http://127.0.0.1:1", outs.entries().get(0).address());

            DfsClient dfs = c.dfs();
            try (OutputStream out = dfs.create("/out/_temporary/" + reduce + "/part-r-00000", 0, 0)) {
                out.write("a\t3\n".getBytes(StandardCharsets.UTF_8));
            }
            w.heartbeat(4, FakeWorker.finished(reduce, Map.of("task", Map.of("REDUCE_OUTPUT_RECORDS", 1L))));

            JobView end = c.api.awaitJob("job_0001", 10_000, v -> !v.state().equals("RUNNING"));
            assertEquals("SUCCEEDED", end.state(), end.toString());
            assertEquals(Map.of("task", Map.of("MAP_INPUT_RECORDS", 30L, "REDUCE_OUTPUT_RECORDS", 1L)), end.counters());
            assertEquals(1.0, end.mapProgress());
            assertTrue(dfs.status("/out/_SUCCESS") != null);
            assertFalse(exists(dfs, "/out/_temporary"));
            try (InputStream in = dfs.open("/out/part-r-00000")) {
                assertEquals("a\t3\n", new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }

            List<TaskView> mapTasks = c.api.tasks("job_0001", "?type=map").items();
            assertEquals(3, mapTasks.size());
            for (TaskView t : mapTasks) {
                assertEquals("SUCCEEDED", t.state());
                assertEquals("w1", t.worker());
                assertEquals(Map.of("task", Map.of("MAP_INPUT_RECORDS", 10L)), t.counters());
            }
            assertEquals(1, c.api.tasks("job_0001", "?type=reduce&state=succeeded").total());

            hb = w.heartbeat(4);
            assertEquals(List.of("job_0001"), hb.cleanUpJobs());
        }
    }

    private static void checkSpecAndJar(TestCluster c, byte[] jar) throws Exception {
        JobSpec spec = c.api.get("/api/v1/jobs/job_0001/spec").as(JobSpec.class);
        assertEquals("job_0001", spec.jobId());
        assertEquals("dev.mr.master.testjob.LineMapper", spec.conf().get("mr.mapper.class"));
        assertEquals(c.master.url(), spec.conf().get("mr.master"));
        assertEquals("dfs", spec.conf().get("mr.fs.default"));
        Path local = Files.write(c.dir.resolve("expected.jar"), jar);
        assertEquals(JarStore.sha256(local), spec.jarSha256());
        Api.Reply fetched = c.api.get("/api/v1/jobs/job_0001/jar");
        assertEquals(200, fetched.status());
        assertEquals(spec.jarSha256(), fetched.headers().firstValue("X-MR-Jar-SHA256").orElse(null));
        assertArrayEquals(jar, fetched.body());
    }

    private static boolean exists(DfsClient dfs, String path) throws Exception {
        try {
            dfs.status(path);
            return true;
        } catch (java.io.IOException e) {
            if (DfsClient.notFound(e)) return false;
            throw e;
        }
    }

    private static byte[] lines(int size) {
        StringBuilder sb = new StringBuilder(size);
        for (int i = 0; sb.length() < size; i++) sb.append("line ").append(i % 97).append('\n');
        return sb.substring(0, size).getBytes(StandardCharsets.UTF_8);
    }
}
