package dev.mr.scripts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command is what a newcomer runs: {@code scripts/mr-demo} must count the
 * sample's words on the cluster, print the true top ten, and end by saying where the web page
 * is (it once stopped early, silently, when {@code head} closed a pipe under pipefail), and run
 * a map per slot of the cluster rather than one for the whole sample. It
 * finds the cluster this test starts through {@code MR_CLUSTER_DIR}, as it finds the one a
 * user left running.
 */
class DemoIT {

    @TempDir
    Path tmp;

    @Test
    void theDemoPrintsTheSamplesTopWordsAndTheWebPage() throws Exception {
        // dfs's own 64 MiB chunks, as the demo's cluster has: the slots, not the chunks, must cut the sample
        try (Cluster c = Cluster.start(tmp.resolve("cluster"), 2, "-D", "dfs.chunk.size=67108864")) {
            Path demoDir = tmp.resolve("demo");
            Cluster.Result r = c.background(Map.of("MR_CLUSTER_DIR", tmp.resolve("cluster").toString(),
                    "MR_DEMO_DIR", demoDir.toString(), "MR_DEMO_BYTES", "16000000"), "mr-demo").finish();
            assertEquals(0, r.status(), r.toString());
            JsonNode job = c.job(c.latestJobId());
            assertTrue(job.get("maps").asInt() >= 4, "16 MB on 2 workers of 2 slots runs a map per slot: " + job);

            List<String> printed = new ArrayList<>();
            boolean inTop = false;
            for (String line : r.out().split("\n")) {
                if (line.startsWith("top words of")) inTop = true;
                else if (inTop && line.isBlank()) inTop = false;
                else if (inTop) printed.add(line.trim().replaceAll("\\s+", " "));
            }
            assertEquals(expectedTop(demoDir.resolve("sample.txt")), printed, r.toString());
            assertTrue(r.out().contains("web page " + c.url + "/"), r.toString());
        }
    }

    /** The ten most frequent words of the sample ("count word"), counted here in plain Java. */
    private static List<String> expectedTop(Path sample) throws Exception {
        Map<String, Long> counts = new HashMap<>();
        for (String word : Files.readString(sample, StandardCharsets.UTF_8).split("[ \t\n\r\f]+")) {
            if (!word.isEmpty()) counts.merge(word, 1L, Long::sum);
        }
        Comparator<Map.Entry<String, Long>> byCount = Map.Entry.comparingByValue(Comparator.reverseOrder());
        Comparator<Map.Entry<String, Long>> order = byCount.thenComparing(e -> e.getKey().getBytes(StandardCharsets.UTF_8), Arrays::compareUnsigned);
        return counts.entrySet().stream().sorted(order).limit(10).map(e -> e.getValue() + " " + e.getKey()).toList();
    }
}
