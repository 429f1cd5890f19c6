package dev.mr.master;

import static dev.mr.api.testing.Await.await;
import static dev.mr.api.testing.Await.awaitValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.mr.master.testjob.CountReducer;
import dev.mr.master.testjob.LineMapper;
import dev.mr.protocol.AttemptView;
import dev.mr.protocol.JobView;
import dev.mr.protocol.TaskView;
import dev.mr.protocol.WorkerView;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job ends visibly when it fails or is killed: a task that fails its attempts fails the job,
 * naming the task and the error, with each attempt's stack trace and log tail kept for the task
 * page; a kill answers 202 and ends the job KILLED; either way its output is removed.
 */
class FailureAndKillTest {

    @TempDir
    Path tmp;

    @Test
    void aTaskThatKeepsFailingFailsTheJobWithItsError() throws Exception {
        try (TestCluster c = TestCluster.start(tmp, TestCluster.fastConf(), 0)) {
            c.dfs().mkdirs("/empty");
            Map<String, String> conf = new HashMap<>(Api.jobConf("/empty", "/out", 1));
            conf.put("mr.task.max.attempts", "2");
            assertEquals(201, c.api.submit(TestJars.of(LineMapper.class, CountReducer.class), Api.spec(conf)).status());
            FakeWorker w = new FakeWorker(c.api, "w1", "127.0.0.1:9001", "http://127.0.0.1:9001").register(1);
            String error = "java.lang.IllegalStateException: boom\n\tat dev.mr.master.testjob.CountReducer.reduce(CountReducer.java:1)";
            String first = w.heartbeat(1).assignments().get(0).attempt();
            String second = w.heartbeat(1, FakeWorker.failed(first, error, "log line 1\nlog line 2")).assignments().get(0).attempt();
            assertEquals("job_0001_r_000000_1", second);
            w.heartbeat(1, FakeWorker.failed(second, error, "second log"));

            JobView job = c.api.awaitJob("job_0001", 10_000, v -> !v.state().equals("RUNNING"));
            assertEquals("FAILED", job.state());
            assertTrue(job.diagnostics().contains("job_0001_r_000000") && job.diagnostics().contains("boom"), job.diagnostics());
            TaskView task = c.api.tasks("job_0001", "?state=failed").items().get(0);
            List<AttemptView> attempts = task.attempts();
            assertEquals(2, attempts.size());
            assertEquals("FAILED", attempts.get(0).state());
            assertEquals(error, attempts.get(0).error());
            assertEquals("log line 1\nlog line 2", attempts.get(0).log());
            assertEquals("second log", attempts.get(1).log());
            WorkerView wv = c.api.get("/api/v1/workers").as(new TypeReference<List<WorkerView>>() {}).get(0);
            assertEquals(2, wv.tasksRun());
            assertEquals(2, wv.tasksFailed());
            awaitGone(c, "/out");
        }
    }

    @Test
    void aKilledJobEndsKilledAndItsOutputGoes() throws Exception {
        try (TestCluster c = TestCluster.start(tmp, TestCluster.fastConf(), 0)) {
            c.dfs().mkdirs("/empty");
            assertEquals(201, c.api.submit(TestJars.of(LineMapper.class, CountReducer.class),
                    Api.spec(Api.jobConf("/empty", "/out", 1))).status());
            Api.Reply kill = c.api.post("/api/v1/jobs/job_0001/kill", null, new byte[0]);
            assertEquals(202, kill.status(), kill.text());
            JobView job = c.api.awaitJob("job_0001", 10_000, v -> !v.state().equals("RUNNING"));
            assertEquals("KILLED", job.state());
            assertEquals("killed on request", job.diagnostics());
            ApiErrorsTest.problem(409, "job job_0001 already ended: KILLED", c.api.post("/api/v1/jobs/job_0001/kill", null, new byte[0]));
            awaitGone(c, "/out");
            // the output may be used again once its job's abort is done (which is when the master releases it)
            byte[] jar = TestJars.of(LineMapper.class, CountReducer.class);
            Api.Reply again = awaitValue(Duration.ofSeconds(5), "the master to release /out", () -> {
                Api.Reply r = c.api.submit(jar, Api.spec(Api.jobConf("/empty", "/out", 1)));
                return r.status() == 409 ? null : r;
            });
            assertEquals(201, again.status(), again.text());
            ApiErrorsTest.problem(409, "overlaps the output dfs:/out of running job job_0002", c.api.submit(
                    TestJars.of(LineMapper.class, CountReducer.class), Api.spec(Api.jobConf("/empty", "/out/inner", 1))));
        }
    }

