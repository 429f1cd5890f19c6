package dev.mr.master.scheduler;

import static dev.mr.master.scheduler.Harness.assigned;
import static dev.mr.master.scheduler.Harness.counters;
import static dev.mr.master.scheduler.Harness.finished;
import static dev.mr.master.scheduler.Harness.map;
import static dev.mr.master.scheduler.Harness.only;
import static dev.mr.master.scheduler.Harness.reduce;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.api.spi.AttemptId;
import dev.mr.master.scheduler.Event.Stage;
import dev.mr.master.scheduler.Event.TaskDone;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A restarted master must pick a job up where the last one stopped: committed tasks are not run
 * again, finished maps whose worker comes back holding their output are not run again, attempts
 * that workers kept running are taken on, and whatever the journal placed on a worker that never
 * comes back, or comes back without it, runs again, under attempt ids no earlier attempt had.
 */
class ResumptionTest {

    private final Harness h = new Harness(new SchedulerSettings(10_000));

    private static TaskDone output(AttemptId a, String worker) {
        return new TaskDone(a, Stage.MAP_OUTPUT, worker, "http://" + worker, 10, 20, counters(a));
    }

    private static TaskDone committed(AttemptId a, String worker) {
        return new TaskDone(a, Stage.COMMITTED, worker, "http://" + worker, 30, 40, counters(a));
    }

    private static TaskDone committing(AttemptId a, String worker) {
        return new TaskDone(a, Stage.COMMITTING, worker, "http://" + worker, 30, 40, counters(a));
    }

    private static TaskDone running(AttemptId a, String worker) {
        return new TaskDone(a, Stage.RUNNING, worker, "http://" + worker, 50, -1, null);
    }

    private List<Effect> resume(int maps, int reduces, List<TaskDone> done) {
        return resume(JobSettings.defaults(), maps, reduces, done);
    }

    private List<Effect> resume(JobSettings settings, int maps, int reduces, List<TaskDone> done) {
        List<MapSplit> splits = new ArrayList<>();
        for (int i = 0; i < maps; i++) splits.add(new MapSplit(i, 1000, List.of()));
        return h.on(new Event.JobResumed(h.now, "job_0001", settings, splits, reduces, 1, done, List.of()));
    }

    private List<Effect> registerHolding(String worker, int slots, List<AttemptId> running, List<AttemptId> outputs) {
        return h.on(new Event.WorkerRegistered(h.now, worker, worker, "http://" + worker, slots, running, outputs));
    }

    @Test
    void finishedMapsOnAWorkerThatComesBackAreNotRunAgain() {
        List<Effect> out = resume(3, 1, List.of(output(map("job_0001", 0, 0), "w1"), output(map("job_0001", 1, 2), "w1")));
        assertTrue(only(out, Effect.AssignAttempt.class).isEmpty(), out.toString());
        assertEquals(WorkerState.AWAITED, h.worker("w1").state());
        assertEquals(2, h.job("job_0001").completedMaps());

        h.advance(500);
        out = registerHolding("w1", 2, List.of(), List.of(map("job_0001", 0, 0), map("job_0001", 1, 2)));
        assertTrue(only(out, Effect.KillAttempt.class).isEmpty(), "it keeps both outputs: " + out);
        h.register("w2", "w2", 2);
        List<AttemptId> first = assigned(h.heartbeat("w2"));
        assertEquals(List.of(map("job_0001", 2, 1000), reduce("job_0001", 0, 1000)), first,
                "only the map not finished runs, numbered past any earlier attempt; the reduce starts with two thirds done");
        List<Effect> tell = only(h.last, Effect.TellMapOutputs.class).stream().map(e -> (Effect) e).toList();
        assertEquals(2, ((Effect.TellMapOutputs) tell.get(0)).events().size(), "the reduce learns both recovered outputs");
        assertEquals("http://w1", ((Effect.TellMapOutputs) tell.get(0)).events().get(0).address());
    }

    @Test
    void outputsOfAWorkerThatNeverComesBackRunAgainAfterTheExpiry() {
        resume(2, 1, List.of(output(map("job_0001", 0, 0), "w1"), output(map("job_0001", 1, 0), "w1")));
        h.advance(9_000);
        h.tick();
        assertEquals(WorkerState.AWAITED, h.worker("w1").state(), "still within the expiry");
        h.advance(1_000);
        h.tick();
        assertEquals(WorkerState.DEAD, h.worker("w1").state());
        assertEquals(0, h.job("job_0001").completedMaps());
        h.register("w2", "w2", 2);
        assertEquals(List.of(map("job_0001", 0, 1000), map("job_0001", 1, 1000)), assigned(h.heartbeat("w2")));
    }

