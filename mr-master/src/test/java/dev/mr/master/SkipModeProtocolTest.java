package dev.mr.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.master.testjob.CountReducer;
import dev.mr.master.testjob.LineMapper;
import dev.mr.protocol.Assignment;
import dev.mr.protocol.AttemptReport;
import dev.mr.protocol.AttemptView;
import dev.mr.protocol.JobView;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Skip mode crosses the wire between master and worker: an assignment carries the skip flag and
 * the records to skip, a FAILED report's bad record reaches the scheduler (the next assignment
 * lists it), and a LOST report re-runs its attempt without counting a failure, its reason shown in
 * the attempts table. Spoken over real HTTP by a worker that does no work.
 */
class SkipModeProtocolTest {

    @TempDir
    Path tmp;

    @Test
    void skipModeBadRecordsAndLostReportsTravelBetweenMasterAndWorker() throws Exception {
        try (TestCluster c = TestCluster.start(tmp, TestCluster.fastConf(), 0)) {
            c.dfs().mkdirs("/empty");
            Map<String, String> conf = new HashMap<>(Api.jobConf("/empty", "/out", 1));
            conf.put("mr.skip.reduce.groups.max", "5");
            assertEquals(201, c.api.submit(TestJars.of(LineMapper.class, CountReducer.class), Api.spec(conf)).status());
            FakeWorker w = new FakeWorker(c.api, "w1", "127.0.0.1:9001", "http://127.0.0.1:9001").register(1);

            Assignment a0 = w.heartbeat(1).assignments().get(0);
            assertFalse(a0.skipMode());
            assertEquals(List.of(), a0.skipRecords());
            Assignment a1 = w.heartbeat(1, FakeWorker.failed(a0.attempt(), "boom 0", "")).assignments().get(0);
            assertFalse(a1.skipMode());
            Assignment a2 = w.heartbeat(1, FakeWorker.failed(a1.attempt(), "boom 1", "")).assignments().get(0);
            assertTrue(a2.skipMode(), "the third attempt of a task that failed twice skips");
            assertEquals(List.of(), a2.skipRecords());

            AttemptReport died = new AttemptReport(a2.attempt(), AttemptReport.FAILED, 0, 0, null, "executor exited with 134", null, "apple");
            Assignment a3 = w.heartbeat(1, died).assignments().get(0);
            assertTrue(a3.skipMode());
            assertEquals(List.of("apple"), a3.skipRecords());

            AttemptReport lost = new AttemptReport(a3.attempt(), AttemptReport.LOST, 0, 0, null, "its executor was stopped for job_0001_r_000009_0", null);
            Assignment a4 = w.heartbeat(1, lost).assignments().get(0);
            assertEquals("job_0001_r_000000_4", a4.attempt());
            assertEquals(List.of("apple"), a4.skipRecords());

            w.heartbeat(0, FakeWorker.finished(a4.attempt(), Map.of("Framework", Map.of("SKIPPED_RECORDS", 2L))));
            JobView job = c.api.awaitJob("job_0001", 10_000, v -> v.finishTime() >= 0);
            assertEquals("SUCCEEDED", job.state(), job.diagnostics());
            assertEquals(2L, job.counters().get("Framework").get("SKIPPED_RECORDS"));
            List<AttemptView> attempts = c.api.tasks("job_0001", "?type=reduce").items().get(0).attempts();
            assertEquals(List.of("FAILED", "FAILED", "FAILED", "KILLED", "SUCCEEDED"), attempts.stream().map(AttemptView::state).toList());
            assertEquals("executor exited with 134", attempts.get(2).error());
            assertEquals("its executor was stopped for job_0001_r_000009_0", attempts.get(3).error());
        }
    }

    @Test
    void aReportWithAnUnknownStatusIsRefusedNamingTheStatusesThereAre() throws Exception {
        try (TestCluster c = TestCluster.start(tmp, TestCluster.fastConf(), 0)) {
            FakeWorker w = new FakeWorker(c.api, "w1", "127.0.0.1:9001", "http://127.0.0.1:9001").register(1);
            AssertionError e = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
                    () -> w.heartbeat(1, new AttemptReport("job_0001_m_000000_0", "GONE", 0, 0, null, null, null)));
            assertTrue(e.getMessage().contains("HTTP 400") && e.getMessage().contains("expected RUNNING, FINISHED, FAILED or LOST"), e.getMessage());
        }
    }
}
