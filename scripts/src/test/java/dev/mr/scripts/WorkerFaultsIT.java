package dev.mr.scripts;

import static dev.mr.api.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failure is normal: a worker killed with SIGKILL while maps run, another killed after its
 * maps finished but before every reducer fetched, a worker frozen past its expiry and then
 * resumed, a mapper that always throws on one record. Real processes, real signals; the
 * output must still equal the local runner's, exactly once per task, or the job must fail
 * cleanly with the user's error.
 */
class WorkerFaultsIT {

    @TempDir
    static Path tmp;

    static Path jar;
    static Path text;

    @BeforeAll
    static void prepare() throws Exception {
        jar = TestJobs.jar(tmp);
        Random r = new Random(3);
        StringBuilder sb = new StringBuilder();
        while (sb.length() < 8_000_000) {
            for (int i = 0; i < 8; i++) sb.append(i == 0 ? "" : " ").append("w").append(r.nextInt(5000));
            sb.append('\n');
        }
        text = Files.writeString(tmp.resolve("text.txt"), sb.toString());
    }

    private static String[] slowWordCount(Path jar, String in, String out, String... settings) {
        List<String> cmd = new ArrayList<>(List.of("mr-submit", "--wait", "--name", "slow wordcount", "--jar", jar.toString(),
                "--mapper", TestJobs.PKG + "SlowTokenMapper", "--combiner", TestJobs.PKG + "SlowSumReducer",
                "--reducer", TestJobs.PKG + "SlowSumReducer", "--reducers", "6", "--input", in, "--output", out,
                "-D", "mr.speculation=false"));
        for (String s : settings) cmd.addAll(List.of("-D", s));
        return cmd.toArray(String[]::new);
    }

