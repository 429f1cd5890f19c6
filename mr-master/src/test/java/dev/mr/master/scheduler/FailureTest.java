package dev.mr.master.scheduler;

import static dev.mr.master.scheduler.Harness.assigned;
import static dev.mr.master.scheduler.Harness.assignedOne;
import static dev.mr.master.scheduler.Harness.failed;
import static dev.mr.master.scheduler.Harness.finished;
import static dev.mr.master.scheduler.Harness.map;
import static dev.mr.master.scheduler.Harness.only;
import static dev.mr.master.scheduler.Harness.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.api.spi.AttemptId;
import dev.mr.api.spi.TaskId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Failure is normal: attempts fail and are retried within limits, workers die and their work is re-run, bad workers are avoided. */
class FailureTest {

    private final Harness h = new Harness();

    @Test
    void aFailedAttemptIsRetried() {
        h.register("w1", "h1", 1);
        h.submit("job_0001", 1, 0);
        AttemptId first = assignedOne(h.heartbeat("w1"));
        h.advance(100);
        AttemptId second = assignedOne(h.heartbeat("w1", failed(first, "java.lang.RuntimeException: boom")));
        assertEquals(map("job_0001", 0, 1), second);
        TaskStatus t = h.task(first.task());
        assertEquals(1, t.failedAttempts());
        assertEquals("java.lang.RuntimeException: boom", t.lastError());
        assertEquals(AttemptState.FAILED, h.attempt(first).state());
    }

    @Test
    void theJobFailsAfterTheMaximumOfFailedAttemptsNamingTheTaskAndItsLastError() {
        h.register("w1", "h1", 1);
        h.register("w2", "h2", 1);
        h.submit("job_0001", settings(JobSettings.WORKER_MAX_FAILURES, "10"), 2, 1);
        AttemptId other = assignedOne(h.heartbeat("w1"));
        AttemptId a = assignedOne(h.heartbeat("w2"));
        for (int i = 1; i <= 3; i++) {
            h.advance(100);
            a = assignedOne(h.heartbeat("w2", failed(a, "boom " + i)));
            assertEquals(map("job_0001", 1, i), a);
        }
        h.advance(100);
        List<Effect> out = h.heartbeat("w2", failed(a, "boom 4"));
        assertEquals(List.of(new Effect.AbortJob("job_0001")), only(out, Effect.AbortJob.class));
        assertTrue(assigned(out).isEmpty());
        JobStatus j = h.job("job_0001");
        assertEquals(JobPhase.FAILED, j.phase());
        assertEquals(dev.mr.api.JobState.FAILED, j.state());
        assertEquals("task job_0001_m_000001 failed 4 times; last error: boom 4", j.diagnostics());
        assertEquals(AttemptState.KILLED, h.attempt(other).state(), "the job's other attempts are killed");
        assertEquals(TaskState.KILLED, h.task(TaskId.reduce("job_0001", 0)).state());
        assertEquals(List.of(new Effect.KillAttempt("w1", other)), only(h.heartbeat("w1"), Effect.KillAttempt.class));
    }

    @Test
    void anAttemptLostWithItsWorkerIsKilledNotFailedAndRunsElsewhere() {
        h.register("w1", "h1", 1);
        h.submit("job_0001", 1, 0);
        AttemptId a = assignedOne(h.heartbeat("w1"));
        h.advance(5_000);
        h.register("w2", "h2", 1);
        h.advance(5_000);
        h.heartbeat("w2");
        List<Effect> out = h.tick();
        assertEquals(List.of(new Effect.LogWorkerLost("w1", 1, "silent for 10000 ms")), only(out, Effect.LogWorkerLost.class));
        assertEquals(WorkerState.DEAD, h.worker("w1").state());
        assertEquals(AttemptState.KILLED, h.attempt(a).state());
        TaskStatus t = h.task(a.task());
        assertEquals(0, t.failedAttempts());
        assertEquals(1, t.workerDeaths());
        assertEquals(TaskState.WAITING, t.state());
        assertEquals(map("job_0001", 0, 1), assignedOne(h.heartbeat("w2")));
    }

    @Test
    void aWorkerIsDeclaredDeadOnlyAfterTheExpiry() {
        h.register("w1", "h1", 1);
        h.advance(9_999);
        h.tick();
        assertEquals(WorkerState.ALIVE, h.worker("w1").state());
        h.heartbeat("w1");
        h.advance(9_999);
        h.tick();
        assertEquals(WorkerState.ALIVE, h.worker("w1").state(), "the heartbeat reset the silence");
        h.advance(1);
        h.tick();
        assertEquals(WorkerState.DEAD, h.worker("w1").state());
    }

    @Test
    void aTaskThatKeepsTakingDownItsWorkersFailsTheJobAfterTheDeathLimit() {
        h.submit("job_0001", settings(JobSettings.TASK_MAX_WORKER_DEATHS, "3"), 1, 0);
        for (int i = 1; i <= 3; i++) {
            String w = "w" + i;
            h.register(w, w, 1);
            assertEquals(map("job_0001", 0, i - 1), assignedOne(h.heartbeat(w)));
            h.advance(10_000);
            h.tick();
        }
        JobStatus j = h.job("job_0001");
        assertEquals(JobPhase.FAILED, j.phase());
        assertTrue(j.diagnostics().startsWith("task job_0001_m_000000 was running on 3 workers that died"), j.diagnostics());
        assertEquals(0, h.task(TaskId.map("job_0001", 0)).failedAttempts());
    }

