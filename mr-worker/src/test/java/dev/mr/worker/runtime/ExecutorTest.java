package dev.mr.worker.runtime;

import static dev.mr.api.testing.Await.await;
import static dev.mr.worker.runtime.WorkerLifecycleTest.answer;
import static dev.mr.worker.runtime.WorkerLifecycleTest.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.api.ConfKeys;
import dev.mr.api.Configuration;
import dev.mr.api.TaskCounter;
import dev.mr.api.spi.AttemptId;
import dev.mr.api.spi.EncodedSplit;
import dev.mr.api.spi.JobSplits;
import dev.mr.api.spi.JobDefinition;
import dev.mr.api.spi.TaskId;
import dev.mr.protocol.Assignment;
import dev.mr.protocol.AttemptReport;
import dev.mr.protocol.ExecutorView;
import dev.mr.protocol.HeartbeatRequest;
import dev.mr.protocol.HeartbeatResponse;
import dev.mr.protocol.WorkerLoad;
import dev.mr.security.Credentials;
import dev.mr.worker.shuffle.MapOutputRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * User code must not be able to take a worker down, nor hold a slot forever: each job's tasks run
 * in an executor JVM the worker starts and can kill. An executor that exits, runs out of memory or
 * is killed fails the attempts in it with the cause (not the worker); a hung attempt times out; a
 * kill that is not obeyed costs the executor, and its other attempts are LOST, not failed; and
 * when the job ends nothing of it is left: no process, no file. A scripted master drives one
 * real worker runtime; the executors are real child JVMs.
 */
class ExecutorTest {

    /** How long a condition of these tests may take to come true: an executor JVM starts and stops. */
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    FakeMaster master;
    WorkerDirs dirs;
    Worker worker;
    Path input;
    final MapOutputRegistry outputs = new MapOutputRegistry();

    @BeforeEach
    void setUp() throws Exception {
        master = new FakeMaster();
        StringBuilder text = new StringBuilder("poison\n");
        for (int i = 0; i < 400; i++) text.append("the quick brown fox ").append(i % 7).append(" jumps over the lazy dog\n");
        input = Files.writeString(dir.resolve("input.txt"), text);
        dirs = new WorkerDirs(dir.resolve("w"));
        dirs.prepare();
        Configuration settings = new Configuration().setLong(WorkerSettings.HEARTBEAT_MS, 30).setLong(WorkerSettings.REGISTER_RETRY_MS, 20);
        worker = new Worker(WorkerSettings.from(master.url(), 2, settings, 256), dirs, "worker-x", new Advertised("127.0.0.1", 7999),
                outputs, () -> new WorkerLoad(0, 0, 0), Credentials.none());
        worker.start();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (worker != null) worker.close();
        master.close();
        if (dirs != null) dirs.release();
    }

    /** Puts a word-count job over the input on the master, with {@code extra} settings; returns its splits. */
    List<String> job(String jobId, int maps, Map<String, String> extra) throws Exception {
        Map<String, String> conf = new HashMap<>();
        conf.put(ConfKeys.MAPPER, TestJob.WordMapper.class.getName());
        conf.put(ConfKeys.REDUCER, TestJob.SumReducer.class.getName());
        conf.put(ConfKeys.REDUCERS, "1");
        conf.put(ConfKeys.INPUT_PATHS, input.toString());
        conf.put(ConfKeys.OUTPUT_PATH, dir.resolve("out-" + jobId).toString());
        conf.put(ConfKeys.SPLIT_SIZE, String.valueOf(Files.size(input) / maps + 1));
        conf.putAll(extra);
        List<String> splits = new ArrayList<>();
        for (EncodedSplit s : JobSplits.compute(JobDefinition.load(new Configuration(conf), getClass().getClassLoader()))) splits.add(s.split());
        assertEquals(maps, splits.size());
        master.addJob(jobId, conf, TestJob.jar());
        return splits;
    }

    static Assignment assign(AttemptId a, List<String> splits) {
        return new Assignment(a.toString(), splits.get(a.task().index()), null, splits.size(), 1, false, false);
    }

    static AttemptId map(String job, int m, int attempt) {
        return TaskId.map(job, m).attempt(attempt);
    }

