package dev.mr.scripts;

import static dev.mr.api.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * User code must not be able to take a worker down: each job's tasks run in an executor JVM the
 * worker daemon starts and can kill. On a 3-worker cluster of real processes, through the real
 * scripts, a mapper that calls {@code System.exit}, one that hangs deaf to interrupts, one that
 * runs out of heap and one that leaves a thread running must cost at most their own attempts:
 * the worker daemons are the same processes afterwards, data in dfs and earlier jobs' outputs
 * are intact, the next job succeeds with the local runner's output, and nothing of a job (no
 * process, no directory) outlives it.
 *
 * <p>The tests share one cluster and each checks that its workers are still the same, alive
 * processes, so a worker lost in one would fail the ones after it too: the spinning one, the
 * only one whose executor the worker kills beside live attempts, runs last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExecutorIT {

    @TempDir
    static Path tmp;

    static Cluster cluster;
    static Path jar;
    static Path text;
    static Path localWordCount;
    /** A file in dfs that no job touches. */
    static byte[] kept;
    /** Each worker daemon's pid and start time, as the cluster started them. */
    static final List<Daemon> daemons = new ArrayList<>();

    record Daemon(int index, long pid, Optional<Instant> started) {}

    @BeforeAll
    static void startCluster() throws Exception {
        jar = TestJobs.jar(tmp);
        Random r = new Random(7);
        StringBuilder sb = new StringBuilder();
        while (sb.length() < 600_000) {
            for (int i = 0; i < 8; i++) sb.append(i == 0 ? "" : " ").append("w").append(r.nextInt(3000));
            sb.append('\n');
        }
        text = Files.writeString(tmp.resolve("text.txt"), sb.toString());
        cluster = Cluster.start(tmp.resolve("cluster"), 3);
        for (int i = 1; i <= 3; i++) {
            long pid = cluster.workerPid(i);
            daemons.add(new Daemon(i, pid, ProcessHandle.of(pid).flatMap(h -> h.info().startInstant())));
        }
        kept = new byte[300_000];
        r.nextBytes(kept);
        cluster.ok("mr-dfs", "put", text.toString(), Files.writeString(tmp.resolve("poison.txt"), "fine\nplease exit\nfine too\n").toString(),
                Files.write(tmp.resolve("kept.bin"), kept).toString(), "dfs:/in/");
        localWordCount = local("SlowTokenMapper", "wc-local");
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) cluster.close();
    }

    /** mr-submit --wait of MAPPER (a test job) with the summing reducer, 3 reducers, 3 maps over the text unless INPUT says otherwise. */
    private static String[] submit(String mapper, String input, String output, String... settings) {
        List<String> cmd = new ArrayList<>(List.of("mr-submit", "--wait", "--jar", jar.toString(), "--mapper", TestJobs.PKG + mapper,
                "--reducer", TestJobs.PKG + "SlowSumReducer", "--reducers", "3", "--input", input, "--output", output,
                "-D", "mr.speculation=false", "-D", "mr.input.split.size=200000", "-D", "test.map.sleep.ms=0"));
        for (String s : settings) cmd.addAll(List.of("-D", s));
        return cmd.toArray(String[]::new);
    }

    /** The local runner's output directory for MAPPER over the text. */
    private static Path local(String mapper, String name) throws Exception {
        Path out = tmp.resolve(name);
        cluster.ok("mr-submit", "--local", "--jar", jar.toString(), "--mapper", TestJobs.PKG + mapper, "--reducer", TestJobs.PKG + "SlowSumReducer",
                "--reducers", "3", "--input", text.toString(), "--output", out.toString(), "-D", "test.map.sleep.ms=0");
        return out;
    }

    /** A dfs directory copied to the local disk. */
    private static Path get(String dfsPath, String name) throws Exception {
        Path into = tmp.resolve(name);
        cluster.ok("mr-dfs", "get", dfsPath, into.toString());
        return into;
    }

    /** The same part files, byte for byte. */
    private static void assertSameParts(Path expected, Path actual, String what) throws Exception {
        List<String> names = PartFiles.of(expected).stream().map(p -> p.getFileName().toString()).toList();
        assertEquals(names, PartFiles.of(actual).stream().map(p -> p.getFileName().toString()).toList(), what + ": part files");
        assertTrue(Files.size(expected.resolve(names.get(0))) > 1000, what + ": the expected output is almost empty");
        for (String n : names) {
            assertArrayEquals(Files.readAllBytes(expected.resolve(n)), Files.readAllBytes(actual.resolve(n)), what + ": " + n + " differs");
        }
    }

    /** Every worker daemon is the process the cluster started, and the master counts it alive. */
    private static void assertWorkersUnchanged(String after) throws Exception {
        for (Daemon d : daemons) {
            assertEquals(d.pid(), cluster.workerPid(d.index()), "worker-" + d.index() + "'s pid file after " + after);
            Optional<ProcessHandle> h = ProcessHandle.of(d.pid());
            assertTrue(h.isPresent() && h.get().isAlive(), "worker-" + d.index() + " (pid " + d.pid() + ") is no longer running after " + after);
            assertEquals(d.started(), h.get().info().startInstant(), "worker-" + d.index() + "'s pid " + d.pid() + " is another process after " + after);
        }
        JsonNode workers = cluster.get("/api/v1/workers");
        assertEquals(3, workers.size(), "workers the master knows after " + after + ": " + workers);
        for (JsonNode w : workers) assertEquals("ALIVE", w.get("state").asText(), "a worker after " + after + ": " + w);
    }

    /** Pid and command line of each executor JVM of JOB in this cluster, as ps shows them. */
    private static List<String> executorProcesses(String job) throws Exception {
        Process ps = new ProcessBuilder("ps", "-ww", "-eo", "pid,args").redirectErrorStream(true).start();
        String out = new String(ps.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        ps.waitFor();
        String jobDir = "/worker/jobs/" + job + "/";
        return out.lines().filter(l -> l.contains("dev.mr.worker.executor.ExecutorMain") && l.contains(cluster.dir.toString())
                && l.contains(jobDir)).toList();
    }

    private static String commandLine(long pid) throws Exception {
        Process ps = new ProcessBuilder("ps", "-ww", "-o", "args=", "-p", Long.toString(pid)).redirectErrorStream(true).start();
        String out = new String(ps.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        return ps.waitFor() == 0 ? out : "";
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static String workerLogs() throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= 3; i++) sb.append(Files.readString(cluster.dir.resolve("worker-" + i + ".out"), StandardCharsets.UTF_8));
        return sb.toString();
    }

    private static JsonNode mapTasks(String job) throws Exception {
        return cluster.get("/api/v1/jobs/" + job + "/tasks?type=map&limit=1000").get("items");
    }

    @Test
    @Order(1)
    void aMapperThatExitsFailsItsJobWithTheExitCodeAndLeavesWorkersAndDataAlone() throws Exception {
        Cluster.Result before = cluster.script(submit("SlowTokenMapper", "dfs:/in/text.txt", "dfs:/out/before-exit"));
        assertEquals(0, before.status(), "the word count before: " + before);
        Path earlier = get("dfs:/out/before-exit", "before-exit-1");
        assertSameParts(localWordCount, earlier, "the word count before");

        Cluster.Result r = cluster.script(submit("ExitMapper", "dfs:/in/poison.txt", "dfs:/out/exit", "mr.task.max.attempts=2"));
        assertEquals(1, r.status(), "mr-submit --wait of a job whose mapper exits must fail: " + r);
        assertTrue(r.err().contains("executor exited with code 3"), "mr-submit names the executor's exit: " + r);
        String id = cluster.latestJobId();
        JsonNode job = cluster.job(id);
        assertEquals("FAILED", job.get("state").asText(), job.toString());
        assertTrue(job.get("diagnostics").asText().contains("executor exited with code 3"), "the job's diagnostics: " + job);
        JsonNode attempts = mapTasks(id).get(0).get("attempts");
        assertEquals(2, attempts.size(), "attempts of the exiting map: " + attempts);
        for (JsonNode a : attempts) {
            String expected = "executor exited with code 3 while running " + a.get("attemptId").asText();
            assertTrue(a.get("error").asText().startsWith(expected), "expected an error starting with '" + expected + "', got: " + a);
            assertTrue(a.get("log").asText().contains("ExitMapper: exiting with code 3 at offset 5"), "the log is the executor's last output: " + a);
        }
        assertTrue(Pattern.compile("\\[executor " + id + " pid \\d+] ExitMapper: exiting with code 3 at offset 5").matcher(workerLogs()).find(),
                "a worker's log shows its executor's output, prefixed with the job and pid");

        assertWorkersUnchanged("a mapper exited");
        Path back = Files.createDirectories(tmp.resolve("back"));
        cluster.ok("mr-dfs", "get", "dfs:/in/kept.bin", "dfs:/out/before-exit", back.toString());
        assertArrayEquals(kept, Files.readAllBytes(back.resolve("kept.bin")), "a file put into dfs before reads back the same");
        assertSameParts(earlier, back.resolve("before-exit"), "the earlier job's output, read again");
    }

    @Test
    @Order(2)
    void aMapperOutOfMemoryFailsItsJobWithTheErrorAndTheNextJobRuns() throws Exception {
        Cluster.Result r = cluster.script(submit("HoardMapper", "dfs:/in/poison.txt", "dfs:/out/hoard",
                "mr.executor.memory.mb=256", "mr.task.max.attempts=1"));
        assertEquals(1, r.status(), "mr-submit --wait of a job whose mapper runs out of memory must fail: " + r);
        assertTrue(r.err().contains("OutOfMemoryError"), "mr-submit names the OutOfMemoryError: " + r);
        JsonNode job = cluster.job(cluster.latestJobId());
        String diagnostics = job.get("diagnostics").asText();
        assertTrue(diagnostics.contains("executor ran out of memory: java.lang.OutOfMemoryError: Java heap space (its heap is 256 MiB"),
                "expected the diagnostics to name the OutOfMemoryError and the 256 MiB heap, got: " + job);
        assertWorkersUnchanged("a mapper ran out of memory");

        Cluster.Result next = cluster.script(submit("SlowTokenMapper", "dfs:/in/text.txt", "dfs:/out/after-hoard"));
        assertEquals(0, next.status(), "the next job: " + next);
        assertSameParts(localWordCount, get("dfs:/out/after-hoard", "after-hoard"), "the job after the out-of-memory one");
    }

    @Test
    @Order(3)
    void nothingOfAJobOutlivesItNotEvenAThreadItLeftRunning() throws Exception {
        String previous = cluster.latestJobId();
        Cluster.Running run = cluster.background(submit("LingerMapper", "dfs:/in/text.txt", "dfs:/out/linger", "test.linger.pause.ms=2000"));
        await(Duration.ofSeconds(60), "the job to be submitted", () -> {
            try {
                String id = cluster.latestJobId();
                return id != null && !id.equals(previous);
            } catch (Exception e) {
                return false;
            }
        });
        String id = cluster.latestJobId();

        // while it runs, the workers list its executors: live processes, ExecutorMain on their command line
        Set<Long> pids = new LinkedHashSet<>();
        List<String> problems = new ArrayList<>();
        await(Duration.ofSeconds(60), "the workers to list an executor of " + id, () -> {
            try {
                for (JsonNode w : cluster.get("/api/v1/workers")) {
                    if (w.get("memoryMb").asLong() <= 0) problems.add("memoryMb is not > 0: " + w);
                    for (JsonNode e : w.get("executors")) {
                        if (!e.get("job").asText().equals(id)) continue;
                        long pid = e.get("pid").asLong();
                        if (pids.add(pid)) {
                            String cmd = commandLine(pid);
                            if (!cmd.contains("dev.mr.worker.executor.ExecutorMain")) problems.add("pid " + pid + " of " + e + " runs: '" + cmd + "'");
                        }
                    }
                }
                return !pids.isEmpty();
            } catch (Exception e) {
                return false;
            }
        });
        assertEquals(List.of(), problems, "executors the workers list");

        Cluster.Result r = run.finish();
        assertEquals(0, r.status(), "a job whose mapper leaves a thread running succeeds: " + r);
        long ended = System.nanoTime();
        await(Duration.ofSeconds(10), "no executor of " + id + " left (seen: " + pids + ")", () -> {
            try {
                if (pids.stream().anyMatch(ExecutorIT::alive) || !executorProcesses(id).isEmpty()) return false;
                for (JsonNode w : cluster.get("/api/v1/workers")) {
                    for (JsonNode e : w.get("executors")) if (e.get("job").asText().equals(id)) return false;
                }
                return true;
            } catch (Exception e) {
                return false;
            }
        });
        await(Duration.ofSeconds(10), "the job's directories on the workers gone", () -> {
            for (int i = 1; i <= 3; i++) if (Files.exists(cluster.dir.resolve("worker-" + i + "/worker/jobs/" + id))) return false;
            return true;
        });
        System.out.println("ExecutorIT: executors " + pids + " of " + id + " and its directories were gone "
                + (System.nanoTime() - ended) / 1_000_000 + " ms after mr-submit returned");
        assertSameParts(localWordCount, get("dfs:/out/linger", "linger"), "the lingering job against the local runner");
        assertWorkersUnchanged("a job left a thread running");
    }

    @Test
    @Order(4)
    void aMapperSpinningDeafToInterruptsTimesOutItsExecutorIsKilledAndItsNeighboursRunAgain() throws Exception {
        long timeoutMs = 5000, graceMs = 2000, heartbeatMs = 300;
        // six maps fill the six slots; map 0 spins, the others stay 9 s, past the timeout and the grace, so
        // the spinner's executor holds a neighbour when it is killed (reduces start once the maps are done)
        Cluster.Result r = cluster.script(submit("SpinMapper", "dfs:/in/text.txt", "dfs:/out/spin", "mr.input.split.size=100000",
                "mr.reduce.slowstart=1.0", "test.spin=true", "test.spin.neighbour.ms=9000",
                "mr.task.timeout.ms=" + timeoutMs, "mr.task.kill.grace.ms=" + graceMs));
        String logs = workerLogs();
        assertFalse(logs.contains("has status 'LOST'"), "the master refused a worker's LOST report:\n"
                + logs.lines().filter(l -> l.contains("has status 'LOST'")).findFirst().orElse(""));
        assertEquals(0, r.status(), "the job succeeds once its hung attempt has run again: " + r);
        String id = cluster.latestJobId();
        JsonNode maps = mapTasks(id);
        assertEquals(6, maps.size(), "maps: " + maps);
        String spinner = id + "_m_000000_0";
        String killedFor = "did not stop within " + graceMs + " ms (mr.task.kill.grace.ms) after it was killed";
        int lost = 0;
        for (JsonNode t : maps) {
            assertEquals("SUCCEEDED", t.get("state").asText(), "every map ends SUCCEEDED: " + t);
            for (JsonNode a : t.get("attempts")) {
                String state = a.get("state").asText();
                String error = a.get("error").asText("");
                if (a.get("attemptId").asText().equals(spinner)) {
                    assertEquals("FAILED", state, "the spinning attempt: " + a);
                    String expected = "no progress for 5 s (mr.task.timeout.ms=5000): " + spinner;
                    assertTrue(error.startsWith(expected), "expected an error starting with '" + expected + "', got: " + a);
                    Matcher since = Pattern.compile("SpinMapper: spinning, deaf to interrupts, since (\\d+)").matcher(logs);
                    assertTrue(since.find(), "the spinner's line in a worker's log");
                    long took = a.get("finishTime").asLong() - Long.parseLong(since.group(1));
                    long bound = timeoutMs + graceMs + 10 * heartbeatMs;
                    assertTrue(took >= timeoutMs && took <= bound, "the spinning attempt failed " + took + " ms after it began to spin; expected "
                            + timeoutMs + " to " + bound + " ms");
                    System.out.println("ExecutorIT: the spinning attempt failed " + took + " ms after it began to spin");
                } else {
                    assertFalse(state.equals("FAILED"), "only the spinning attempt fails: " + a);
                    if (error.contains(killedFor)) lost++;
                }
            }
        }
        assertTrue(logs.contains(spinner + " did not stop within " + graceMs + " ms of its kill: killing its executor"),
                "the worker killed the executor of the attempt that ignored its kill");
        System.out.println("ExecutorIT: " + lost + " attempts beside the spinner were lost and ran again");
        assertSameParts(local("SpinMapper", "spin-local"), get("dfs:/out/spin", "spin"), "the spinning job against the local runner");
        assertWorkersUnchanged("an attempt spun");
    }
}