    @Test
    void aWorkerBackWithoutAnOutputLosesItAndRunningAttemptsAreTakenOn() {
        resume(3, 1, List.of(output(map("job_0001", 0, 0), "w1"), output(map("job_0001", 1, 0), "w1")));
        AttemptId stillRunning = map("job_0001", 2, 1);
        AttemptId stale = map("job_0001", 1, 7);
        List<Effect> out = registerHolding("w1", 2, List.of(stillRunning), List.of(map("job_0001", 0, 0), stale));
        assertEquals(List.of(new Effect.KillAttempt("w1", stale)), only(out, Effect.KillAttempt.class),
                "an output the journal does not place there is dropped");
        assertEquals(1, h.job("job_0001").completedMaps(), "map 1's output is gone with the worker's restart");
        assertEquals(AttemptState.RUNNING, h.attempt(stillRunning).state(), "taken on");
        assertEquals(TaskState.RUNNING, h.task(stillRunning.task()).state());

        h.advance(100);
        List<Effect> beat = h.rawHeartbeat("w1", h.worker("w1").incarnation(), 1, List.of(new AttemptUpdate.Running(stillRunning, 0.5, 0)));
        assertEquals(List.of(map("job_0001", 1, 1000)), assigned(beat), "map 1 runs again; map 2's attempt is not lost");
        beat = h.rawHeartbeat("w1", h.worker("w1").incarnation(), 0, List.of(finished(stillRunning), new AttemptUpdate.Running(map("job_0001", 1, 1000))));
        assertEquals(2, h.job("job_0001").completedMaps());
        assertEquals(2, h.job("job_0001").counters().get("test", "ATTEMPTS"), "counters of the recovered and the taken-on map");
    }

    @Test
    void anAttemptOfATaskAlreadySettledIsNotTakenOn() {
        resume(1, 1, List.of(output(map("job_0001", 0, 0), "w1")));
        AttemptId lateBackup = map("job_0001", 0, 1);
        AttemptId fromTheFuture = reduce("job_0001", 0, 1000);
        List<Effect> out = registerHolding("w1", 2, List.of(lateBackup, fromTheFuture), List.of(map("job_0001", 0, 0)));
        assertEquals(List.of(new Effect.KillAttempt("w1", lateBackup), new Effect.KillAttempt("w1", fromTheFuture)),
                only(out, Effect.KillAttempt.class));
    }

    @Test
    void committedTasksStayCommittedAndACommitInFlightIsAskedAgain() {
        AttemptId r0 = reduce("job_0001", 0, 0);
        AttemptId r1 = reduce("job_0001", 1, 3);
        List<Effect> out = resume(1, 2, List.of(output(map("job_0001", 0, 0), "w1"), committed(r0, "w1"), committing(r1, "w2")));
        assertEquals(List.of(new Effect.CommitTask(r1)), only(out, Effect.CommitTask.class));
        assertEquals(TaskState.SUCCEEDED, h.task(r0.task()).state());
        assertEquals(TaskState.COMMITTING, h.task(r1.task()).state());
        out = h.commitDone(r1);
        assertEquals(List.of(new Effect.CommitJob("job_0001")), only(out, Effect.CommitJob.class));
        h.jobCommitDone("job_0001");
        JobStatus s = h.job("job_0001");
        assertEquals(JobPhase.SUCCEEDED, s.phase());
        assertEquals(3, s.counters().get("test", "ATTEMPTS"));
        assertEquals(1, s.counters().get("test", "INDEX"), "reduce 1's index; the others add 0");
    }

    @Test
    void aJobWhoseTasksAllCommittedIsCommittedAtOnce() {
        List<Effect> out = resume(0, 1, List.of(committed(reduce("job_0001", 0, 0), "w1")));
        assertEquals(List.of(new Effect.CommitJob("job_0001")), only(out, Effect.CommitJob.class));
    }

    @Test
    void aReduceThatOutlivedTheRestartIsToldTheNewLogFromItsStart() {
        resume(2, 1, List.of(output(map("job_0001", 0, 0), "w1"), output(map("job_0001", 1, 0), "w1")));
        AttemptId r = reduce("job_0001", 0, 0);
        registerHolding("w1", 2, List.of(r), List.of(map("job_0001", 0, 0), map("job_0001", 1, 0)));
        h.advance(100);
        List<Effect> beat = h.rawHeartbeat("w1", h.worker("w1").incarnation(), 1, List.of(new AttemptUpdate.Running(r, 0.5, 57)));
        List<Effect.TellMapOutputs> tells = only(beat, Effect.TellMapOutputs.class);
        assertEquals(1, tells.size(), beat.toString());
        List<MapOutputEvent> events = tells.get(0).events();
        assertEquals(2, events.size());
        assertTrue(events.get(0).index() > 57, "indexes past the old log's, so the reducer takes them: " + events);
        int known = events.get(1).index() + 1;
        beat = h.rawHeartbeat("w1", h.worker("w1").incarnation(), 1, List.of(new AttemptUpdate.Running(r, 0.6, known)));
        assertTrue(only(beat, Effect.TellMapOutputs.class).isEmpty(), "nothing new: " + beat);
    }

