package dev.mr.master;

import static dev.mr.api.testing.Await.awaitValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.api.ConfKeys;
import dev.mr.api.Configuration;
import dev.mr.api.Job;
import dev.mr.master.jobs.FileRoots;
import dev.mr.master.scheduler.JobSettings;
import dev.mr.master.scheduler.SchedulerSettings;
import dev.mr.master.testjob.CountReducer;
import dev.mr.master.testjob.SlowMapper;
import dev.mr.protocol.JobView;
import dev.mr.protocol.SubmitResponse;
import dev.mr.protocol.TaskView;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A master restart in the middle of a job loses no work: the job goes on under the new master
 * and succeeds with the local runner's output byte for byte, maps that finished before the
 * restart are not run again (their winning attempt is the one from before), attempts the workers
 * kept running through the restart are taken on rather than run again (their tasks are held for
 * their worker until it registers again), and the job's counters are whole.
 */
class ResumeTest {

    static final int MAPS = 8;
    static final int LINES_PER_MAP = 10;

    @TempDir
    Path tmp;

    @Test
    void aJobRunningWhenTheMasterRestartsSucceedsWithoutRunningFinishedMapsAgain() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        StringBuilder in = new StringBuilder();
        for (int m = 0; m < MAPS; m++) {
            for (int i = 0; i < LINES_PER_MAP; i++) in.append(String.format("line-%03d-%d%n", (m * 7 + i * 3) % 40, i % 4));
        }
        Path input = Files.writeString(data.resolve("in.txt"), in, StandardCharsets.UTF_8);
        long splitSize = Files.size(input) / MAPS;
        Configuration conf = TestCluster.fastConf().set(FileRoots.SETTING, data.toString())
                .setLong(SchedulerSettings.WORKER_EXPIRY_MS, 30_000);
        try (LocalCluster cluster = LocalCluster.start(tmp.resolve("cluster"), conf, 2, 2)) {
            Map<String, String> job = new HashMap<>(Api.jobConf("file:" + input, "file:" + data.resolve("out"), 2));
            job.put(ConfKeys.MAPPER, SlowMapper.class.getName());
            job.put(ConfKeys.SPLIT_SIZE, Long.toString(splitSize));
            job.put(ConfKeys.EXECUTOR, "thread");
            // a backup of a map slowed by a loaded machine may rightly win over the attempt taken on
            // (attempt _1000), which is not what this test checks: no backups
            job.put(JobSettings.SPECULATION, "false");
            Api.Reply r = cluster.api.submit(TestJars.of(SlowMapper.class, CountReducer.class), Api.spec(job));
            assertEquals(201, r.status(), r.text());
            String id = r.as(SubmitResponse.class).jobId();
            JobView before = cluster.api.awaitJob(id, 60_000, v -> v.completedMaps() >= 2);
            assertTrue(before.completedMaps() < MAPS, "the restart must come mid-job: " + before);
            Map<String, String> winnersBefore = winners(cluster, id);
            Map<String, String> runningBefore = runningOnWorkers(cluster, id);

            cluster.restartMaster();

            JobView after = cluster.api.awaitJob(id, 120_000, v -> v.finishTime() >= 0);
            assertEquals("SUCCEEDED", after.state(), after.diagnostics());
            assertEquals(MAPS, after.maps());
            assertEquals((long) MAPS * LINES_PER_MAP, after.counters().get("Framework").get("MAP_INPUT_RECORDS"),
                    "every map's counters count once: " + after.counters());
            Map<String, String> winnersAfter = winners(cluster, id);
            for (Map.Entry<String, String> w : winnersBefore.entrySet()) {
                assertEquals(w.getValue(), winnersAfter.get(w.getKey()), "map " + w.getKey() + " finished before the restart: not run again");
            }
            for (Map.Entry<String, String> run : runningBefore.entrySet()) {
                assertEquals(run.getValue(), winnersAfter.get(run.getKey()), "map " + run.getKey() + " ran through the restart: taken on, "
                        + "not run again");
            }

            Path local = tmp.resolve("local-out");
            Job oracle = Job.create().set(ConfKeys.FRAMEWORK, "local").mapper(SlowMapper.class).reducer(CountReducer.class)
                    .reducers(2).input(input.toString()).output(local.toString());
            assertTrue(oracle.waitForCompletion(false));
            for (String part : List.of("part-r-00000", "part-r-00001")) {
                assertArrayEquals(Files.readAllBytes(local.resolve(part)), Files.readAllBytes(data.resolve("out").resolve(part)), part);
            }
        }
    }

    /**
     * Per map task, its RUNNING attempt that its worker has reported running (SlowMapper sets a
     * status on every line). An attempt launched in a heartbeat whose answer the restart cut off
     * shows RUNNING too, but its worker never started it, and it is rightly run again. Waits until
     * there is at least one such attempt.
     */
    private static Map<String, String> runningOnWorkers(LocalCluster cluster, String jobId) throws Exception {
        return awaitValue(Duration.ofSeconds(60), "a map attempt to report running", () -> {
            Map<String, String> out = new TreeMap<>();
            for (TaskView t : cluster.api.tasks(jobId, "?type=map").items()) {
                t.attempts().stream().filter(a -> a.state().equals("RUNNING") && a.statusMessage() != null)
                        .forEach(a -> out.put(t.taskId(), a.attemptId()));
            }
            return out.isEmpty() ? null : out;
        });
    }

    /** Each succeeded map task's winning attempt. */
    private static Map<String, String> winners(LocalCluster cluster, String jobId) throws Exception {
        return attempts(cluster, jobId, "SUCCEEDED");
    }

    /** Per map task, its attempt in {@code state} (the last one, if several). */
    private static Map<String, String> attempts(LocalCluster cluster, String jobId, String state) throws Exception {
        Map<String, String> out = new TreeMap<>();
        for (TaskView t : cluster.api.tasks(jobId, "?type=map").items()) {
            t.attempts().stream().filter(a -> a.state().equals(state)).forEach(a -> out.put(t.taskId(), a.attemptId()));
        }
        return out;
    }
}
