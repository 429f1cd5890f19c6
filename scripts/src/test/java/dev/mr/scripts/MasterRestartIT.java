package dev.mr.scripts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A master killed during a long job (kill -9, then started again on the same directory and
 * port with {@code mr-cluster restart-master}) must not take the job's submitter down with
 * it: {@code mr-submit --wait} says once that the master is unreachable, waits, says once that
 * it is back, and exits with the job's real outcome: the restarted master resumes the job, so
 * exit 0 with its counters. Real daemons and signals through the real scripts.
 */
class MasterRestartIT {

    @TempDir
    static Path tmp;

    static int count(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

    /** The word counts of {@code text} as the job's part files say them ({@code word<TAB>count}), sorted. */
    static List<String> wordCounts(String text) {
        Map<String, Integer> counts = new TreeMap<>();
        for (String w : text.split("[ \n]+")) if (!w.isEmpty()) counts.merge(w, 1, Integer::sum);
        List<String> lines = new ArrayList<>();
        counts.forEach((w, n) -> lines.add(w + "\t" + n));
        lines.sort(null);
        return lines;
    }

    static List<String> sorted(String text) {
        List<String> lines = new ArrayList<>(text.lines().filter(l -> !l.isEmpty()).toList());
        lines.sort(null);
        return lines;
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
            assertEquals("SUCCEEDED", view.get("state").asText(), "the restarted master resumed the job: " + view + "\n" + done);
            assertEquals(1, count(done.err(), "master " + c.url + " is unreachable ("), done.toString());
            assertTrue(done.err().contains("retrying until it is back (mr.client.retry.max.ms=900000)"), done.toString());
            assertEquals(1, count(done.err(), "master " + c.url + " is back after "), done.toString());
            assertTrue(done.err().contains("job " + id + " SUCCEEDED in "), "the job's final state line: " + done);
            long lines = Files.readAllLines(text).size();
            assertTrue(done.err().contains("MAP_INPUT_RECORDS=" + lines), "the counters, as the master kept them: " + done);
            assertTrue(done.err().contains("output: dfs:/out"), done.toString());
            assertEquals(0, done.status(), done.toString());
            assertEquals(wordCounts(sb.toString()), sorted(c.ok("mr-dfs", "cat", "dfs:/out").out()), "the output, counted here");
        }
    }
}
