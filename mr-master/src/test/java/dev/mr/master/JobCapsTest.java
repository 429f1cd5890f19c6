package dev.mr.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.api.Configuration;
import dev.mr.master.jobs.JobCaps;
import dev.mr.master.testjob.CountReducer;
import dev.mr.master.testjob.LineMapper;
import dev.mr.protocol.Problem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One oversized job must not take the master's memory: a cluster job with more reducers or
 * more input splits than the cluster's caps is refused at submission with a 400 that names
 * the number, the cap and the setting, and a job cannot raise the caps with settings of its own.
 */
class JobCapsTest {

    @TempDir
    Path tmp;

    @Test
    void aJobOverTheReducerOrSplitCapIsRefusedNamingTheNumberTheCapAndTheSetting() throws Exception {
        Configuration conf = TestCluster.fastConf().setInt(JobCaps.MAX_REDUCERS, 4).setInt(JobCaps.MAX_SPLITS, 3);
        try (TestCluster c = TestCluster.start(tmp, conf, 1)) {
            c.put("/in/five-kb.txt", "line of text\n".repeat(400).getBytes(StandardCharsets.UTF_8)); // 5200 bytes
            byte[] jar = TestJars.of(LineMapper.class, CountReducer.class);

            Map<String, String> manyReducers = new HashMap<>(Api.jobConf("/in", "/out", 5));
            manyReducers.put(JobCaps.MAX_REDUCERS, "100"); // a job's own settings do not widen the cluster's caps
            refused(c.api.submit(jar, Api.spec(manyReducers)), "the job asks for 5 reducers, more than this cluster's cap of 4 ("
                    + JobCaps.MAX_REDUCERS + ")");

            Map<String, String> manySplits = new HashMap<>(Api.jobConf("/in", "/out", 1));
            manySplits.put("mr.input.split.size", "1000");
            refused(c.api.submit(jar, Api.spec(manySplits)), "the job's input makes 6 splits (map tasks), more than this cluster's cap of 3 ("
                    + JobCaps.MAX_SPLITS + ")");
            assertEquals(0, c.api.jobs().total(), "nothing admitted");

            Map<String, String> atTheCaps = new HashMap<>(Api.jobConf("/in", "/out", 4));
            atTheCaps.put("mr.input.split.size", "2000");
            Api.Reply ok = c.api.submit(jar, Api.spec(atTheCaps));
            assertEquals(201, ok.status(), "a job at the caps is admitted: " + ok.text());
        }
    }

    private static void refused(Api.Reply r, String message) {
        assertEquals(400, r.status(), r.text());
        Problem p = r.problem();
        assertTrue(p.error().contains(message), "expected '" + message + "' in: " + p.error());
    }
}
