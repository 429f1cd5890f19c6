package dev.mr.master;

import static dev.mr.api.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mr.api.ConfKeys;
import dev.mr.api.Configuration;
import dev.mr.master.core.MasterSettings;
import dev.mr.master.scheduler.JobSettings;
import dev.mr.master.testjob.CountReducer;
import dev.mr.master.testjob.FailingMapper;
import dev.mr.master.testjob.LineMapper;
import dev.mr.master.testjob.WordMapper;
import dev.mr.protocol.AttemptView;
import dev.mr.protocol.JobStats;
import dev.mr.protocol.SubmitResponse;
import dev.mr.protocol.TaskView;
import dev.mr.worker.log.AttemptLogs;
import dev.mr.worker.runtime.WorkerSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Yesterday's job, in full, after the master restarted: a real cluster in this JVM (the master
 * and two worker daemons over loopback) runs a word count and a job whose map fails on every
 * attempt; the master is stopped and started again on the same directory; every answer the job
 * page is made of (the task table in several sorts, filters and pages, the statistics, the
 * timeline, and each attempt with its error, stack trace and log tail) is then the same JSON the
 * first master served from memory. And where the history is gone, damaged or cannot be kept, a
 * job keeps its summary and gets a note, never a failed start or a 500.
 */
class JobHistoryRestartTest {

    @TempDir
    Path tmp;

    @Test
    void anEndedJobsPageIsTheSameAfterARestart() throws Exception {
        AttemptLogs.install(null); // what a worker daemon does: attempts' output is kept for their failure reports
        Configuration conf = TestCluster.fastConf().setLong(WorkerSettings.HEARTBEAT_MS, 100);
        try (LocalCluster c = LocalCluster.start(tmp, conf, 2, 2)) {
            WebPagesBrowserTest.put(c.master.url(), conf, "/in/words.txt", WebPagesBrowserTest.words(300_000)); // 3 splits of 128 KiB
            WebPagesBrowserTest.put(c.master.url(), conf, "/in/small.txt", "12\nnot a number\n".getBytes());
            byte[] jar = TestJars.of(WordMapper.class, CountReducer.class, FailingMapper.class);
            String words = submit(c, jar, Map.of(ConfKeys.JOB_NAME, "word count", ConfKeys.MAPPER, WordMapper.class.getName(),
                    ConfKeys.REDUCER, CountReducer.class.getName(), ConfKeys.REDUCERS, "2", ConfKeys.INPUT_PATHS, "/in/words.txt",
                    ConfKeys.OUTPUT_PATH, "/out/words", ConfKeys.EXECUTOR, "thread"));
            // one split, no reduces: its attempts fail one after the other, and nothing else of it runs
            String failing = submit(c, jar, Map.of(ConfKeys.JOB_NAME, "failing", ConfKeys.MAPPER, FailingMapper.class.getName(),
                    ConfKeys.REDUCERS, "0", ConfKeys.INPUT_PATHS, "/in/small.txt", ConfKeys.OUTPUT_PATH, "/out/failing",
                    JobSettings.TASK_MAX_ATTEMPTS, "2", ConfKeys.EXECUTOR, "thread"));
            assertEquals("SUCCEEDED", c.api.awaitJob(words, 120_000, v -> WebPagesBrowserTest.isFinal(v.state())).state());
            assertEquals("FAILED", c.api.awaitJob(failing, 120_000, v -> WebPagesBrowserTest.isFinal(v.state())).state());

            Map<String, JsonNode> live = new LinkedHashMap<>();
            live.putAll(page(c.api, words));
            live.putAll(page(c.api, failing));
            AttemptView failed = c.api.get("/api/v1/jobs/" + failing + "/attempts/" + failing + "_m_000000_0").as(AttemptView.class);
            assertEquals("FAILED", failed.state());
            assertTrue(failed.error().contains("IllegalStateException: cannot parse the record at offset")
                    && failed.error().contains("FailingMapper.map(FailingMapper.java:"), failed.error());
            assertTrue(failed.log() != null && failed.log().contains("FailingMapper: about to fail on the record at offset"), failed.log());

            c.restartMaster();

            assertEquals(List.of(words + ".json.gz", failing + ".json.gz"), files(tmp.resolve("master/master/history")));
            Map<String, JsonNode> restarted = new LinkedHashMap<>();
            restarted.putAll(page(c.api, words));
            restarted.putAll(page(c.api, failing));
            assertEquals(live.keySet(), restarted.keySet());
            for (String request : live.keySet()) assertEquals(live.get(request), restarted.get(request), request);
            assertTrue(live.size() > 20, "every attempt of both jobs was asked for: " + live.keySet());
        } finally {
            AttemptLogs.uninstall();
        }
    }

