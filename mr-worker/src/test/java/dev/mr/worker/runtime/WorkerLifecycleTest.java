package dev.mr.worker.runtime;

import dev.mr.security.Credentials;
import static dev.mr.api.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.api.ConfKeys;
import dev.mr.api.Configuration;
import dev.mr.api.TaskCounter;
import dev.mr.api.spi.AttemptId;
import dev.mr.api.spi.EncodedSplit;
import dev.mr.api.spi.JobDefinition;
import dev.mr.api.spi.JobSplits;
import dev.mr.api.spi.TaskId;
import dev.mr.protocol.Assignment;
import dev.mr.protocol.AttemptReport;
import dev.mr.protocol.HeartbeatRequest;
import dev.mr.protocol.HeartbeatResponse;
import dev.mr.protocol.RegisterRequest;
import dev.mr.protocol.WorkerLoad;
import dev.mr.worker.log.AttemptLogs;
import dev.mr.worker.shuffle.MapOutputRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker must follow the scheduler's rules to the letter, or the master loses attempts,
 * counts them twice or runs them forever: it registers, lists every attempt it runs in every
 * heartbeat, resends an outcome until a heartbeat carrying it is answered and never after,
 * stops and forgets killed attempts, drops everything when told to register again, and reports
 * a failure with the stack trace and what the attempt printed. A scripted master checks each.
 */
class WorkerLifecycleTest {

    /** How long a condition of these tests may take to come true. */
    /** Only ends a test that hangs: a loaded machine may take long to start an executor JVM. */
    static final Duration WAIT = Duration.ofSeconds(FakeMaster.WAIT_SECONDS);

    /** The names its machine goes by for locality, as {@code mr.worker.hostname} gives them. */
    private static final List<String> NAMES = List.of("dn-x.example.com", "10.1.2.3");

    static final String JOB = "job_0001";

    @TempDir
    Path dir;

