package dev.mr.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.mr.master.testjob.CountReducer;
import dev.mr.master.testjob.LineMapper;
import dev.mr.protocol.AttemptReport;
import dev.mr.protocol.AttemptView;
import dev.mr.protocol.JobView;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A task's status message crosses the wire in a worker's heartbeat and shows on the attempt in the
 * API, as Hadoop shows {@code setStatus} on the attempt: the latest one while it runs, bounded to
 * one line of 256 characters whatever a worker sends, kept after it finished; and a heartbeat from
 * a worker that predates the field is still read. Spoken over real HTTP by a worker that does no work.
 */
class AttemptStatusMessageTest {

    @TempDir
    Path tmp;

    @Test
    void theLatestStatusMessageOfARunningAttemptShowsInItsViewAndStaysAfterItFinished() throws Exception {
        try (TestCluster c = TestCluster.start(tmp, TestCluster.fastConf(), 0)) {
            c.dfs().mkdirs("/empty");
            assertEquals(201, c.api.submit(TestJars.of(LineMapper.class, CountReducer.class), Api.spec(Api.jobConf("/empty", "/out", 1))).status());
            FakeWorker w = new FakeWorker(c.api, "w1", "127.0.0.1:9001", "http://127.0.0.1:9001").register(1);
            String a = w.heartbeat(1).assignments().get(0).attempt();
            assertNull(attempt(c, a).statusMessage(), "no message before the task sets one");

            w.heartbeat(0, running(a, "halfway"));
            assertEquals("halfway", attempt(c, a).statusMessage());
            assertEquals("halfway", c.api.tasks("job_0001", "?type=reduce").items().get(0).attempts().get(0).statusMessage());

            w.heartbeat(0, running(a, "line one\nline two " + "z".repeat(1_000)));
            String shown = attempt(c, a).statusMessage();
            assertEquals(256, shown.length(), "the master bounds what a worker sends");
            assertEquals("line one line two zzz", shown.substring(0, 21));

            // a worker that predates the field: its report has no statusMessage at all
            String old = "{\"workerId\":\"w1\",\"incarnation\":" + w.incarnation + ",\"freeSlots\":0,\"reports\":[{\"attempt\":\"" + a
                    + "\",\"status\":\"RUNNING\",\"progress\":0.75,\"mapOutputsKnown\":0}]}";
            Api.Reply r = c.api.post("/api/v1/heartbeat", "application/json", old.getBytes(StandardCharsets.UTF_8));
            assertEquals(200, r.status(), r.text());
            assertEquals(0.75, attempt(c, a).progress(), 1e-9);
            assertEquals(shown, attempt(c, a).statusMessage(), "a report without a message keeps the last one");

            AttemptReport done = new AttemptReport(a, AttemptReport.FINISHED, 1, 0, Map.of("g", Map.of("c", 1L)), null, null, null, "wrote 3 groups");
            w.heartbeat(0, done);
            JobView job = c.api.awaitJob("job_0001", 10_000, v -> v.finishTime() >= 0);
            assertEquals("SUCCEEDED", job.state(), job.diagnostics());
            AttemptView ended = attempt(c, a);
            assertEquals("SUCCEEDED", ended.state());
            assertEquals("wrote 3 groups", ended.statusMessage());
        }
    }

    private static AttemptReport running(String attempt, String status) {
        return new AttemptReport(attempt, AttemptReport.RUNNING, 0.5, 0, null, null, null, null, status);
    }

    private static AttemptView attempt(TestCluster c, String attempt) throws Exception {
        Api.Reply r = c.api.get("/api/v1/jobs/job_0001/attempts/" + attempt);
        assertEquals(200, r.status(), r.text());
        return r.as(AttemptView.class);
    }
}
