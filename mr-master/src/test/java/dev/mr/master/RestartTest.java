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
 * The job list survives a restart of the master: jobs that had ended are listed as they ended,
 * jobs that were running go on running under the new master (their output kept, their tasks
 * listed again), a kill decided before a restart stays decided, and job ids keep increasing.
 */
class RestartTest {

    @TempDir
    Path tmp;

    @Test
    void endedJobsSurviveRunningOnesResumeAndIdsKeepIncreasing() throws Exception {
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
            assertEquals("RUNNING", c.api.job("job_0002").state(), "a running job resumes");
            assertTrue(exists(c.dfs(), "/running/_temporary"), "its output is kept");
            assertEquals(1, c.api.tasks("job_0002", "").total(), "its reduce waits for a worker again");
            assertEquals(200, c.api.get("/api/v1/jobs/job_0001/spec").status());

            assertEquals(202, c.api.post("/api/v1/jobs/job_0002/kill", null, new byte[0]).status());
            c.api.awaitJob("job_0002", 10_000, v -> v.state().equals("KILLED"));
            assertEquals(201, c.api.submit(jar, Api.spec(Api.jobConf("/empty", "/third", 1))).status());
            assertEquals("RUNNING", c.api.job("job_0003").state());
            assertEquals("job_0003", c.api.jobs().items().get(0).jobId(), "running jobs are listed first");

            c.restartMaster();
            assertEquals("RUNNING", c.api.job("job_0003").state());
            assertEquals("KILLED", c.api.job("job_0002").state(), "a killed job stays killed");
            DfsClient dfs2 = c.dfs();
            assertTrue(!exists(dfs2, "/running"), "the killed job's output is aborted");
            assertEquals(3, c.api.jobs().total());
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