    /** The first report of {@code a} with {@code status}. */
    AttemptReport awaitReport(AttemptId a, String status) throws InterruptedException {
        return master.awaitStatus(status, List.of(a.toString())).get(a.toString());
    }

    HeartbeatRequest awaitHeartbeat(java.util.function.Predicate<HeartbeatRequest> p) throws InterruptedException {
        return master.awaitHeartbeat(p);
    }

    ExecutorView awaitExecutor(String job) throws InterruptedException {
        HeartbeatRequest h = awaitHeartbeat(b -> b.executors().stream().anyMatch(e -> e.job().equals(job)));
        return h.executors().stream().filter(e -> e.job().equals(job)).findFirst().orElseThrow();
    }

    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    @Test
    void anExecutorThatExitsFailsItsAttemptWithTheExitCodeAndTheWorkerGoesOn() throws Exception {
        List<String> splits = job("job_0001", 1, Map.of(TestJob.EXIT_ON, "poison"));
        AttemptId first = map("job_0001", 0, 0);
        master.script.add(answer(List.of(assign(first, splits)), List.of()));
        AttemptReport failed = awaitReport(first, AttemptReport.FAILED);
        assertTrue(failed.error().startsWith("executor exited with code 3 while running " + first), failed.error());
        assertTrue(failed.log().contains("exiting on 'poison'"), "the executor's last output: " + failed.log());

        // the next attempt gets a fresh executor; another job on the same worker is untouched
        List<String> other = job("job_0002", 1, Map.of());
        AttemptId fine = map("job_0002", 0, 0);
        master.script.add(answer(List.of(assign(fine, other)), List.of()));
        AttemptReport finished = awaitReport(fine, AttemptReport.FINISHED);
        assertEquals(400 * 10, finished.counters().get(TaskCounter.GROUP).get(TaskCounter.MAP_OUTPUT_RECORDS.name()) - 1);
        assertTrue(outputs.get(fine) != null && Files.exists(outputs.get(fine).data()), "its map output is served by the daemon");
    }

    @Test
    void anExecutorOutOfMemoryNamesTheErrorAndItsHeap() throws Exception {
        List<String> splits = job("job_0001", 1, Map.of(TestJob.HOARD_ON, "poison", ConfKeys.EXECUTOR_MEMORY_MB, "64"));
        AttemptId a = map("job_0001", 0, 0);
        master.script.add(answer(List.of(assign(a, splits)), List.of()));
        AttemptReport failed = awaitReport(a, AttemptReport.FAILED);
        assertTrue(failed.error().startsWith("executor ran out of memory: java.lang.OutOfMemoryError"), failed.error());
        assertTrue(failed.error().contains("its heap is 64 MiB"), failed.error());
    }

    @Test
    void aHungAttemptTimesOutItsUnheedingExecutorIsKilledAndItsNeighbourIsLostNotFailed() throws Exception {
        // map 0 spins on its first line, deaf to interrupts; map 1 is slow (20 s) but alive, in the same executor
        List<String> splits = job("job_0001", 2, Map.of(TestJob.SPIN_ON, "poison", TestJob.SLOW_MS, "100",
                ConfKeys.TASK_TIMEOUT_MS, "1500", ConfKeys.TASK_KILL_GRACE_MS, "500"));
        AttemptId hung = map("job_0001", 0, 0);
        AttemptId neighbour = map("job_0001", 1, 0);
        master.script.add(answer(List.of(assign(neighbour, splits), assign(hung, splits)), List.of()));
        long pid = awaitExecutor("job_0001").pid();

        AttemptReport timedOut = awaitReport(hung, AttemptReport.FAILED);
        assertTrue(timedOut.error().startsWith("no progress for 1 s (mr.task.timeout.ms=1500)"), timedOut.error());
        AttemptReport lost = awaitReport(neighbour, AttemptReport.LOST);
        assertTrue(lost.error().contains("was stopped: attempt " + hung + " did not stop within 500 ms"), lost.error());
        await(WAIT, "the executor is gone", () -> !alive(pid));
        HeartbeatRequest free = awaitHeartbeat(h -> h.freeSlots() == 2);
        assertTrue(free.reports().stream().noneMatch(r -> AttemptReport.RUNNING.equals(r.status())));

        // the task's next attempt (it spins only in attempt 0) runs in a fresh executor
        AttemptId again = map("job_0001", 0, 1);
        master.script.add(answer(List.of(assign(again, splits)), List.of()));
        awaitReport(again, AttemptReport.FINISHED);
        assertNotEquals(pid, awaitExecutor("job_0001").pid());
    }

