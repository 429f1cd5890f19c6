package dev.mr.master;

import static dev.mr.api.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mr.api.Configuration;
import dev.mr.master.core.MasterSettings;
import dev.mr.master.scheduler.SchedulerSettings;
import dev.mr.master.testjob.CountReducer;
import dev.mr.master.testjob.LineMapper;
import dev.mr.protocol.HeartbeatResponse;
import dev.mr.protocol.TaskView;
import dev.mr.protocol.WorkerView;
import com.fasterxml.jackson.core.type.TypeReference;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The master's own timer declares a silent worker dead: without any request arriving, the
 * worker shows DEAD after mr.worker.expiry.ms, its attempt is killed (not failed), and the
 * task goes to the next worker that asks; the dead worker's late heartbeat is told to register again.
 */
class WorkerDeathTest {

    @TempDir
    Path tmp;

    @Test
    void aSilentWorkerIsDeclaredDeadByTheTimerAndItsTaskRunsElsewhere() throws Exception {
        Configuration conf = TestCluster.fastConf().setLong(SchedulerSettings.WORKER_EXPIRY_MS, 600).setLong(MasterSettings.TICK_MS, 100);
        try (TestCluster c = TestCluster.start(tmp, conf, 0)) {
            c.dfs().mkdirs("/empty");
            byte[] jar = TestJars.of(LineMapper.class, CountReducer.class);
            assertEquals(201, c.api.submit(jar, Api.spec(Api.jobConf("/empty", "/out", 1))).status());

            FakeWorker w1 = new FakeWorker(c.api, "w1", "127.0.0.1:9001", "http://127.0.0.1:9001").register(2);
            HeartbeatResponse hb = w1.heartbeat(2);
            assertEquals("job_0001_r_000000_0", hb.assignments().get(0).attempt());

            await(Duration.ofSeconds(10), "w1 to be declared dead", () -> workers(c).get(0).state().equals("DEAD"), () -> "workers: " + workers(c));
            TaskView reduce = c.api.tasks("job_0001", "?type=reduce").items().get(0);
            assertEquals("WAITING", reduce.state());
            assertEquals("KILLED", reduce.attempts().get(0).state());

            FakeWorker w2 = new FakeWorker(c.api, "w2", "127.0.0.1:9002", "http://127.0.0.1:9002").register(2);
            assertEquals("job_0001_r_000000_1", w2.heartbeat(2).assignments().get(0).attempt());
            assertEquals(true, w1.heartbeat(2, FakeWorker.running("job_0001_r_000000_0")).reregister());
            assertEquals("RUNNING", c.api.job("job_0001").state());
        }
    }

    private static List<WorkerView> workers(TestCluster c) throws Exception {
        return c.api.get("/api/v1/workers").as(new TypeReference<List<WorkerView>>() {});
    }
}