    @Test
    void withoutItsHistoryAJobKeepsItsSummaryAndGetsANoteNeverAFailure() throws Exception {
        Configuration conf = TestCluster.fastConf().setInt(MasterSettings.RETAINED_JOBS, 2);
        try (TestCluster c = TestCluster.start(tmp, conf, 0)) {
            c.dfs().mkdirs("/empty");
            byte[] jar = TestJars.of(LineMapper.class, CountReducer.class);
            // no input, one reduce, which a fake worker fails twice, with an error and a log tail
            Map<String, String> one = new HashMap<>(Api.jobConf("/empty", "/out1", 1));
            one.put(JobSettings.TASK_MAX_ATTEMPTS, "2");
            assertEquals(201, c.api.submit(jar, Api.spec(one)).status());
            FakeWorker w = new FakeWorker(c.api, "w1", "127.0.0.1:9001", "http://127.0.0.1:9001").register(1);
            String first = w.heartbeat(1).assignments().get(0).attempt();
            String second = w.heartbeat(1, FakeWorker.failed(first, "java.lang.IllegalStateException: boom", "log 1")).assignments().get(0).attempt();
            w.heartbeat(1, FakeWorker.failed(second, "java.lang.IllegalStateException: boom", "log 2"));
            assertEquals("FAILED", c.api.awaitJob("job_0001", 10_000, v -> WebPagesBrowserTest.isFinal(v.state())).state());
            assertEquals("log 2", c.api.tasks("job_0001", "").items().get(0).attempts().get(1).log());
            // two jobs with nothing to run end at once; the first is then beyond the two retained ones
            for (int i = 2; i <= 3; i++) {
                assertEquals(201, c.api.submit(jar, Api.spec(Api.jobConf("/empty", "/out" + i, 0))).status());
                c.api.awaitJob("job_000" + i, 10_000, v -> WebPagesBrowserTest.isFinal(v.state()));
            }
            Path history = c.dir.resolve("node-master/master/history");
            awaitFiles(history, List.of("job_0002.json.gz", "job_0003.json.gz"));
            String retired = note(c.api, "job_0001");
            assertTrue(retired.contains("newest 2 ended jobs") && retired.contains("mr.master.retained.jobs"), retired);
            assertEquals(0, c.api.tasks("job_0001", "").total());
            Api.Reply attempt = c.api.get("/api/v1/jobs/job_0001/attempts/job_0001_r_000000_1");
            assertEquals(404, attempt.status());
            assertTrue(attempt.problem().error().contains("are not kept: " + retired), attempt.text());

            String summary = c.api.get("/api/v1/jobs/job_0002").text();
            Files.write(history.resolve("job_0002.json.gz"), new byte[] {31, -117, 8, 0, 1, 2, 3}); // a torn gzip header
            c.restartMaster();
            assertEquals(summary, c.api.get("/api/v1/jobs/job_0002").text(), "the summary, as journaled");
            assertTrue(note(c.api, "job_0002").contains("is damaged"), note(c.api, "job_0002"));
            assertEquals(0, c.api.tasks("job_0002", "").total());
            assertEquals(200, c.api.get("/api/v1/jobs/job_0002/timeline").status());
            assertEquals(null, c.api.get("/api/v1/jobs/job_0003/stats").as(JobStats.class).note(), "an intact file is served");

            // a history directory that cannot be made: the master starts all the same
            try (Stream<Path> files = Files.list(history)) {
                for (Path p : (Iterable<Path>) files::iterator) Files.delete(p);
            }
            Files.delete(history);
            Files.writeString(history, "not a directory");
            c.restartMaster();
            assertTrue(note(c.api, "job_0003").contains("cannot be made"), note(c.api, "job_0003"));
            assertEquals(3, c.api.jobs().total());
        }
    }

    /** Every answer of the job page, by request: the job, its task table in several orders and pages, stats, timeline and each attempt. */
    static Map<String, JsonNode> page(Api api, String jobId) throws IOException, InterruptedException {
        String base = "/api/v1/jobs/" + jobId;
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (String q : List.of("", "/tasks?limit=1000", "/tasks?sort=duration&order=desc&limit=2&offset=1",
                "/tasks?type=reduce&sort=outputBytes&order=desc", "/tasks?state=failed", "/tasks?sort=worker&limit=3",
                "/stats", "/timeline", "/timeline?limit=2")) {
            Api.Reply r = api.get(base + q);
            assertEquals(200, r.status(), base + q + ": " + r.text());
            JsonNode n = Api.JSON.readTree(r.body());
            if (q.equals("/stats")) ((ObjectNode) n).remove("now"); // the master's clock when asked
            out.put(base + q, n);
        }
        for (TaskView t : api.tasks(jobId, "?limit=1000").items()) {
            for (AttemptView a : t.attempts()) {
                Api.Reply r = api.get(base + "/attempts/" + a.attemptId());
                assertEquals(200, r.status(), r.text());
                out.put(base + "/attempts/" + a.attemptId(), Api.JSON.readTree(r.body()));
            }
        }
        return out;
    }

    static String note(Api api, String jobId) throws IOException, InterruptedException {
        JobStats s = api.get("/api/v1/jobs/" + jobId + "/stats").as(JobStats.class);
        assertEquals(List.of(), s.phases());
        return s.note();
    }

    static String submit(LocalCluster c, byte[] jar, Map<String, String> conf) throws IOException, InterruptedException {
        Api.Reply r = c.api.submit(jar, Api.spec(conf));
        assertEquals(201, r.status(), r.text());
        return r.as(SubmitResponse.class).jobId();
    }

    static List<String> files(Path dir) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.forEach(p -> out.add(p.getFileName().toString()));
        }
        out.sort(null);
        return out;
    }

    /** The history is written on the I/O pool after the job's end shows: wait for it. */
    static void awaitFiles(Path dir, List<String> expected) throws IOException, InterruptedException {
        await(Duration.ofSeconds(10), "the history files " + expected, () -> files(dir).equals(expected), () -> "seen: " + files(dir));
    }
}