    @Test
    void aKilledAttemptThatIgnoresItsInterruptCostsItsExecutorAndReportsNothing() throws Exception {
        Path spinning = dir.resolve("spinning");
        List<String> splits = job("job_0001", 1, Map.of(TestJob.SPIN_ON, "poison", TestJob.SPIN_MARKER, spinning.toString(),
                ConfKeys.TASK_KILL_GRACE_MS, "300"));
        AttemptId a = map("job_0001", 0, 0);
        master.script.add(answer(List.of(assign(a, splits)), List.of()));
        long pid = awaitExecutor("job_0001").pid();
        await(WAIT, "the map spins", () -> Files.exists(spinning));
        master.script.add(answer(List.of(), List.of(a.toString())));
        await(WAIT, "the executor is killed", () -> !alive(pid));
        HeartbeatRequest after = awaitHeartbeat(h -> h.freeSlots() == 2);
        assertNull(report(after, a), "a killed attempt is forgotten");
    }

    @Test
    void anExecutorThatCannotStartFailsTheAttemptWithTheJvmsOwnMessage() throws Exception {
        List<String> splits = job("job_0001", 1, Map.of(ConfKeys.EXECUTOR_JAVA_OPTS, "-XX:+NoSuchOptionAnywhere"));
        AttemptId a = map("job_0001", 0, 0);
        master.script.add(answer(List.of(assign(a, splits)), List.of()));
        AttemptReport failed = awaitReport(a, AttemptReport.FAILED);
        assertTrue(failed.error().startsWith("the executor did not start: executor exited with code 1"), failed.error());
        assertTrue(failed.error().contains("Unrecognized VM option 'NoSuchOptionAnywhere'"), failed.error());
        awaitHeartbeat(h -> h.freeSlots() == 2 && h.executors().isEmpty());
    }

    @Test
    void aJobWhoseClassesDoNotLoadFailsTheAttemptNamingTheClass() throws Exception {
        List<String> splits = job("job_0001", 1, Map.of());
        Map<String, String> broken = new HashMap<>(master.specs.get("job_0001").conf());
        broken.put(ConfKeys.MAPPER, "com.acme.NoSuchMapper");
        master.addJob("job_0001", broken, TestJob.jar());
        AttemptId a = map("job_0001", 0, 0);
        master.script.add(answer(List.of(assign(a, splits)), List.of()));
        AttemptReport failed = awaitReport(a, AttemptReport.FAILED);
        assertTrue(failed.error().startsWith("the executor could not load job job_0001: "), failed.error());
        assertTrue(failed.error().contains("com.acme.NoSuchMapper"), failed.error());
    }

    @Test
    void nothingOfAJobOutlivesItOnTheWorkerNotEvenAThreadItsCodeLeftRunning() throws Exception {
        List<String> splits = job("job_0001", 1, Map.of(TestJob.LINGER, "true"));
        AttemptId a = map("job_0001", 0, 0);
        master.script.add(answer(List.of(assign(a, splits)), List.of()));
        awaitReport(a, AttemptReport.FINISHED);
        ExecutorView ex = awaitExecutor("job_0001");
        assertTrue(alive(ex.pid()), "the executor stays for the job's next attempts");
        assertEquals(256, ex.heapMaxMb(), "its heap is the worker's --memory");
        Optional<ProcessHandle> handle = ProcessHandle.of(ex.pid());

        master.script.add(new HeartbeatResponse(false, List.of(), List.of(), List.of(), List.of("job_0001")));
        await(WAIT, "the executor exited despite its lingering thread", () -> handle.map(h -> !h.isAlive()).orElse(true));
        await(WAIT, "the job's files are gone", () -> !Files.exists(dirs.jobDir("job_0001")));
        awaitHeartbeat(h -> h.executors().isEmpty());
        assertFalse(outputs.size() > 0, "no map output of the job is served");
        await(WAIT, "no thread of the worker serves the job's executor any more", () -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().contains("job_0001")));
    }
}
