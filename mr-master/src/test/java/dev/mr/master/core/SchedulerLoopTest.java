package dev.mr.master.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mr.api.ConfKeys;
import dev.mr.api.Configuration;
import dev.mr.master.jobs.FileRoots;
import dev.mr.master.jobs.Submission;
import dev.mr.master.scheduler.SchedulerSettings;
import dev.mr.protocol.AttemptReport;
import dev.mr.protocol.Assignment;
import dev.mr.protocol.HeartbeatRequest;
import dev.mr.protocol.HeartbeatResponse;
import dev.mr.protocol.JobSpec;
import dev.mr.protocol.JobView;
import dev.mr.protocol.RegisterRequest;
import dev.mr.protocol.SubmittedSplits;
import dev.mr.protocol.TaskView;
import dev.mr.protocol.WorkerView;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The layer around the pure scheduler ({@link SchedulerLoop}, {@link JobEffects}, the worker
 * desk and the views), driven one step at a time: the master runs on a manual scheduler thread,
 * a manual I/O pool and a manual clock, with its real journal and a {@code file:} output in a
 * temporary directory, and no HTTP. Each test checks what a worker or a user sees (assignments,
 * kills, job, task and worker views, the output directory) at the moments that the cluster tests
 * can only poll for: right before and after a worker's expiry, between a job's kill and its
 * output's abort, between a finished attempt and its commit, and at the end of a status
 * request's wait.
 */
class SchedulerLoopTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long START = 1_000_000;
    private static final long TICK_MS = 100;
    private static final long EXPIRY_MS = 600;

    @TempDir
    Path tmp;

    private final ManualClock clock = new ManualClock(START);
    private ManualExecutor schedulerThread = new ManualExecutor(clock);
    private ManualExecutor io = new ManualExecutor(clock);
    private final List<String> failStops = new CopyOnWriteArrayList<>(); // called on the journal's thread
    private Path data;
    private Master master;

    @BeforeEach
    void open() throws IOException {
        data = Files.createDirectories(tmp.resolve("data"));
        start();
    }

    /** Closes the master and opens another on its directory, with threads of its own and the same clock. */
    private void reopen() throws IOException {
        close();
        schedulerThread = new ManualExecutor(clock);
        io = new ManualExecutor(clock);
        start();
    }

    private void start() throws IOException {
        Configuration conf = new Configuration()
                .set(FileRoots.SETTING, data.toString())
                .setLong(MasterSettings.TICK_MS, TICK_MS)
                .setLong(SchedulerSettings.WORKER_EXPIRY_MS, EXPIRY_MS);
        MasterSettings settings = new MasterSettings(tmp.resolve("master"), "http://127.0.0.1:1", conf, clock);
        CompletableFuture<Master> opened = Master.open(settings, jobId -> null, (reason, cause) -> failStops.add(reason), schedulerThread, io);
        master = answer(opened);
    }

    @AfterEach
    void close() {
        settle();
        master.close();
        assertEquals(List.of(), failStops, "the journal stopped the master");
    }

    @Test
    void aHeartbeatWithFreeSlotsGetsTheWaitingMaps() throws IOException {
        String job = submit(3, 1);
        long incarnation = register("w1");
        assertEquals(List.of("WAITING", "WAITING", "WAITING"), states(tasks(job, "map")));

        HeartbeatResponse hb = heartbeat("w1", incarnation, 2);

        assertEquals(List.of(job + "_m_000000_0", job + "_m_000001_0"), attempts(hb.assignments()));
        List<TaskView> maps = tasks(job, "map");
        assertEquals(List.of("RUNNING", "RUNNING", "WAITING"), states(maps));
        assertEquals("w1", maps.get(0).attempts().get(0).worker());
        assertEquals("RUNNING", answer(master.job(job)).state());
        assertEquals(List.of(job + "_m_000000_0", job + "_m_000001_0"), worker("w1").running());
    }

    @Test
    void aSilentWorkerExpiresOnTheFirstTickAfterTheTimeoutAndItsAttemptRunsElsewhere() throws IOException {
        String job = submit(1, 0);
        long w1 = register("w1");
        long heard = START + 250; // between two ticks (the first is due at START + TICK_MS)
        advanceTo(heard);
        String attempt = job + "_m_000000_0";
        assertEquals(List.of(attempt), attempts(heartbeat("w1", w1, 1).assignments()));
        long expiry = heard + EXPIRY_MS;
        long firstTickAfterExpiry = START + 900;

        advanceTo(expiry - 1); // every tick up to here finds it silent for less than the expiry
        assertEquals("ALIVE", worker("w1").state());
        assertEquals("RUNNING", tasks(job, "map").get(0).state());

        advanceTo(firstTickAfterExpiry - 1); // the expiry has passed, but no tick has come since
        assertEquals("ALIVE", worker("w1").state());

        advanceTo(firstTickAfterExpiry);
        assertEquals("DEAD", worker("w1").state());
        TaskView map = tasks(job, "map").get(0);
        assertEquals("WAITING", map.state());
        assertEquals("KILLED", map.attempts().get(0).state());
        assertEquals("RUNNING", answer(master.job(job)).state());

        long w2 = register("w2");
        assertEquals(List.of(job + "_m_000000_1"), attempts(heartbeat("w2", w2, 1).assignments()));
        assertTrue(heartbeat("w1", w1, 1, running(attempt)).reregister(), "the dead worker's late heartbeat is told to register again");
    }

    @Test
    void aHeartbeatDuringAKillGetsNoTaskOfTheJobAndTheKillEndsWhenTheAbortRuns() throws IOException {
        String job = submit(3, 1);
        long w1 = register("w1");
        String attempt = job + "_m_000000_0";
        assertEquals(List.of(attempt), attempts(heartbeat("w1", w1, 1).assignments()));
        Path output = data.resolve("out");
        assertTrue(Files.isDirectory(output), "the output was prepared at submission");

        assertEquals("KILLED", onLoop(master.kill(job, "alice", false)).state());
        assertEquals(1, io.due(), "the abort of the output waits for the I/O pool");

        HeartbeatResponse hb = onLoop(master.heartbeat(new HeartbeatRequest("w1", w1, 3, List.of(running(attempt)), null)));
        assertEquals(List.of(), hb.assignments(), "a killed job's waiting tasks go to nobody");
        assertEquals(List.of(attempt), hb.kills());
        assertTrue(Files.isDirectory(output), "not aborted before the I/O pool runs");
        CompletableFuture<JobView> atEnd = master.jobAtEnd(job, 60_000);
        schedulerThread.runDue();
        assertFalse(atEnd.isDone(), "the job has not ended while its output is not yet aborted");

        settle();
        assertFalse(Files.exists(output), "the abort removed the output");
        assertTrue(atEnd.isDone());
        assertEquals("KILLED", atEnd.join().state());
        assertEquals(List.of(), attempts(heartbeat("w1", w1, 3).assignments()));

        reopen(); // the end was journaled: a restarted master lists the job as killed, and does not resume it
        assertEquals("KILLED", answer(master.job(job)).state());
    }

    @Test
    void aFinishedAttemptIsCommittedOnTheIoPoolAndTheJobSucceedsOnlyOnceItsOutputIsPublished() throws IOException {
        String job = submit(1, 0);
        long w1 = register("w1");
        String attempt = job + "_m_000000_0";
        assertEquals(List.of(attempt), attempts(heartbeat("w1", w1, 1).assignments()));
        Path output = data.resolve("out");
        Path written = Files.createDirectories(output.resolve("_temporary").resolve(attempt)).resolve("part-m-00000");
        Files.writeString(written, "the map's output\n"); // as the worker's attempt writes it

        HeartbeatResponse report = onLoop(master.heartbeat(new HeartbeatRequest("w1", w1, 1, List.of(finished(attempt)), null)));
        assertEquals(List.of(), report.assignments());
        assertEquals("COMMITTING", onLoop(master.tasks(job, "map", null, 0, 100)).items().get(0).state());
        assertEquals("RUNNING", onLoop(master.job(job)).state());
        assertFalse(Files.exists(output.resolve("part-m-00000")), "nothing is published before the I/O pool runs the commit");

        settle();
        assertEquals("the map's output\n", Files.readString(output.resolve("part-m-00000")));
        assertTrue(Files.exists(output.resolve("_SUCCESS")));
        assertFalse(Files.exists(output.resolve("_temporary")));
        JobView done = answer(master.job(job));
        assertEquals("SUCCEEDED", done.state());
        assertEquals(1, done.completedMaps());

        reopen(); // the end was journaled: a restarted master lists the job as it ended
        assertEquals("SUCCEEDED", answer(master.job(job)).state());
    }

    @Test
    void aCommitThatFailsOnTheIoPoolFailsItsAttemptAndTheTaskRunsAgain() throws IOException {
        String job = submit(1, 0);
        long w1 = register("w1");
        String attempt = job + "_m_000000_0";
        assertEquals(List.of(attempt), attempts(heartbeat("w1", w1, 1).assignments()));
        Path temporary = data.resolve("out/_temporary");
        Files.createDirectories(temporary.resolve(attempt));
        Files.createDirectories(temporary.resolve("task_" + job + "_m_000000")); // the commit's rename target: the rename fails

        heartbeat("w1", w1, 0, finished(attempt));

        TaskView map = tasks(job, "map").get(0);
        assertEquals("WAITING", map.state());
        assertEquals("FAILED", map.attempts().get(0).state());
        assertTrue(map.attempts().get(0).error().contains("already exists"), map.attempts().get(0).error());
        assertEquals("RUNNING", answer(master.job(job)).state());
        assertEquals(List.of(job + "_m_000000_1"), attempts(heartbeat("w1", w1, 1).assignments()));
    }

    @Test
    void aRequestWaitingForARunningJobsEndIsAnsweredWhenItsWaitRunsOutOnTheClock() throws IOException {
        String job = submit(1, 0);
        CompletableFuture<JobView> atEnd = master.jobAtEnd(job, 5_000);

        advanceTo(START + 4_999);
        assertFalse(atEnd.isDone(), "answered before its wait ran out");
        advanceTo(START + 5_000);
        assertTrue(atEnd.isDone());
        assertEquals("RUNNING", atEnd.join().state());
    }

    // ---- the master, driven by hand

    /** Runs whatever is due on the scheduler thread and the I/O pool until neither has anything left. */
    private void settle() {
        while (schedulerThread.runDue() + io.runDue() > 0) {
            // one's work may queue the other's
        }
    }

    /** Moves the clock to {@code time}, stopping at every tick and timer due on the way. */
    private void advanceTo(long time) {
        settle();
        for (long next; (next = Math.min(schedulerThread.nextDueTime(), io.nextDueTime())) <= time; settle()) clock.set(next);
        clock.set(time);
        settle();
    }

    /** The answer of a request that needs the scheduler thread only; the I/O pool runs nothing meanwhile. */
    private <T> T onLoop(CompletableFuture<T> f) {
        schedulerThread.runDue();
        assertTrue(f.isDone(), "no answer from the scheduler thread alone");
        return f.join();
    }

    private <T> T answer(CompletableFuture<T> f) {
        settle();
        assertTrue(f.isDone(), "no answer once the master has nothing left to run");
        return f.join();
    }

    /** Submits a job of {@code maps} splits of {@code file:} input and {@code reduces} reduces, as alice; returns its id. */
    private String submit(int maps, int reduces) throws IOException {
        Path jar = tmp.resolve("upload.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out)) {
            j.putNextEntry(new JarEntry("dev/mr/master/testjob/LineMapper.class"));
            j.closeEntry();
        }
        Map<String, String> conf = Map.of(ConfKeys.MAPPER, "dev.mr.master.testjob.LineMapper", ConfKeys.INPUT_PATHS, "file:" + data.resolve("in"),
                ConfKeys.OUTPUT_PATH, "file:" + data.resolve("out"), ConfKeys.REDUCERS, Integer.toString(reduces));
        List<SubmittedSplits.Split> splits = new ArrayList<>();
        for (int i = 0; i < maps; i++) splits.add(new SubmittedSplits.Split("AA==", "file:" + data.resolve("in/part-" + i), 100, List.of()));
        Submission s = new Submission(jar, "job.jar", JSON.writeValueAsString(new JobSpec(null, conf, null, null)), null,
                JSON.writeValueAsString(new SubmittedSplits(splits)), null, "alice", List.of());
        return answer(master.submit(s)).jobId();
    }

    private long register(String worker) {
        return answer(master.register(new RegisterRequest(worker, worker + ":7001", "http://" + worker + ":7002", 4, 0))).incarnation();
    }

    private HeartbeatResponse heartbeat(String worker, long incarnation, int freeSlots, AttemptReport... reports) {
        return answer(master.heartbeat(new HeartbeatRequest(worker, incarnation, freeSlots, List.of(reports), null)));
    }

    private static AttemptReport finished(String attempt) {
        return new AttemptReport(attempt, AttemptReport.FINISHED, 1, 0, Map.of(), null, null);
    }

    private static AttemptReport running(String attempt) {
        return new AttemptReport(attempt, AttemptReport.RUNNING, 0.5, 0, null, null, null);
    }

    private List<TaskView> tasks(String job, String type) {
        return answer(master.tasks(job, type, null, 0, 100)).items();
    }

    private WorkerView worker(String id) {
        return answer(master.workers()).stream().filter(w -> w.workerId().equals(id)).findFirst().orElseThrow();
    }

    private static List<String> states(List<TaskView> tasks) {
        return tasks.stream().map(TaskView::state).toList();
    }

    private static List<String> attempts(List<Assignment> assignments) {
        return assignments.stream().map(Assignment::attempt).toList();
    }
}
