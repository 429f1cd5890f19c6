package dev.mr.scripts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -files} through the real scripts, as the README shows it: a map-side join reads its
 * lookup table on a real worker process, in an executor; the second job with the same jar and table finds both in
 * the workers' caches, which their logs say; a table that does not exist is refused with exit
 * status 2, naming it, and no job reaches the master.
 */
class SideFilesIT {

    @TempDir
    Path tmp;

    @Test
    void aMapSideJoinReadsItsFilesTableAndTheNextJobFindsItInTheCache() throws Exception {
        try (Cluster c = Cluster.start(tmp.resolve("c"), 1)) { // one worker: the second job runs where the first ran
            Path jar = TestJobs.jar(tmp);
            StringBuilder table = new StringBuilder();
            StringBuilder keys = new StringBuilder();
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 3000; i++) {
                table.append("k").append(i).append('\t').append("v").append(i * 31 % 1000).append('\n');
                keys.append("k").append(i * 7 % 3100).append('\n');
                int k = i * 7 % 3100;
                expected.add("k" + k + "\t" + (k < 3000 ? "v" + (k * 31 % 1000) : "?"));
            }
            Path lookup = Files.writeString(tmp.resolve("table.tsv"), table, StandardCharsets.UTF_8);
            Path in = Files.writeString(tmp.resolve("keys.txt"), keys, StandardCharsets.UTF_8);
            c.ok("mr-dfs", "put", in.toString(), "dfs:/in/");
            expected.sort(null);

            for (String out : List.of("dfs:/joined", "dfs:/joined-again")) {
                Cluster.Result r = c.script("mr-submit", "--wait", "--jar", jar.toString(), "--mapper", TestJobs.PKG + "LookupMapper",
                        "--reducers", "0", "--input", "dfs:/in/keys.txt", "--output", out, "-files", lookup + "#lookup");
                assertEquals(0, r.status(), r.toString());
                List<String> got = new ArrayList<>(List.of(c.ok("mr-dfs", "cat", out).out().split("\n")));
                got.sort(null);
                assertEquals(expected, got, out);
            }
            String logs = Files.readString(c.dir.resolve("worker-1/worker/worker.log"));
            assertTrue(logs.contains("downloaded -files lookup of job_0001 into the cache"), logs);
            assertTrue(logs.contains("-files lookup of job_0002 is in the cache"), "the second job's table was not downloaded again");
            assertTrue(logs.contains("the jar of job_0002 is in the cache"), "nor its jar");
            assertTrue(!logs.contains("v1\t") && !logs.contains("k1\tv"), "the table's contents never reach the logs");

            Path missing = tmp.resolve("nowhere/table.tsv");
            Cluster.Result refused = c.script("mr-submit", "--wait", "--jar", jar.toString(), "--mapper", TestJobs.PKG + "LookupMapper",
                    "--reducers", "0", "--input", "dfs:/in/keys.txt", "--output", "dfs:/never", "-files", missing + "#lookup");
            assertEquals(2, refused.status(), refused.toString());
            assertTrue(refused.err().contains("mr-submit: -files: " + missing + " does not exist"), refused.toString());
            assertEquals(2, c.get("/api/v1/jobs").get("items").size(), "the refused job never reached the master");
        }
    }
}
