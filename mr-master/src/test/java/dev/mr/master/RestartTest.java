package dev.mr.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.dfs.client.DfsClient;
import dev.mr.master.testjob.CountReducer;
import dev.mr.master.testjob.LineMapper;
import dev.mr.protocol.JobView;
import dev.mr.protocol.Page;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job list survives a restart of the master: jobs that had ended are listed as they
 * ended, jobs that were running are failed with a diagnostic and their output aborted (the
 * scheduler's state died with the process), and job ids keep increasing.
 */
class RestartTest {

    @TempDir
    Path tmp;

    @Test
    void endedJobsSurviveRunningOnesFailAndIdsKeepIncreasing() throws Exception {
        try (TestCluster c = TestCluster.start(tmp, TestCluster.fastConf(), 0)) {
            DfsClient dfs = c.dfs();
            dfs.mkdirs("/empty");
            byte[] jar = TestJars.of(LineMapper.class, CountReducer.class);
            // no input files and no reduces: nothing to run, the job commits at once
            assertEquals(201, c.api.submit(jar, Api.spec(Api.jobConf("/empty", "/done", 0))).status());
            JobView done = c.api.awaitJob("job_0001", 10_000, v -> v.state().equals("SUCCEEDED"));
            // one reduce and no worker: runs until the master stops
            assertEquals(201, c.api.submit(jar, Api.spec(Api.jobConf("/empty", "/running", 1))).status());
            assertEquals("RUNNING", c.api.job("job_0002").state());
            assertTrue(exists(dfs, "/running/_temporary"), "the running job's output is prepared");

            c.restartMaster();

            Page<JobView> jobs = c.api.jobs();
            assertEquals(2, jobs.total());
            assertEquals(List.of("job_0002", "job_0001"), jobs.items().stream().map(JobView::jobId).toList());
            assertEquals(done, c.api.job("job_0001"), "an ended job is listed as it ended");
            JobView failed = c.api.job("job_0002");
            assertEquals("FAILED", failed.state());
            assertEquals("master restarted while the job ran", failed.diagnostics());
            DfsClient dfs2 = c.dfs();
            long end = System.nanoTime() + 10_000_000_000L;
            while (exists(dfs2, "/running") && System.nanoTime() < end) Thread.sleep(20);
            assertTrue(!exists(dfs2, "/running"), "the interrupted job's output is aborted");
            assertEquals(0, c.api.tasks("job_0002", "").total(), "tasks of jobs before the restart are not kept");
            assertEquals(200, c.api.get("/api/v1/jobs/job_0001/spec").status());

            assertEquals(201, c.api.submit(jar, Api.spec(Api.jobConf("/empty", "/third", 1))).status());
            assertEquals("RUNNING", c.api.job("job_0003").state());
            assertEquals("job_0003", c.api.jobs().items().get(0).jobId(), "running jobs are listed first");

            c.restartMaster();
            assertEquals("FAILED", c.api.job("job_0003").state());
            assertEquals("FAILED", c.api.job("job_0002").state(), "an interrupted job is journaled as ended once");
            assertEquals(3, c.api.jobs().total());
        }
    }

    @Test
    void aJobWhoseCommitFinishedBeforeTheRestartIsReportedSucceeded() throws Exception {
        try (TestCluster c = TestCluster.start(tmp, TestCluster.fastConf(), 0)) {
            DfsClient dfs = c.dfs();
            dfs.mkdirs("/empty");
            assertEquals(201, c.api.submit(TestJars.of(LineMapper.class, CountReducer.class),
                    Api.spec(Api.jobConf("/empty", "/out", 1))).status());
            // as if the master had written _SUCCESS and stopped before journaling the job's end
            dfs.create("/out/_SUCCESS", 0, 0).close();

            c.restartMaster();

            JobView job = c.api.awaitJob("job_0001", 10_000, v -> v.state().equals("SUCCEEDED"));
            assertTrue(job.diagnostics().contains("after the job's output was committed"), job.diagnostics());
            assertTrue(exists(c.dfs(), "/out/_SUCCESS"), "committed output is kept");
        }
    }

    private static boolean exists(DfsClient dfs, String path) throws IOException {
        try {
            dfs.status(path);
            return true;
        } catch (IOException e) {
            if (DfsClient.notFound(e)) return false;
            throw e;
        }
    }
}
