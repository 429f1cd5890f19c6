package dev.mr.scripts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -files} through the real scripts, as the README shows it: the example map-side join
 * reads its table on a real worker process, in an executor, and its output is the join computed
 * here; the second job with the same jar and table finds both in the worker's cache, which its log
 * says (and the table's contents never reach the log); a table that does not exist is refused with
 * exit status 2, naming it, and no job reaches the master.
 */
class SideFilesIT {

    @TempDir
    Path tmp;

    @Test
    void theExampleMapSideJoinReadsItsFilesTableAndTheNextJobFindsItInTheCache() throws Exception {
        try (Cluster c = Cluster.start(tmp.resolve("c"), 1)) { // one worker: the second job runs where the first ran
            StringBuilder table = new StringBuilder();
            StringBuilder orders = new StringBuilder();
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 3000; i++) table.append("c").append(i).append('\t').append("name-").append(i * 31 % 1000).append('\n');
            for (int i = 0; i < 20_000; i++) {
                int customer = i * 7 % 3100;
                orders.append("c").append(customer).append('\t').append(i % 500).append('\n');
                if (customer < 3000) expected.add("c" + customer + "\t" + (i % 500) + "\tname-" + (customer * 31 % 1000));
            }
            expected.sort(null);
            Path customers = Files.writeString(tmp.resolve("customers.tsv"), table, StandardCharsets.UTF_8);
            Path in = Files.writeString(tmp.resolve("orders"), orders, StandardCharsets.UTF_8);
            c.ok("mr-dfs", "put", in.toString(), "dfs:/");

            for (String out : List.of("dfs:/orders-with-names", "dfs:/again")) {
                Cluster.Result r = c.script("mr-submit", "--wait", Cluster.JOBS_JAR.toString(), "dev.mr.jobs.MapSideJoin",
                        "-files", customers + "#small", "dfs:/orders", out);
                assertEquals(0, r.status(), r.toString());
                List<String> got = new ArrayList<>(List.of(c.ok("mr-dfs", "cat", out).out().split("\n")));
                got.sort(null);
                assertEquals(expected, got, out);
            }
            String log = Files.readString(c.dir.resolve("worker-1/worker/worker.log"));
            assertTrue(log.contains("downloaded -files small of job_0001 into the cache"), log);
            assertTrue(log.contains("-files small of job_0002 is in the cache"), "the second job's table was not downloaded again");
            assertTrue(log.contains("the jar of job_0002 is in the cache"), "nor its jar");
            assertFalse(log.contains("name-"), "the table's contents never reach the log");

            Path missing = tmp.resolve("nowhere/customers.tsv");
            Cluster.Result refused = c.script("mr-submit", "--wait", Cluster.JOBS_JAR.toString(), "dev.mr.jobs.MapSideJoin",
                    "-files", missing + "#small", "dfs:/orders", "dfs:/never");
            assertEquals(2, refused.status(), refused.toString());
            assertTrue(refused.err().contains("mr-submit: -files: " + missing + " does not exist"), refused.toString());
            assertEquals(2, c.get("/api/v1/jobs").get("items").size(), "the refused job never reached the master");
        }
    }
}