    FakeMaster master;
    WorkerDirs dirs;
    Worker worker;
    final MapOutputRegistry outputs = new MapOutputRegistry();
    final Map<String, String> conf = new HashMap<>();
    final List<String> splits = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        master = new FakeMaster();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 400; i++) text.append("the quick brown fox ").append(i % 7).append(" jumps over the lazy dog\n");
        Path input = Files.writeString(dir.resolve("input.txt"), text);
        conf.put(ConfKeys.MAPPER, TestJob.WordMapper.class.getName());
        conf.put(ConfKeys.REDUCER, TestJob.SumReducer.class.getName());
        conf.put(ConfKeys.REDUCERS, "2");
        conf.put(ConfKeys.INPUT_PATHS, input.toString());
        conf.put(ConfKeys.OUTPUT_PATH, dir.resolve("out").toString());
        conf.put(ConfKeys.SPLIT_SIZE, String.valueOf(Files.size(input) / 2 + 1));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (worker != null) worker.close();
        master.close();
        if (dirs != null) dirs.release();
    }

    /** Puts the job on the master (with {@code extra} settings) and starts a worker with two slots. */
    void start(Map<String, String> extra) throws Exception {
        conf.putAll(extra);
        JobDefinition def = JobDefinition.load(new Configuration(conf), getClass().getClassLoader());
        for (EncodedSplit s : JobSplits.compute(def)) splits.add(s.split());
        assertEquals(2, splits.size());
        master.addJob(JOB, conf, TestJob.jar());
        dirs = new WorkerDirs(dir.resolve("w"));
        dirs.prepare();
        Configuration settings = new Configuration()
                .set(ConfKeys.EXECUTOR, "thread") // the gates are latches in this JVM; ExecutorTest covers executors
                .setLong(WorkerSettings.HEARTBEAT_MS, 30)
                .setLong(WorkerSettings.REGISTER_RETRY_MS, 20);
        worker = new Worker(WorkerSettings.from(master.url(), 2, settings), dirs, "worker-test", new Advertised("127.0.0.1", 7999, "http", NAMES),
                outputs, () -> new WorkerLoad(0, 0, 0), Credentials.none());
        worker.start();
    }

    static AttemptId map(int m, int attempt) {
        return TaskId.map(JOB, m).attempt(attempt);
    }

    Assignment assign(AttemptId m) {
        return new Assignment(m.toString(), splits.get(m.task().index()), null, splits.size(), 2, false, false);
    }

    static HeartbeatResponse answer(List<Assignment> assignments, List<String> kills) {
        return new HeartbeatResponse(false, assignments, kills, List.of(), List.of());
    }

    static AttemptReport report(HeartbeatRequest h, AttemptId a) {
        return h.reports().stream().filter(r -> r.attempt().equals(a.toString())).findFirst().orElse(null);
    }

    static String status(HeartbeatRequest h, AttemptId a) {
        AttemptReport r = report(h, a);
        return r == null ? null : r.status();
    }

    /** Runs map {@code m} to its FINISHED report and returns that report. */
    AttemptReport runToFinish(AttemptId m) throws InterruptedException {
        master.script.add(answer(List.of(assign(m)), List.of()));
        return report(master.awaitHeartbeat(h -> AttemptReport.FINISHED.equals(status(h, m))), m);
    }

    @Test
    void registersRunsAMapAndReportsItFinishedExactlyOnce() throws Exception {
        start(Map.of(TestJob.GATE, "life"));
        await(WAIT, "registered", () -> master.registrations.size() == 1);
        RegisterRequest r = master.registrations.get(0);
        assertEquals(new RegisterRequest("worker-test", "127.0.0.1:7999", "http://127.0.0.1:7999", 2, WorkerSettings.defaultMemoryMb())
                .named(NAMES), r);

        AttemptId m0 = map(0, 0);
        master.script.add(answer(List.of(assign(m0)), List.of()));
        HeartbeatRequest running = master.awaitHeartbeat(h -> AttemptReport.RUNNING.equals(status(h, m0)));
        assertEquals(7, running.incarnation());
        assertEquals("worker-test", running.workerId());
        assertEquals(1, running.freeSlots());
        TestJob.open("life-0");

        HeartbeatRequest finished = master.awaitHeartbeat(h -> AttemptReport.FINISHED.equals(status(h, m0)));
        AttemptReport f = report(finished, m0);
        long records = f.counters().get(TaskCounter.GROUP).get(TaskCounter.MAP_INPUT_RECORDS.name());
        assertTrue(records > 100 && records < 400, "about half of the 400 lines: " + records);
        for (int i = 0; i < 3; i++) assertNull(report(master.awaitHeartbeat(h -> true), m0), "acknowledged, so not sent again");
        assertEquals(1, master.answered.stream().filter(h -> report(h, m0) != null && !AttemptReport.RUNNING.equals(status(h, m0))).count());

        assertNotNull(outputs.get(m0), "the map output is served");
        assertTrue(Files.isRegularFile(dirs.attemptDir(m0).resolve("file.out")));
        assertTrue(Files.isRegularFile(dirs.attemptDir(m0).resolve("file.out.index")));
        assertTrue(Files.isRegularFile(dirs.cache().resolve(master.specs.get(JOB).jarSha256())), "the jar is cached by its hash");
        await(WAIT, "the spill directory removed", () -> !Files.exists(dirs.attemptDir(m0).resolve("spill")));
        assertEquals(2, worker.freeSlots());
        assertEquals(1, master.registrations.size());
    }

    @Test
    void resendsAnOutcomeUntilAHeartbeatCarryingItIsAnswered() throws Exception {
        master.failOutcomeBeats = 2;
        start(Map.of());
        AttemptId m1 = map(1, 0);
        master.script.add(answer(List.of(assign(m1)), List.of()));
        List<AttemptReport> sent = new ArrayList<>();
        for (int i = 0; i < 3; i++) sent.add(report(master.awaitHeartbeat(h -> AttemptReport.FINISHED.equals(status(h, m1))), m1));
        assertEquals(sent.get(0), sent.get(1), "a resend is identical, counters included");
        assertEquals(sent.get(0), sent.get(2));
        for (int i = 0; i < 3; i++) assertNull(report(master.awaitHeartbeat(h -> true), m1));
        assertEquals(1, master.answered.stream().filter(h -> AttemptReport.FINISHED.equals(status(h, m1))).count());
    }

    @Test
    void anOutcomeInAHeartbeatAnsweredRegisterAgainIsListedAtRegistrationAndReportedToTheNewIncarnation() throws Exception {
        // a master restarted while the attempt finished ignores that heartbeat's reports: the outcome must reach it after all
        master.reregisterOutcomeBeats = 1;
        start(Map.of());
        AttemptId m1 = map(1, 0);
        master.script.add(answer(List.of(assign(m1)), List.of()));
        HeartbeatRequest again = master.awaitHeartbeat(h -> h.incarnation() == 8 && AttemptReport.FINISHED.equals(status(h, m1)));
        RegisterRequest second = master.registrations.get(1);
        assertEquals(List.of(m1.toString()), second.running(), "the finished attempt, its outcome unheard, is listed");
        assertEquals(List.of(m1.toString()), second.mapOutputs(), "with its output");
        assertNotNull(report(again, m1).counters(), "the outcome goes again, counters and all");
        assertNotNull(outputs.get(m1), "the output is still served");
    }

    @Test
    void anOutcomeTheMasterRefusesAsMalformedIsDroppedNotResentForeverSoTheWorkerIsHeardAgain() throws Exception {
        master.refuseOutcomeBeats = 1;
        start(Map.of());
        AttemptId m1 = map(1, 0);
        master.script.add(answer(List.of(assign(m1)), List.of()));
        master.awaitHeartbeat(h -> AttemptReport.FINISHED.equals(status(h, m1)));
        for (int i = 0; i < 3; i++) assertNull(report(master.awaitHeartbeat(h -> true), m1), "the refused outcome is not sent again");
        assertTrue(master.answered.size() >= 3, "the heartbeats after it are answered");
    }

    @Test
    void aKillStopsARunningAttemptAndDropsAFinishedOnesOutput() throws Exception {
        start(Map.of(TestJob.GATE, "kill"));
        TestJob.open("kill-1");
        AttemptId m0 = map(0, 0);
        AttemptId m1 = map(1, 0);
        runToFinish(m1);
        assertNotNull(outputs.get(m1));
        master.script.add(answer(List.of(assign(m0)), List.of()));
        master.awaitHeartbeat(h -> AttemptReport.RUNNING.equals(status(h, m0)));

        master.script.add(answer(List.of(), List.of(m0.toString(), m1.toString())));
        master.awaitHeartbeat(h -> report(h, m0) == null);
        await(WAIT, "the map was interrupted", () -> TestJob.INTERRUPTED.contains("kill-0"));
        await(WAIT, "its slot is free", () -> worker.freeSlots() == 2);
        await(WAIT, "its files are gone", () -> !Files.exists(dirs.attemptDir(m0)));
        assertNull(outputs.get(m1), "the finished map's output is no longer served");
        await(WAIT, "the finished map's files are gone", () -> !Files.exists(dirs.attemptDir(m1)));
        for (int i = 0; i < 3; i++) {
            HeartbeatRequest h = master.awaitHeartbeat(x -> true);
            assertNull(report(h, m0));
            assertNull(report(h, m1));
        }
    }

    /** Starts the worker on a gated test job: map 1 has finished (its output held), map 0 runs, held at the gate. */
    private void oneFinishedOneRunning(String gate) throws Exception {
        start(Map.of(TestJob.GATE, gate));
        TestJob.open(gate + "-1");
        AttemptId m0 = map(0, 0);
        runToFinish(map(1, 0));
        master.script.add(answer(List.of(assign(m0)), List.of()));
        master.awaitHeartbeat(h -> AttemptReport.RUNNING.equals(status(h, m0)));
    }

    @Test
    void toldToRegisterAgainItListsWhatItHoldsAndKeepsWhatTheMasterTakesOn() throws Exception {
        oneFinishedOneRunning("keep");
        AttemptId m0 = map(0, 0);
        AttemptId m1 = map(1, 0);

        master.script.add(new HeartbeatResponse(true, List.of(), List.of(), List.of(), List.of()));
        HeartbeatRequest again = master.awaitHeartbeat(h -> h.incarnation() == 8);
        assertEquals(2, master.registrations.size());
        RegisterRequest second = master.registrations.get(1);
        assertEquals(List.of(m0.toString()), second.running(), "a restarted master takes on the attempts it still runs");
        assertEquals(List.of(m1.toString()), second.mapOutputs(), "and the map outputs it still holds");
        assertEquals(NAMES, second.hostNames(), "and the names its machine goes by, which a restarted master has not kept");
        assertEquals(AttemptReport.RUNNING, status(again, m0), "the running map goes on");
        assertNotNull(outputs.get(m1), "the finished map's output is still served");
        assertEquals(1, worker.freeSlots());
    }

    @Test
    void whatTheMasterDoesNotTakeOnAtRegistrationIsDropped() throws Exception {
        oneFinishedOneRunning("rereg");
        AttemptId m0 = map(0, 0);
        AttemptId m1 = map(1, 0);

        master.registrationKills = List.of(m0.toString(), m1.toString());
        master.script.add(new HeartbeatResponse(true, List.of(), List.of(), List.of(), List.of()));
        HeartbeatRequest again = master.awaitHeartbeat(h -> h.incarnation() == 8);
        assertEquals(2, master.registrations.size());
        assertEquals(List.of(), again.reports(), "nothing the master dropped is reported");
        assertEquals(0, outputs.size());
        await(WAIT, "the running map was interrupted", () -> TestJob.INTERRUPTED.contains("rereg-0"));
        await(WAIT, "their files are gone", () -> !Files.exists(dirs.attemptDir(m0)) && !Files.exists(dirs.attemptDir(m1)));
        await(WAIT, "the slots are free", () -> worker.freeSlots() == 2);
    }

    @Test
    void aMasterAwayForAWhileIsWaitedForWithOneLineEachWayAndNothingIsDroppedMeanwhile() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream savedErr = System.err;
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8)); // slf4j-simple writes to whatever System.err is
        try {
            start(Map.of(TestJob.GATE, "away"));
            TestJob.open("away-1");
            AttemptId m0 = map(0, 0);
            AttemptId m1 = map(1, 0);
            runToFinish(m1);
            master.script.add(answer(List.of(assign(m0)), List.of()));
            master.awaitHeartbeat(h -> AttemptReport.RUNNING.equals(status(h, m0)));

            master.goAway();
            await(WAIT, "the worker noticed", () -> log.toString(StandardCharsets.UTF_8).contains("does not answer"));
            TestJob.open("away-0"); // the running map ends while the master is away
            await(WAIT, "the map finished", () -> worker.freeSlots() == 2);
            // the outage lasts a while, as a restart does: refused connections, then 503s while the master starts. The
            // first refusal and two 503s make three failed tries, each backing off
            master.startSlowly();
            await(WAIT, "two tries were turned away", () -> master.turnedAway.get() >= 2);
            master.comeBack();

            HeartbeatRequest h = master.awaitHeartbeat(x -> AttemptReport.FINISHED.equals(status(x, m0)));
            assertEquals(7, h.incarnation(), "the same incarnation: the worker did not start over");
            assertEquals(1, master.registrations.size());
            assertNotNull(outputs.get(m0), "the map that finished during the outage is served");
            assertNotNull(outputs.get(m1), "and so is the one that finished before it");
            await(WAIT, "the worker said the master is back", () -> log.toString(StandardCharsets.UTF_8).contains("answers again"));
            String text = log.toString(StandardCharsets.UTF_8);
            assertEquals(1, text.split("does not answer", -1).length - 1, text);
            assertEquals(1, text.split("answers again", -1).length - 1, text);
            java.util.regex.Matcher tries = java.util.regex.Pattern.compile("\\((\\d+) tries failed\\)").matcher(text);
            assertTrue(tries.find() && Integer.parseInt(tries.group(1)) >= 3, "several tries, one line: " + text);
        } finally {
            System.setErr(savedErr);
        }
    }

    @Test
    void aFailedAttemptReportsItsStackTraceAndWhatItPrinted() throws Exception {
        AttemptLogs.install(null);
        try {
            start(Map.of(TestJob.FAIL_ON, "fox"));
            AttemptId m0 = map(0, 0);
            master.script.add(answer(List.of(assign(m0)), List.of()));
            AttemptReport failed = report(master.awaitHeartbeat(h -> AttemptReport.FAILED.equals(status(h, m0))), m0);
            assertTrue(failed.error().contains("IllegalStateException: the test job refuses the word fox"), failed.error());
            assertTrue(failed.error().contains("at " + TestJob.WordMapper.class.getName() + ".map("), failed.error());
            assertTrue(failed.log().contains("about to fail on 'fox' at offset 0"), failed.log());
            assertTrue(failed.log().contains(m0 + ": failed"), "the worker's own line about it: " + failed.log());
            await(WAIT, "its files are gone", () -> !Files.exists(dirs.attemptDir(m0)));
            assertNull(outputs.get(m0));
        } finally {
            AttemptLogs.uninstall();
        }
    }
}