    @Test
    void aJournalNamingAnotherJobsAttemptIsRefused() {
        List<MapSplit> splits = List.of(new MapSplit(0, 1000, List.of()));
        TaskDone wrong = output(map("job_0002", 0, 0), "w1");
        try {
            h.on(new Event.JobResumed(0, "job_0001", JobSettings.defaults(), splits, 1, 1, List.of(wrong), List.of()));
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage().contains("job_0002_m_000000_0"), e.getMessage());
            assertTrue(h.scheduler.job("job_0001").isEmpty(), "nothing changed");
            return;
        }
        throw new AssertionError("accepted a journal naming another job's attempt");
    }

    @Test
    void aTaskRunningThroughTheRestartIsHeldForItsWorkerWhichTakesItBack() {
        AttemptId m0 = map("job_0001", 0, 0);
        resume(2, 0, List.of(running(m0, "w1")));
        assertEquals(WorkerState.AWAITED, h.worker("w1").state());
        h.register("w2", "w2", 2);
        assertEquals(List.of(map("job_0001", 1, 1000)), assigned(h.heartbeat("w2")), "map 0 waits for w1, which runs it");

        List<Effect> out = registerHolding("w1", 2, List.of(m0), List.of());
        assertTrue(only(out, Effect.KillAttempt.class).isEmpty(), out.toString());
        h.advance(100);
        List<Effect> beat = h.rawHeartbeat("w1", h.worker("w1").incarnation(), 1, List.of(new AttemptUpdate.Running(m0, 0.7, 0)));
        assertEquals(AttemptState.RUNNING, h.attempt(m0).state(), "confirmed, not lost: " + beat);
        h.rawHeartbeat("w1", h.worker("w1").incarnation(), 2, List.of(finished(m0)));
        assertEquals(TaskState.COMMITTING, h.task(m0.task()).state(), "a map of a map-only job commits");
        h.commitDone(m0);
        assertEquals(TaskState.SUCCEEDED, h.task(m0.task()).state());
        assertEquals(1, h.task(m0.task()).attempts().size(), "run once");
    }

    @Test
    void aHeldTaskRunsAgainWhenItsWorkerComesBackWithoutItOrNotAtAllWithoutCountingAsAWorkerDeath() {
        JobSettings oneDeath = Harness.settings(JobSettings.TASK_MAX_WORKER_DEATHS, "1");
        AttemptId m0 = map("job_0001", 0, 0);
        AttemptId m1 = map("job_0001", 1, 3);
        resume(oneDeath, 2, 0, List.of(running(m0, "w1"), running(m1, "w9")));
        registerHolding("w1", 2, List.of(), List.of());
        assertEquals(AttemptState.KILLED, h.attempt(m0).state(), "w1 does not run it any more");
        long w1 = h.worker("w1").incarnation();
        assertEquals(List.of(map("job_0001", 0, 1000)), assigned(h.rawHeartbeat("w1", w1, 1, List.of())));
        h.advance(5_000);
        h.rawHeartbeat("w1", w1, 1, List.of(new AttemptUpdate.Running(map("job_0001", 0, 1000))));
        h.advance(5_000);
        h.tick();
        assertEquals(WorkerState.DEAD, h.worker("w9").state());
        assertEquals(AttemptState.KILLED, h.attempt(m1).state());
        assertEquals(JobPhase.RUNNING, h.job("job_0001").phase(), "a worker that did not come back after the restart is not a death");
        assertEquals(List.of(map("job_0001", 1, 1000)), assigned(h.rawHeartbeat("w1", w1, 1,
                List.of(new AttemptUpdate.Running(map("job_0001", 0, 1000))))));
    }

    @Test
    void attemptsThatFailedBeforeTheRestartStillCount() {
        JobSettings twoAttempts = Harness.settings(JobSettings.TASK_MAX_ATTEMPTS, "2");
        List<MapSplit> splits = List.of(new MapSplit(0, 1000, List.of()));
        AttemptId before = map("job_0001", 0, 0);
        h.on(new Event.JobResumed(h.now, "job_0001", twoAttempts, splits, 0, 1, List.of(),
                List.of(new Event.AttemptFailed(before, "w1", 10, 20, "java.lang.IllegalStateException: bad input"))));
        assertEquals(AttemptState.FAILED, h.attempt(before).state());
        h.register("w2", "w2", 1);
        AttemptId again = map("job_0001", 0, 1000);
        assertEquals(List.of(again), assigned(h.heartbeat("w2")));
        h.heartbeat("w2", Harness.failed(again, "java.lang.IllegalStateException: bad input"));
        JobStatus s = h.job("job_0001");
        assertEquals(JobPhase.FAILED, s.phase(), "two failures in all, one before the restart: " + s.diagnostics());
        assertTrue(s.diagnostics().contains("failed 2 times"), s.diagnostics());
    }
}
