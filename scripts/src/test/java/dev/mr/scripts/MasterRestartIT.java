package dev.mr.scripts;

import static dev.mr.api.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
            await(Duration.ofSeconds(60), "the job running", () -> {
                try {
                    String id = c.latestJobId();
                    return id != null && "RUNNING".equals(c.job(id).get("state").asText());
                } catch (Exception e) {
                    return false;
                }
            });
            String id = c.latestJobId();

            Cluster.signal(c.masterPid(), "KILL");
            await(Duration.ofSeconds(30), "the submitter saying the master is unreachable", () -> {
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

    /**
     * A TeraSort of 8 maps and 4 reduces whose master is killed (-9) in its map phase, and in
     * another run in its reduce phase: after a restart on the same directory the job succeeds with
     * the local runner's output, byte for byte; the maps that had finished before the kill are not
     * run again (their winning attempt is the one from before, numbered below 1000); the
     * submitter exits 0 with the counters. The executors run with {@code -Xint} (no JIT), which
     * slows the real TeraSort enough for the kill to land inside the phase it aims at.
     */
    @Test
    void aTeraSortSurvivesAMasterKilledInItsMapPhaseAndInItsReducePhase() throws Exception {
        Path localIn = tmp.resolve("tera-in-local");
        Path localOut = tmp.resolve("tera-out-local");
        String[] gen = {Cluster.JOBS_JAR.toString(), "dev.mr.jobs.TeraGen", "-D", "teragen.maps=8", "80000"};
        try (Cluster c = Cluster.start(tmp.resolve("tera"), 2, "-D", "mr.worker.expiry.ms=20000")) {
            c.ok(concat(new String[] {"mr-submit"}, gen, new String[] {"dfs:/tera/in"}));
            c.ok(concat(new String[] {"mr-submit", "--local"}, gen, new String[] {localIn.toString()}));
            c.ok("mr-submit", "--local", Cluster.JOBS_JAR.toString(), "dev.mr.jobs.TeraSort", "-D", "mr.reducers=4",
                    localIn.toString(), localOut.toString());
            byte[] expected = PartFiles.bytes(localOut);

            killDuring(c, "map", "dfs:/tera/out-map", expected,
                    v -> v.get("completedMaps").asInt() >= 2 && v.get("completedMaps").asInt() < v.get("maps").asInt());
            killDuring(c, "reduce", "dfs:/tera/out-reduce", expected,
                    v -> v.get("completedMaps").asInt() == v.get("maps").asInt() && v.get("completedReduces").asInt() < 4);
        }
    }

    private void killDuring(Cluster c, String phase, String output, byte[] expected, java.util.function.Predicate<JsonNode> inPhase)
            throws Exception {
        Cluster.Running submit = c.background("mr-submit", "--wait", Cluster.JOBS_JAR.toString(), "dev.mr.jobs.TeraSort",
                "-D", "mr.reducers=4", "-D", "mr.executor.java.opts=-Xint", "-D", "mr.speculation=false", "dfs:/tera/in", output);
        String[] id = new String[1];
        await(Duration.ofSeconds(120), "TeraSort in its " + phase + " phase", () -> {
            try {
                id[0] = c.latestJobId();
                JsonNode v = id[0] == null ? null : c.job(id[0]);
                return v != null && v.get("output").asText().endsWith(output.substring(4)) && inPhase.test(v);
            } catch (Exception e) {
                return false;
            }
        });
        Map<String, String> before = mapWinners(c, id[0]);
        assertTrue(!before.isEmpty(), "maps had finished before the kill");

        Cluster.signal(c.masterPid(), "KILL");
        c.ok("mr-cluster", "restart-master", "--dir", c.dir.toString());

        Cluster.Result done = submit.finish();
        System.out.println("TeraSort with the master killed in its " + phase + " phase: " + done);
        assertEquals(0, done.status(), done.toString());
        assertTrue(done.err().contains("job " + id[0] + " SUCCEEDED in "), done.toString());
        assertTrue(done.err().contains("MAP_INPUT_RECORDS=80000"), "the counters, whole: " + done);
        JsonNode view = c.job(id[0]);
        assertEquals(8, view.get("maps").asInt(), view.toString());
        Map<String, String> after = mapWinners(c, id[0]);
        for (Map.Entry<String, String> m : before.entrySet()) {
            assertEquals(m.getValue(), after.get(m.getKey()), "map " + m.getKey() + " finished before the kill; not run again: " + after);
        }
        Path got = tmp.resolve("tera-" + phase + "-got");
        c.ok("mr-dfs", "get", output, got.toString());
        assertTrue(java.util.Arrays.equals(expected, PartFiles.bytes(got)), "TeraSort output equals the local runner's");
    }

    /** Each succeeded map's winning attempt, from the API. */
    private static Map<String, String> mapWinners(Cluster c, String jobId) throws Exception {
        Map<String, String> out = new TreeMap<>();
        for (JsonNode t : c.get("/api/v1/jobs/" + jobId + "/tasks?type=map&limit=1000").get("items")) {
            if (!t.get("state").asText().equals("SUCCEEDED")) continue;
            for (JsonNode a : t.get("attempts")) {
                if (a.get("state").asText().equals("SUCCEEDED")) out.put(t.get("taskId").asText(), a.get("attemptId").asText());
            }
        }
        return out;
    }

    private static String[] concat(String[]... parts) {
        List<String> all = new ArrayList<>();
        for (String[] p : parts) all.addAll(List.of(p));
        return all.toArray(String[]::new);
    }
}
