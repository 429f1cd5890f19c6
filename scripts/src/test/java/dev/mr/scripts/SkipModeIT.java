package dev.mr.scripts;

import static dev.mr.api.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mr.scripts.testjobs.BadRecordMapper;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Skip mode (Hadoop's SkipBadRecords) through the real scripts, on real daemons and executor JVMs:
 * among 1,000,000 lines in dfs, three poison records (map() throws) and one that halts its
 * executor JVM, each in a map of its own. With {@code mr.skip.map.records.max=10} the job
 * succeeds, {@code _skipped} holds exactly those four records named by file and offset,
 * {@code SKIPPED_RECORDS} is 4, and the part files are byte for byte the local runner's over the
 * input without them; with a limit of 2 the job fails naming the limit and leaves no output. The
 * in-process {@code SkipBadRecordsClusterTest} proves the same on threads and one machine's JVM;
 * this one proves it across processes: the worker daemons, the marker an executor leaves behind
 * when it dies, mr-submit and mr-dfs.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SkipModeIT {

    static final int LINES = 1_000_000;
    /** Line numbers of the bad records; with {@link #SPLIT} they fall into maps 0, 1, 2 and 4 of 6. */
    static final TreeMap<Integer, String> BAD = new TreeMap<>(Map.of(
            100_000, BadRecordMapper.POISON + " 100000",
            300_000, BadRecordMapper.POISON + " 300000",
            500_000, BadRecordMapper.HALT + " 500000",
            700_000, BadRecordMapper.POISON + " 700000"));
    static final long SPLIT = 1_500_000;
    static final String INPUT = "dfs:/in/skip.txt";

    @TempDir
    static Path tmp;

    static Cluster cluster;
    static Path jar;
    /** The lines {@code _skipped} must hold: {@code <input>:<offset>\t<line>}, one per bad record. */
    static final TreeSet<String> expectedSkipped = new TreeSet<>();
    static long haltOffset = -1;
    /** The local runner's output over the input without the bad records. */
    static Path localOut;

    @BeforeAll
    static void prepare() throws Exception {
        jar = TestJobs.jar(tmp);
        Path all = tmp.resolve("skip.txt");
        Path clean = tmp.resolve("clean.txt");
        Random r = new Random(11);
        long offset = 0;
        TreeSet<Long> mapsWithBadRecords = new TreeSet<>();
        try (BufferedWriter a = Files.newBufferedWriter(all, StandardCharsets.UTF_8);
             BufferedWriter c = Files.newBufferedWriter(clean, StandardCharsets.UTF_8)) {
            for (int i = 0; i < LINES; i++) {
                String bad = BAD.get(i);
                String line = bad != null ? bad : "w" + r.nextInt(1000) + " w" + r.nextInt(1000);
                if (bad != null) {
                    expectedSkipped.add(INPUT + ":" + offset + "\t" + line);
                    mapsWithBadRecords.add(offset / SPLIT);
                    if (line.startsWith(BadRecordMapper.HALT)) haltOffset = offset;
                } else {
                    c.write(line);
                    c.write('\n');
                }
                a.write(line);
                a.write('\n');
                offset += line.getBytes(StandardCharsets.UTF_8).length + 1;
            }
        }
        assertEquals(4, mapsWithBadRecords.size(), "the test's input must put each bad record into a map of its own: maps " + mapsWithBadRecords);
        assertTrue(mapsWithBadRecords.last() < offset / SPLIT - 1, "no bad record in the last split, which may be longer than the others");

        cluster = Cluster.start(tmp.resolve("cluster"), 2);
        cluster.ok("mr-dfs", "put", all.toString(), "dfs:/in/");
        localOut = tmp.resolve("local");
        cluster.ok("mr-submit", "--local", "--jar", jar.toString(), "--mapper", TestJobs.PKG + "BadRecordMapper",
                "--reducer", TestJobs.PKG + "SlowSumReducer", "--reducers", "2", "--input", clean.toString(), "--output", localOut.toString());
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) cluster.close();
    }

    /** The skip-mode job over the input, with the halting record armed, 2 reducers and maps of {@link #SPLIT} bytes. */
    private static Cluster.Result submit(String output, int maxSkipped) throws Exception {
        return cluster.script("mr-submit", "--wait", "--jar", jar.toString(), "--mapper", TestJobs.PKG + "BadRecordMapper",
                "--reducer", TestJobs.PKG + "SlowSumReducer", "--reducers", "2", "--input", INPUT, "--output", output,
                "-D", "mr.skip.map.records.max=" + maxSkipped, "-D", "mr.worker.max.failures=100", "-D", "test.halt=true",
                "-D", "mr.input.split.size=" + SPLIT, "-D", "mr.speculation=false");
    }

    /** Names in a dfs directory, as mr-dfs ls shows them. */
    private static List<String> ls(String dir) throws Exception {
        List<String> names = new ArrayList<>();
        for (String l : cluster.ok("mr-dfs", "ls", dir).out().split("\n")) {
            if (l.isBlank() || l.startsWith("Found ")) continue;
            String path = l.substring(l.lastIndexOf(' ') + 1);
            names.add(path.substring(path.lastIndexOf('/') + 1));
        }
        names.sort(null);
        return names;
    }

    @Test
    @Order(1)
    void withALimitOfTenTheFourBadRecordsAreSkippedAndTheRestMatchesTheLocalRunner() throws Exception {
        Cluster.Result r = submit("dfs:/out/skip-10", 10);
        assertEquals(0, r.status(), "mr-submit --wait of the job with mr.skip.map.records.max=10 must succeed: " + r);
        String id = cluster.latestJobId();
        JsonNode job = cluster.job(id);
        assertEquals("SUCCEEDED", job.get("state").asText(), job.toString());
        int maps = job.get("maps").asInt();
        assertTrue(maps >= 5 && maps <= 8, "expected 6 maps of " + SPLIT + " bytes, got " + maps);
        assertEquals(4, job.get("counters").path("Framework").path("SKIPPED_RECORDS").asLong(-1),
                "Framework.SKIPPED_RECORDS of the job: " + job.get("counters"));

        assertEquals(List.of("_SUCCESS", "_skipped", "part-r-00000", "part-r-00001"), ls("dfs:/out/skip-10"),
                "the job's output directory");
        for (String f : ls("dfs:/out/skip-10/_skipped")) assertTrue(f.matches("part-m-\\d{5}"), "a file in _skipped: " + f);
        TreeSet<String> skipped = new TreeSet<>();
        List<String> lines = cluster.ok("mr-dfs", "cat", "dfs:/out/skip-10/_skipped").out().lines().toList();
        skipped.addAll(lines);
        assertEquals(4, lines.size(), "lines in _skipped (no record twice): " + lines);
        assertEquals(expectedSkipped, skipped, "the lines of _skipped");

        Path got = tmp.resolve("skip-10");
        cluster.ok("mr-dfs", "get", "dfs:/out/skip-10", got.toString());
        List<String> names = PartFiles.of(localOut).stream().map(p -> p.getFileName().toString()).toList();
        assertEquals(List.of("part-r-00000", "part-r-00001"), names, "the local runner's part files");
        assertEquals(names, PartFiles.of(got).stream().map(p -> p.getFileName().toString()).toList(), "the job's part files");
        for (String n : names) {
            assertArrayEquals(Files.readAllBytes(localOut.resolve(n)), Files.readAllBytes(got.resolve(n)),
                    n + " differs from the local runner's over the input without the bad records");
        }

        String halting = String.format("_m_%06d", haltOffset / SPLIT);
        JsonNode task = null;
        for (JsonNode t : cluster.get("/api/v1/jobs/" + id + "/tasks?type=map&limit=1000").get("items")) {
            if (t.get("taskId").asText().endsWith(halting)) task = t;
        }
        assertTrue(task != null, "no map task ending in " + halting + " in job " + id);
        boolean died = false;
        for (JsonNode a : task.get("attempts")) {
            died |= a.path("error").asText().startsWith("executor exited with code 7 while running " + a.get("attemptId").asText());
        }
        assertTrue(died, "expected an attempt of the halting map to fail with 'executor exited with code 7 while running <attempt>': " + task);
    }

    @Test
    @Order(2)
    void withALimitOfTwoTheJobFailsNamingTheLimitAndLeavesNoOutput() throws Exception {
        Cluster.Result r = submit("dfs:/out/skip-2", 2);
        assertEquals(1, r.status(), "mr-submit --wait of the job with mr.skip.map.records.max=2 must fail: " + r);
        String id = cluster.latestJobId();
        JsonNode job = cluster.job(id);
        assertEquals("FAILED", job.get("state").asText(), job.toString());
        String diagnostics = job.get("diagnostics").asText();
        // the job fails as soon as a third record is skipped; a fourth may be reported with it
        Matcher m = Pattern.compile("([34]) input records were skipped, more than mr\\.skip\\.map\\.records\\.max=2 allows").matcher(diagnostics);
        assertTrue(m.matches(), "expected '<3 or 4> input records were skipped, more than mr.skip.map.records.max=2 allows', got: " + diagnostics);
        assertTrue(r.err().contains(diagnostics), "mr-submit prints the job's diagnostics: " + r);
        // the abort runs after the job's end is visible: wait for it, bounded
        await(Duration.ofSeconds(15), "dfs:/out/skip-2 removed after the job failed", () -> {
            try {
                return List.of("skip-10").equals(ls("dfs:/out"));
            } catch (Exception e) {
                return false;
            }
        });
    }
}
