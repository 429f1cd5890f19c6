package dev.mr.scripts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A master killed during a long job (kill -9, then started again on the same directory and
 * port with {@code mr-cluster restart-master}) must not take the job's submitter down with
 * it: {@code mr-submit --wait} says once that the master is unreachable, waits, says once that
 * it is back, and exits with the job's real outcome and its final state line. Real daemons and
 * signals through the real scripts.
 */
class MasterRestartIT {

    @TempDir
    static Path tmp;

    static int count(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

    @Test
    void submitWaitRidesThroughAMasterRestart() throws Exception {
        Path jar = TestJobs.jar(tmp);
        Random r = new Random(15);
        StringBuilder sb = new StringBuilder();
        while (sb.length() < 3_000_000) {
            for (int i = 0; i < 8; i++) sb.append(i == 0 ? "" : " ").append("w").append(r.nextInt(5000));
            sb.append('\n');
        }
        Path text = Files.writeString(tmp.resolve("text.txt"), sb.toString());
        try (Cluster c = Cluster.start(tmp.resolve("cluster"), 2)) {
            c.ok("mr-dfs", "put", text.toString(), "dfs:/in/");
            // about 1 MiB per map at 400 ms per 1000 lines: each map runs for seconds, so the job is running at the kill
            Cluster.Running job = c.background("mr-submit", "--wait", "--name", "slow wordcount", "--jar", jar.toString(),
                    "--mapper", TestJobs.PKG + "SlowTokenMapper", "--reducer", TestJobs.PKG + "SlowSumReducer", "--reducers", "2",
                    "--input", "dfs:/in/text.txt", "--output", "dfs:/out", "-D", "test.map.sleep.ms=400", "-D", "mr.speculation=false");
            Cluster.await(60, "the job running", () -> {
                try {
                    String id = c.latestJobId();
                    return id != null && "RUNNING".equals(c.job(id).get("state").asText());
                } catch (Exception e) {
                    return false;
                }
            });
            String id = c.latestJobId();

            Cluster.signal(c.masterPid(), "KILL");
            Cluster.await(30, "the submitter saying the master is unreachable", () -> {
                try {
                    return Files.readString(job.err()).contains(" is unreachable (");
                } catch (Exception e) {
                    return false;
                }
            });
            c.ok("mr-cluster", "restart-master", "--dir", c.dir.toString());

            Cluster.Result done = job.finish();
            System.out.println("mr-submit through the restart: " + done); // the ride as a user sees it, in the test's report
            JsonNode view = c.job(id);
            String state = view.get("state").asText();
            assertTrue(state.equals("SUCCEEDED") || state.equals("FAILED"), "the job ended: " + view);
            assertEquals(1, count(done.err(), "master " + c.url + " is unreachable ("), done.toString());
            assertTrue(done.err().contains("retrying until it is back (mr.client.retry.max.ms=900000)"), done.toString());
            assertEquals(1, count(done.err(), "master " + c.url + " is back after "), done.toString());
            assertTrue(done.err().contains("job " + id + " " + state + " in "), "the job's final state line: " + done);
            assertTrue(done.err().contains("counters:"), done.toString());
            assertEquals(state.equals("SUCCEEDED") ? 0 : 1, done.status(), "the exit status says what the master says: " + done);
            // TODO(issue 15, resume): once the restarted master resumes running jobs, assert exit 0, state SUCCEEDED and
            // the counters (MAP_INPUT_RECORDS) instead: until then the job ends FAILED, "master restarted while the job ran".
        }
    }
}