    @Test
    void aWorkerThatFailsThreeTasksOfAJobGetsNoMoreOfThemButStillGetsOtherJobs() {
        for (String w : List.of("w1", "w2", "w3", "w4")) h.register(w, w, 1);
        h.submit("job_0001", 10, 0);
        for (int i = 0; i < 3; i++) {
            AttemptId a = i == 0 ? assignedOne(h.heartbeat("w1")) : h.runs("w1").get(0);
            h.advance(100);
            h.heartbeat("w1", failed(a, "bad disk"));
        }
        assertTrue(h.runs("w1").isEmpty(), "the third failure excluded w1 before its slot was refilled");
        assertEquals(List.of("w1"), h.job("job_0001").excludedWorkers());
        assertEquals(List.of("job_0001"), h.worker("w1").excludedFrom());
        assertTrue(assigned(h.heartbeat("w1")).isEmpty());
        h.submit("job_0002", 1, 0);
        assertEquals(List.of(map("job_0002", 0, 0)), assigned(h.heartbeat("w1")));
    }

    @Test
    void exclusionIsSuspendedWhenItWouldLeaveTooFewWorkers() {
        h.register("w1", "h1", 1);
        h.submit("job_0001", 10, 0);
        AttemptId a = assignedOne(h.heartbeat("w1"));
        for (int i = 0; i < 3; i++) {
            h.advance(100);
            a = assignedOne(h.heartbeat("w1", failed(a, "flaky")));
        }
        assertEquals(List.of("w1"), h.job("job_0001").excludedWorkers());
        assertTrue(h.worker("w1").excludedFrom().isEmpty(), "the only live worker is never shut out of a job");
    }

    @Test
    void completedMapsOfALostWorkerRunAgainWhileAReduceStillNeedsThem() {
        h.register("w1", "h1", 2);
        h.register("w2", "h2", 1);
        h.submit("job_0001", 2, 1);
        List<AttemptId> maps = assigned(h.heartbeat("w1"));
        h.advance(100);
        h.heartbeat("w1", 0, finished(maps.get(0)), finished(maps.get(1)));
        AttemptId r = assignedOne(h.heartbeat("w2"));
        assertEquals(2, h.job("job_0001").completedMaps());
        h.advance(10_000);
        h.heartbeat("w2", new AttemptUpdate.Running(r, 0.3, 2));
        h.tick();
        assertEquals(0, h.job("job_0001").completedMaps());
        assertEquals(AttemptState.KILLED, h.attempt(maps.get(0)).state());
        assertEquals(TaskState.WAITING, h.task(maps.get(0).task()).state());
        assertEquals(0, h.task(maps.get(0).task()).failedAttempts(), "a lost output is not the map's fault");
        Effect.TellMapOutputs told = only(h.heartbeat("w2", new AttemptUpdate.Running(r, 0.3, 2)), Effect.TellMapOutputs.class).get(0);
        assertEquals(List.of(new MapOutputEvent(2, maps.get(0), "http://w1", true), new MapOutputEvent(3, maps.get(1), "http://w1", true)),
                told.events());
        h.register("w3", "h3", 2);
        assertEquals(List.of(map("job_0001", 0, 1), map("job_0001", 1, 1)), assigned(h.heartbeat("w3")));
    }

    @Test
    void completedMapsAreNotRerunOnceEveryReduceCommitted() {
        h.register("w1", "h1", 1);
        h.register("w2", "h2", 1);
        h.submit("job_0001", 1, 1);
        AttemptId m = assignedOne(h.heartbeat("w1"));
        h.advance(100);
        h.heartbeat("w1", 0, finished(m));
        AttemptId r = assignedOne(h.heartbeat("w2"));
        h.advance(100);
        h.commitDone(only(h.heartbeat("w2", finished(r)), Effect.CommitTask.class).get(0).attempt());
        assertEquals(JobPhase.COMMITTING, h.job("job_0001").phase());
        h.advance(10_000);
        h.heartbeat("w2");
        h.tick();
        assertEquals(WorkerState.DEAD, h.worker("w1").state());
        assertEquals(AttemptState.SUCCEEDED, h.attempt(m).state());
        assertEquals(1, h.job("job_0001").completedMaps());
    }

    @Test
    void committedMapsOfAMapOnlyJobAreNotRerunWhenTheirWorkerDies() {
        h.register("w1", "h1", 1);
        h.register("w2", "h2", 1);
        h.submit("job_0001", 2, 0);
        AttemptId m0 = assignedOne(h.heartbeat("w1"));
        AttemptId m1 = assignedOne(h.heartbeat("w2"));
        h.advance(100);
        h.commitDone(only(h.heartbeat("w1", finished(m0)), Effect.CommitTask.class).get(0).attempt());
        h.advance(10_000);
        h.heartbeat("w2");
        h.tick();
        assertEquals(WorkerState.DEAD, h.worker("w1").state());
        assertEquals(TaskState.SUCCEEDED, h.task(m0.task()).state(), "its output is in the filesystem, not on the worker");
        assertEquals(AttemptState.RUNNING, h.attempt(m1).state());
    }
}
