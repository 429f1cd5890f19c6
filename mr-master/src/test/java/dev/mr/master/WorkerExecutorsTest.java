package dev.mr.master;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.mr.api.ConfKeys;
import dev.mr.master.scheduler.SchedulerSettings;
import dev.mr.master.testjob.CountReducer;
import dev.mr.master.testjob.LineMapper;
import dev.mr.protocol.ExecutorView;
import dev.mr.protocol.WorkerView;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Workers run each job's tasks in executor JVMs of a bounded heap: the workers API shows each
 * worker's memory (from its registration) and its executors (from its latest heartbeat), and a
 * job asking for a heap larger than any live worker has is refused at submission with a 400
 * that names the setting, the largest worker's memory and what sets it.
 */
class WorkerExecutorsTest {

    @TempDir
    static Path tmp;
    static TestCluster c;

    @BeforeAll
    static void start() throws Exception {
        c = TestCluster.start(tmp, TestCluster.fastConf().setLong(SchedulerSettings.WORKER_EXPIRY_MS, 600_000), 0);
        c.dfs().mkdirs("/in");
    }

    @AfterAll
    static void stop() {
        if (c != null) c.close();
    }

    @Test
    void aWorkersMemoryAndTheExecutorsOfItsLatestHeartbeatShowInTheWorkersApi() throws Exception {
        FakeWorker w = new FakeWorker(c.api, "w-exec", "127.0.0.1:9101", "http://127.0.0.1:9101").register(2, 4096);
        ExecutorView e1 = new ExecutorView("job_0007", 4242, 310, 1024, List.of("job_0007_m_000000_0", "job_0007_m_000001_0"), 1_000);
        ExecutorView e2 = new ExecutorView("job_0008", 4343, 20, 512, List.of(), 2_000);
        w.heartbeat(2, List.of(e1, e2));
        WorkerView v = worker("w-exec");
        assertEquals(4096, v.memoryMb());
        assertEquals(List.of(e1, e2), v.executors());

        w.heartbeat(2, List.of(e2));
        assertEquals(List.of(e2), worker("w-exec").executors(), "the latest heartbeat replaces the list");
        w.heartbeat(2);
        assertEquals(List.of(), worker("w-exec").executors());
    }

    @Test
    void aWorkerThatDoesNotTellItsMemoryShowsZero() throws Exception {
        String old = "{\"workerId\": \"w-old\", \"host\": \"127.0.0.1:9102\", \"address\": \"http://127.0.0.1:9102\", \"slots\": 1}";
        Api.Reply r = c.api.post("/api/v1/workers/register", "application/json", old.getBytes(StandardCharsets.UTF_8));
        assertEquals(200, r.status(), r.text());
        WorkerView v = worker("w-old");
        assertEquals(0, v.memoryMb());
        assertEquals(List.of(), v.executors());
        String nullSlots = "{\"workerId\": \"w-null\", \"host\": \"127.0.0.1:9106\", \"address\": \"http://127.0.0.1:9106\", \"slots\": null}";
        ApiErrorsTest.problem(400, "malformed RegisterRequest", c.api.post("/api/v1/workers/register", "application/json",
                nullSlots.getBytes(StandardCharsets.UTF_8))); // only the field added later may be left out
        ApiErrorsTest.problem(400, "registration of w-neg has memoryMb -1", c.api.postJson("/api/v1/workers/register",
                new dev.mr.protocol.RegisterRequest("w-neg", "127.0.0.1:9103", "http://127.0.0.1:9103", 1, -1)));
    }

    @Test
    void aHeapLargerThanAnyLiveWorkerHasIsRefusedWith400() throws Exception {
        new FakeWorker(c.api, "w-small", "127.0.0.1:9104", "http://127.0.0.1:9104").register(1, 2048).heartbeat(1);
        new FakeWorker(c.api, "w-large", "127.0.0.1:9105", "http://127.0.0.1:9105").register(1, 6144).heartbeat(1);
        byte[] jar = TestJars.of(LineMapper.class, CountReducer.class);

        ApiErrorsTest.problem(400, "mr.executor.memory.mb=900000 is more than any worker can give: the largest has 6144 MiB "
                + "(a worker's --memory sets it)", c.api.submit(jar, Api.spec(conf("/out-large", ConfKeys.EXECUTOR_MEMORY_MB, "900000"))));
        ApiErrorsTest.problem(400, "mr.executor must be process or thread, not docker",
                c.api.submit(jar, Api.spec(conf("/out-docker", ConfKeys.EXECUTOR, "docker"))));
        ApiErrorsTest.problem(400, "setting mr.task.timeout.ms=soon must be a whole number of milliseconds",
                c.api.submit(jar, Api.spec(conf("/out-soon", ConfKeys.TASK_TIMEOUT_MS, "soon"))));

        Api.Reply fits = c.api.submit(jar, Api.spec(conf("/out-fits", ConfKeys.EXECUTOR_MEMORY_MB, "6144")));
        assertEquals(201, fits.status(), fits.text());
    }

    private static Map<String, String> conf(String output, String key, String value) {
        Map<String, String> conf = new HashMap<>(Api.jobConf("/in", output, 1));
        conf.put(key, value);
        return conf;
    }

    private static WorkerView worker(String id) throws Exception {
        List<WorkerView> all = c.api.get("/api/v1/workers").as(new TypeReference<List<WorkerView>>() {});
        return all.stream().filter(w -> w.workerId().equals(id)).findFirst().orElseThrow(() -> new AssertionError("no worker " + id + " in " + all));
    }
}
