package dev.mr.master;

import static dev.mr.api.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.api.ConfKeys;
import dev.mr.api.Configuration;
import dev.mr.api.Job;
import dev.mr.master.jobs.FileRoots;
import dev.mr.master.testjob.CountReducer;
import dev.mr.master.testjob.PoisonLineMapper;
import dev.mr.protocol.JobView;
import dev.mr.protocol.TaskView;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Skip mode end to end, on a real master and workers (tasks on the workers' threads,
 * {@code mr.executor=thread}): a job whose mapper throws on three of 100,000 lines, spread over
 * three maps, succeeds with {@code mr.skip.map.records.max=10}; its {@code _skipped} directory
 * holds exactly those three records, named by file and offset, {@code SKIPPED_RECORDS} is 3, and
 * its output is byte for byte the local runner's over the input without them. With a limit of 2
 * the job fails naming the setting; without the setting it fails as before, on the task's attempts.
 */
class SkipBadRecordsClusterTest {

    static final int LINES = 100_000;
    static final int[] POISONED = {10_000, 50_000, 90_000};

    @TempDir
    static Path tmp;
    static LocalCluster cluster;
    static Path allowed;
    static Path input;
    static Path clean;
    /** Offsets of the poisoned lines, computed as the input is written. */
    static final List<Long> poisonOffsets = new ArrayList<>();
    static byte[] jar;