    private static List<String> localWordCount(Cluster c, String name) throws Exception {
        Path out = tmp.resolve(name);
        c.ok("mr-submit", "--local", "--jar", jar.toString(), "--mapper", TestJobs.PKG + "SlowTokenMapper",
                "--reducer", TestJobs.PKG + "SlowSumReducer", "--reducers", "2", "--input", text.toString(), "--output", out.toString(),
                "-D", "test.map.sleep.ms=0");
        List<String> lines = new ArrayList<>();
        try (Stream<Path> s = Files.list(out)) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith("part-")).toList()) lines.addAll(Files.readAllLines(p));
        }
        lines.sort(null);
        return lines;
    }

    private static List<String> sorted(String text) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n")));
        lines.removeIf(String::isEmpty);
        lines.sort(null);
        return lines;
    }

    private static int attempts(JsonNode tasks) {
        int n = 0;
        for (JsonNode t : tasks.get("items")) n += t.get("attempts").size();
        return n;
    }

    @Test
    void killingWorkersDuringAndAfterTheMapPhaseLosesNothing() throws Exception {
        try (Cluster c = Cluster.start(tmp.resolve("kill"), 3)) {
            c.ok("mr-dfs", "put", text.toString(), "dfs:/in/");
            Cluster.Running job = c.background(slowWordCount(jar, "dfs:/in/text.txt", "dfs:/out",
                    "test.map.sleep.ms=60", "test.reduce.sleep.ms=4000", "mr.reduce.slowstart=1.0"));
            await(Duration.ofSeconds(60), "the job to start", () -> {
                try {
                    return c.latestJobId() != null;
                } catch (Exception e) {
                    return false;
                }
            });
            String id = c.latestJobId();
            await(Duration.ofSeconds(120), "some maps done", () -> {
                JsonNode j = c.job(id);
                return j != null && j.get("completedMaps").asInt() >= 1;
            });
            Cluster.signal(c.workerPid(1), "KILL");
            await(Duration.ofSeconds(180), "every map done", () -> {
                JsonNode j = c.job(id);
                return j != null && j.get("completedMaps").asInt() == j.get("maps").asInt();
            });
            Cluster.signal(c.workerPid(2), "KILL");
            Cluster.Result r = job.finish();
            assertEquals(0, r.status(), r.toString());
            assertEquals(localWordCount(c, "kill-local"), sorted(c.ok("mr-dfs", "cat", "dfs:/out").out()));
            JsonNode maps = c.get("/api/v1/jobs/" + id + "/tasks?type=map&limit=1000");
            assertTrue(attempts(maps) > maps.get("items").size(), "the job's record shows re-executed maps: " + maps);
            JsonNode view = c.job(id);
            assertEquals("SUCCEEDED", view.get("state").asText());
        }
    }

    @Test
    void aFrozenWorkerComingBackIsIgnoredAndEachTaskCommitsOnce() throws Exception {
        try (Cluster c = Cluster.start(tmp.resolve("stop"), 3)) {
            c.ok("mr-dfs", "put", text.toString(), "dfs:/in/");
            Cluster.Running job = c.background(slowWordCount(jar, "dfs:/in/text.txt", "dfs:/out", "test.map.sleep.ms=60"));
            await(Duration.ofSeconds(60), "the job to start", () -> {
                try {
                    String id = c.latestJobId();
                    return id != null && c.job(id).get("completedMaps").asInt() >= 1;
                } catch (Exception e) {
                    return false;
                }
            });
            String id = c.latestJobId();
            long frozen = c.workerPid(1);
            Cluster.signal(frozen, "STOP");
            try {
                await(Duration.ofSeconds(60), "the frozen worker declared dead", () -> {
                    try {
                        for (JsonNode w : c.get("/api/v1/workers")) if (w.get("state").asText().equals("DEAD")) return true;
                        return false;
                    } catch (Exception e) {
                        return false;
                    }
                });
            } finally {
                Cluster.signal(frozen, "CONT");
            }
            Cluster.Result r = job.finish();
            assertEquals(0, r.status(), r.toString());
            assertEquals(localWordCount(c, "stop-local"), sorted(c.ok("mr-dfs", "cat", "dfs:/out").out()));
            for (String type : new String[] {"map", "reduce"}) {
                for (JsonNode t : c.get("/api/v1/jobs/" + id + "/tasks?type=" + type + "&limit=1000").get("items")) {
                    int succeeded = 0;
                    for (JsonNode a : t.get("attempts")) if (a.get("state").asText().equals("SUCCEEDED")) succeeded++;
                    assertEquals(1, succeeded, "exactly one successful attempt of " + t);
                }
            }
            String parts = c.ok("mr-dfs", "ls", "dfs:/out").out();
            assertEquals(6, parts.lines().filter(l -> l.contains("part-r-")).count(), parts);
        }
    }

    @Test
    void aMapperThatThrowsFailsTheJobAfterFourAttemptsWithItsError() throws Exception {
        try (Cluster c = Cluster.start(tmp.resolve("poison"), 2)) {
            Path in = Files.writeString(tmp.resolve("poison.txt"), "fine\nfine too\nthis is poison\nfine\n");
            c.ok("mr-dfs", "put", in.toString(), "dfs:/in/");
            Cluster.Result r = c.script("mr-submit", "--wait", "--jar", jar.toString(), "--mapper", TestJobs.PKG + "PoisonMapper",
                    "--reducer", TestJobs.PKG + "SlowSumReducer", "--input", "dfs:/in/poison.txt", "--output", "dfs:/out");
            assertEquals(1, r.status(), r.toString());
            assertTrue(r.err().contains("java.lang.IllegalStateException: poisoned record at offset 14"), r.toString());
            assertTrue(r.err().contains("FAILED"), r.toString());
            String id = c.latestJobId();
            JsonNode map = c.get("/api/v1/jobs/" + id + "/tasks?type=map").get("items").get(0);
            assertEquals(4, map.get("attempts").size(), map.toString());
            for (JsonNode a : map.get("attempts")) assertTrue(a.get("error").asText().contains("PoisonMapper.map"), a.toString());
            Cluster.Result ls = c.script("mr-dfs", "ls", "dfs:/out");
            assertFalse(ls.out().contains("part-"), "no part files of a failed job: " + ls);
        }
    }
}