    @Test
    void aStatusRequestThatWaitsIsAnsweredWhenTheJobEnds() throws Exception {
        try (TestCluster c = TestCluster.start(tmp, TestCluster.fastConf(), 0)) {
            c.dfs().mkdirs("/empty");
            assertEquals(201, c.api.submit(TestJars.of(LineMapper.class, CountReducer.class),
                    Api.spec(Api.jobConf("/empty", "/out", 1))).status());
            // no worker ever comes: the job runs until it is killed
            assertEquals("RUNNING", c.api.get("/api/v1/jobs/job_0001?waitMs=100").as(JobView.class).state(),
                    "a job that has not ended is answered when the wait is over");
            CompletableFuture<Api.Reply> waiting = CompletableFuture.supplyAsync(() -> {
                try {
                    return c.api.get("/api/v1/jobs/job_0001?waitMs=60000");
                } catch (IOException | InterruptedException e) {
                    throw new CompletionException(e);
                }
            });
            assertEquals(202, c.api.post("/api/v1/jobs/job_0001/kill", null, new byte[0]).status());
            Api.Reply ended = waiting.get(30, TimeUnit.SECONDS); // at the end, long before the 60 s wait
            assertEquals(200, ended.status(), ended.text());
            assertEquals("KILLED", ended.as(JobView.class).state());
            ApiErrorsTest.problem(400, "waitMs=-1 must lie in [0, 60000]", c.api.get("/api/v1/jobs/job_0001?waitMs=-1"));
            ApiErrorsTest.problem(404, "job_0009", c.api.get("/api/v1/jobs/job_0009?waitMs=1000"));
        }
    }

    @Test
    void endedJobsBeyondTheRetainedOnesKeepOnlyTheirSummary() throws Exception {
        try (TestCluster c = TestCluster.start(tmp, TestCluster.fastConf().setInt("mr.master.retained.jobs", 1), 0)) {
            c.dfs().mkdirs("/empty");
            byte[] jar = TestJars.of(LineMapper.class, CountReducer.class);
            for (int n = 1; n <= 2; n++) { // no worker ever comes: each job runs until it is killed
                assertEquals(201, c.api.submit(jar, Api.spec(Api.jobConf("/empty", "/out" + n, 1))).status());
                assertEquals(202, c.api.post("/api/v1/jobs/job_000" + n + "/kill", null, new byte[0]).status());
                assertEquals("KILLED", c.api.get("/api/v1/jobs/job_000" + n + "?waitMs=30000").as(JobView.class).state());
            }
            // the newest job's history is written after its end shows; that write is what deletes the older one's
            JobHistoryRestartTest.awaitFiles(c.dir.resolve("node-master/master/history"), List.of("job_0002.json.gz"));
            JobView retired = c.api.job("job_0001");
            assertEquals("KILLED", retired.state(), "the retired job keeps its summary");
            assertEquals("killed on request", retired.diagnostics());
            assertEquals(List.of("job_0001", "job_0002"), c.api.jobs().items().stream().map(JobView::jobId).sorted().toList());
            assertEquals(0, c.api.tasks("job_0001", "").total(), "but not its tasks");
            ApiErrorsTest.problem(404, "the master keeps the tasks of the newest 1 ended jobs",
                    c.api.get("/api/v1/jobs/job_0001/attempts/job_0001_r_000000_0"));
            assertEquals(1, c.api.tasks("job_0002", "").total(), "the newest ended job is kept whole");
        }
    }

    private static void awaitGone(TestCluster c, String path) throws Exception {
        await(Duration.ofSeconds(10), path + " to go", () -> {
            try {
                c.dfs().status(path);
                return false;
            } catch (IOException e) {
                return true;
            }
        });
    }
}