    @BeforeAll
    static void start() throws Exception {
        allowed = Files.createDirectories(tmp.resolve("data"));
        StringBuilder all = new StringBuilder();
        StringBuilder withoutPoison = new StringBuilder();
        long offset = 0;
        for (int i = 0; i < LINES; i++) {
            boolean poisoned = i == POISONED[0] || i == POISONED[1] || i == POISONED[2];
            String line = poisoned ? PoisonLineMapper.POISON + " line " + i : "w" + (i % 3_000);
            if (poisoned) poisonOffsets.add(offset);
            else withoutPoison.append(line).append('\n');
            all.append(line).append('\n');
            offset += line.getBytes(StandardCharsets.UTF_8).length + 1;
        }
        input = Files.writeString(allowed.resolve("in.txt"), all, StandardCharsets.UTF_8);
        clean = Files.writeString(tmp.resolve("clean.txt"), withoutPoison, StandardCharsets.UTF_8);
        jar = TestJars.of(PoisonLineMapper.class, CountReducer.class);
        Configuration conf = TestCluster.fastConf().set(FileRoots.SETTING, allowed.toString());
        cluster = LocalCluster.start(tmp.resolve("cluster"), conf, 2, 2);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) cluster.close();
    }

    /** A job over the poisoned input: three maps of about 200 KB, each with one poisoned line; two reduces. */
    private static Map<String, String> job(String output) {
        Map<String, String> conf = new HashMap<>(Api.jobConf("file:" + input, "file:" + allowed.resolve(output), 2));
        conf.put(ConfKeys.MAPPER, PoisonLineMapper.class.getName());
        conf.put(ConfKeys.SPLIT_SIZE, Long.toString(220_000));
        conf.put(ConfKeys.EXECUTOR, "thread");
        conf.put("mr.worker.max.failures", "100");
        return conf;
    }

    private static JobView run(Map<String, String> conf) throws Exception {
        Api.Reply r = cluster.api.submit(jar, Api.spec(conf));
        assertEquals(201, r.status(), r.text());
        String id = r.as(dev.mr.protocol.SubmitResponse.class).jobId();
        return cluster.api.awaitJob(id, 120_000, v -> v.finishTime() >= 0);
    }

    @Test
    void withALimitOfTenTheJobSkipsTheThreeBadRecordsAndOtherwiseMatchesTheLocalRunner() throws Exception {
        Map<String, String> conf = job("out-10");
        conf.put(ConfKeys.SKIP_MAP_RECORDS_MAX, "10");
        JobView job = run(conf);
        assertEquals("SUCCEEDED", job.state(), job.diagnostics());
        assertEquals(3, job.maps(), "one poisoned line in each map");
        assertEquals(3L, job.counters().get("Framework").get("SKIPPED_RECORDS"));

        Path out = allowed.resolve("out-10");
        TreeSet<String> skipped = new TreeSet<>();
        try (Stream<Path> files = Files.list(out.resolve("_skipped"))) {
            for (Path f : files.toList()) {
                assertTrue(f.getFileName().toString().startsWith("part-m-"), f.toString());
                skipped.addAll(Files.readAllLines(f));
            }
        }
        TreeSet<String> expected = new TreeSet<>();
        for (int i = 0; i < POISONED.length; i++) {
            expected.add("file:" + input + ":" + poisonOffsets.get(i) + "\t" + PoisonLineMapper.POISON + " line " + POISONED[i]);
        }
        assertEquals(expected, skipped);

        Path local = tmp.resolve("local-out");
        Job oracle = Job.create().set(ConfKeys.FRAMEWORK, "local").mapper(PoisonLineMapper.class).reducer(CountReducer.class)
                .reducers(2).input(clean.toString()).output(local.toString());
        assertTrue(oracle.waitForCompletion(false));
        for (String part : List.of("part-r-00000", "part-r-00001")) {
            assertArrayEquals(Files.readAllBytes(local.resolve(part)), Files.readAllBytes(out.resolve(part)), part);
        }
        try (Stream<Path> names = Files.list(out)) {
            assertEquals(List.of("_SUCCESS", "_skipped", "part-r-00000", "part-r-00001"),
                    names.map(p -> p.getFileName().toString()).sorted().toList(), "nothing else in the output changes");
        }
    }

    @Test
    void inExecutorsARecordThatTakesItsJvmDownIsSkippedTooAndOnlyItsTaskPaysForIt() throws Exception {
        // the same input with one more bad record, a line that halts the executor
        List<String> lines = Files.readAllLines(input, StandardCharsets.UTF_8);
        long haltOffset = 0;
        for (int i = 0; i < 70_000; i++) haltOffset += lines.get(i).getBytes(StandardCharsets.UTF_8).length + 1;
        String haltLine = PoisonLineMapper.HALT + " line 70000";
        lines.set(70_000, haltLine);
        Path halted = Files.write(allowed.resolve("in-halt.txt"), lines, StandardCharsets.UTF_8);
        List<String> cleanLines = new ArrayList<>(Files.readAllLines(clean, StandardCharsets.UTF_8));
        cleanLines.remove("w" + (70_000 % 3_000)); // one occurrence: the line the halting one replaced
        Path clean2 = Files.write(tmp.resolve("clean-halt.txt"), cleanLines, StandardCharsets.UTF_8);

        Map<String, String> conf = job("out-halt");
        conf.put(ConfKeys.INPUT_PATHS, "file:" + halted);
        conf.put(ConfKeys.EXECUTOR, "process");
        conf.put(ConfKeys.SKIP_MAP_RECORDS_MAX, "10");
        JobView job = run(conf);
        assertEquals("SUCCEEDED", job.state(), job.diagnostics());
        assertEquals(4L, job.counters().get("Framework").get("SKIPPED_RECORDS"));
        Path out = allowed.resolve("out-halt");
        TreeSet<String> skipped = new TreeSet<>();
        try (Stream<Path> files = Files.list(out.resolve("_skipped"))) {
            for (Path f : files.toList()) skipped.addAll(Files.readAllLines(f));
        }
        TreeSet<String> expected = new TreeSet<>();
        long offset = 0;
        for (String line : lines) {
            if (line.startsWith(PoisonLineMapper.POISON) || line.startsWith(PoisonLineMapper.HALT)) {
                expected.add("file:" + halted + ":" + offset + "\t" + line);
            }
            offset += line.getBytes(StandardCharsets.UTF_8).length + 1;
        }
        assertEquals(4, expected.size());
        assertEquals(expected, skipped);

        Path local = tmp.resolve("local-out-halt");
        Job oracle = Job.create().set(ConfKeys.FRAMEWORK, "local").mapper(PoisonLineMapper.class).reducer(CountReducer.class)
                .reducers(2).input(clean2.toString()).output(local.toString());
        assertTrue(oracle.waitForCompletion(false));
        for (String part : List.of("part-r-00000", "part-r-00001")) {
            assertArrayEquals(Files.readAllBytes(local.resolve(part)), Files.readAllBytes(out.resolve(part)), part);
        }
        String halting = String.format("_m_%06d", haltOffset / 220_000); // the split size the job sets
        TaskView map = cluster.api.tasks(job.jobId(), "?type=map").items().stream()
                .filter(t -> t.taskId().endsWith(halting)).findFirst().orElseThrow();
        assertTrue(map.attempts().stream().anyMatch(a -> a.error() != null && a.error().startsWith("executor exited with code 7")),
                "the halting map's attempts died with their executor: " + map);
    }

    @Test
    void withALimitOfTwoTheJobFailsNamingTheLimitAndLeavesNoOutput() throws Exception {
        Map<String, String> conf = job("out-2");
        conf.put(ConfKeys.SKIP_MAP_RECORDS_MAX, "2");
        JobView job = run(conf);
        assertEquals("FAILED", job.state());
        assertEquals("3 input records were skipped, more than mr.skip.map.records.max=2 allows", job.diagnostics());
        awaitGone(allowed.resolve("out-2"));
    }

    @Test
    void withoutTheSettingTheJobFailsOnTheTasksAttemptsAsBefore() throws Exception {
        JobView job = run(job("out-off"));
        assertEquals("FAILED", job.state());
        assertTrue(job.diagnostics().matches("(?s)task job_\\d+_m_00000\\d failed 4 times; last error: java.lang.IllegalArgumentException: "
                + "malformed record at offset \\d+: POISON line .*"), job.diagnostics());
        awaitGone(allowed.resolve("out-off"));
        assertFalse(Files.exists(allowed.resolve("out-off").resolve("_skipped")));
    }

    /** The abort runs after the job's end is visible: wait for it (bounded), as FailureAndKillTest does. */
    private static void awaitGone(Path out) throws InterruptedException {
        await(Duration.ofSeconds(10), out + " to go after the job failed", () -> !Files.exists(out));
    }
}
