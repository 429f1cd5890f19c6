package dev.mr.master.scheduler;

import static dev.mr.master.scheduler.Harness.assigned;
import static dev.mr.master.scheduler.Harness.assignedOne;
import static dev.mr.master.scheduler.Harness.failed;
import static dev.mr.master.scheduler.Harness.finished;
import static dev.mr.master.scheduler.Harness.only;
import static dev.mr.master.scheduler.Harness.reduce;
import static dev.mr.master.scheduler.Harness.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.api.Counters;
import dev.mr.api.spi.AttemptId;
import dev.mr.master.scheduler.Effect.CommitTask;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Output appears once or not at all: exactly one attempt per task commits, the job is committed
 * after its last task and only then succeeds, a failed or killed job's output is aborted (after
 * any commit in flight settled), and counters come from committed attempts only.
 */
class CommitTest {

    private final Harness h = new Harness();

    /** A reduce attempt on w1 and its backup on w2, both running. */
    private List<AttemptId> reduceWithBackup() {
        h.register("w1", "h1", 1);
        h.register("w2", "h2", 1);
        h.submit("job_0001", settings(JobSettings.SPECULATION_MIN_MS, "0", JobSettings.REDUCE_SLOWSTART, "0"), 0, 2);
        AttemptId r0 = assignedOne(h.heartbeat("w1"));
        AttemptId r1 = assignedOne(h.heartbeat("w2"));
        h.advance(100);
        h.confirmCommits(h.heartbeat("w2", 0, finished(r1)));
        h.advance(1_000);
        AttemptId backup = assignedOne(h.heartbeat("w2"));
        assertEquals(reduce("job_0001", 0, 1), backup);
        return List.of(r0, backup);
    }

    @Test
    void onlyTheFirstAttemptToFinishIsGrantedTheCommit() {
        List<AttemptId> both = reduceWithBackup();
        h.advance(100);
        assertEquals(List.of(new CommitTask(both.get(1))), only(h.heartbeat("w2", finished(both.get(1))), CommitTask.class));
        h.advance(100);
        assertTrue(only(h.heartbeat("w1", finished(both.get(0))), CommitTask.class).isEmpty(), "the task's commit is taken");
        AttemptStatus denied = h.attempt(both.get(0));
        assertEquals(AttemptState.KILLED, denied.state());
        assertTrue(denied.error().startsWith("commit denied"), denied.error());
        h.commitDone(both.get(1));
        assertEquals(TaskState.SUCCEEDED, h.task(both.get(0).task()).state());
        assertEquals(1, h.job("job_0001").counters().get("test", "INDEX"), "reduce 1 once; reduce 0 adds 0");
        assertEquals(2, h.job("job_0001").counters().get("test", "ATTEMPTS"));
    }

    @Test
    void theOtherAttemptIsKilledWhenTheCommitSucceeds() {
        List<AttemptId> both = reduceWithBackup();
        h.advance(100);
        h.heartbeat("w2", finished(both.get(1)));
        assertEquals(AttemptState.RUNNING, h.attempt(both.get(0)).state(), "it may still be needed if the commit fails");
        h.commitDone(both.get(1));
        assertEquals(AttemptState.KILLED, h.attempt(both.get(0)).state());
    }

    @Test
    void aFailedCommitCountsAsAFailedAttemptAndTheTaskRunsAgain() {
        h.register("w1", "h1", 1);
        h.submit("job_0001", 1, 0);
        AttemptId a = assignedOne(h.heartbeat("w1"));
        h.advance(100);
        h.heartbeat("w1", 0, finished(a));
        h.on(new Event.TaskCommitFailed(h.now, a, "rename failed: disk full"));
        assertEquals(AttemptState.FAILED, h.attempt(a).state());
        TaskStatus t = h.task(a.task());
        assertEquals(TaskState.WAITING, t.state());
        assertEquals(1, t.failedAttempts());
        assertEquals("commit failed: rename failed: disk full", t.lastError());
        AttemptId again = assignedOne(h.heartbeat("w1"));
        h.advance(100);
        assertEquals(List.of(new CommitTask(again)), only(h.heartbeat("w1", finished(again)), CommitTask.class));
    }

    @Test
    void theJobIsCommittedAfterItsLastTaskAndSucceedsWhenTheEdgeConfirms() {
        h.register("w1", "h1", 2);
        h.submit("job_0001", 2, 0);
        List<AttemptId> maps = assigned(h.heartbeat("w1"));
        h.advance(100);
        List<Effect> out = h.heartbeat("w1", finished(maps.get(0)), finished(maps.get(1)));
        assertEquals(List.of(new CommitTask(maps.get(0)), new CommitTask(maps.get(1))), only(out, CommitTask.class));
        assertTrue(h.commitDone(maps.get(0)).isEmpty());
        assertEquals(List.of(new Effect.CommitJob("job_0001")), h.commitDone(maps.get(1)));
        assertEquals(JobPhase.COMMITTING, h.job("job_0001").phase());
        assertEquals(dev.mr.api.JobState.RUNNING, h.job("job_0001").state());
        assertTrue(h.jobCommitDone("job_0001").isEmpty());
        JobStatus j = h.job("job_0001");
        assertEquals(JobPhase.SUCCEEDED, j.phase());
        assertEquals(h.now, j.finishTime());
        assertEquals(List.of(new Effect.CleanUpJob("w1", "job_0001")), only(h.heartbeat("w1"), Effect.CleanUpJob.class));
    }

    @Test
    void aFailedJobCommitFailsTheJobAndAbortsItsOutput() {
        h.submit("job_0001", 0, 0);
        List<Effect> out = h.on(new Event.JobCommitFailed(h.now, "job_0001", "cannot write _SUCCESS"));
        assertEquals(List.of(new Effect.AbortJob("job_0001")), out);
        assertEquals(JobPhase.FAILED, h.job("job_0001").phase());
        assertEquals("job commit failed: cannot write _SUCCESS", h.job("job_0001").diagnostics());
    }

    @Test
    void aKilledJobKillsItsAttemptsAndAbortsItsOutput() {
        h.register("w1", "h1", 2);
        h.submit("job_0001", 3, 1);
        List<AttemptId> running = assigned(h.heartbeat("w1"));
        List<Effect> out = h.on(new Event.JobKillRequested(h.now, "job_0001"));
        assertEquals(List.of(new Effect.AbortJob("job_0001")), out);
        JobStatus j = h.job("job_0001");
        assertEquals(JobPhase.KILLED, j.phase());
        assertEquals("killed on request", j.diagnostics());
        for (AttemptId a : running) assertEquals(AttemptState.KILLED, h.attempt(a).state());
        assertTrue(h.scheduler.tasks("job_0001").stream().allMatch(t -> t.state() == TaskState.KILLED));
        h.advance(100);
        List<Effect> answer = h.heartbeat("w1");
        assertEquals(2, only(answer, Effect.KillAttempt.class).size());
        assertEquals(List.of(new Effect.CleanUpJob("w1", "job_0001")), only(answer, Effect.CleanUpJob.class));
        assertTrue(assigned(answer).isEmpty());
        Harness.assertIgnored(h.on(new Event.JobKillRequested(h.now, "job_0001")), "job_0001");
    }

    @Test
    void aKillWaitsForATaskCommitInFlightBeforeAbortingTheOutput() {
        h.register("w1", "h1", 2);
        h.submit("job_0001", 2, 0);
        List<AttemptId> maps = assigned(h.heartbeat("w1"));
        h.advance(100);
        h.heartbeat("w1", finished(maps.get(0)));
        assertTrue(h.on(new Event.JobKillRequested(h.now, "job_0001")).isEmpty(), "a rename may still land in the output");
        assertEquals(JobPhase.KILL_WAIT, h.job("job_0001").phase());
        assertEquals(List.of(new Effect.AbortJob("job_0001")), h.commitDone(maps.get(0)));
        assertEquals(JobPhase.KILLED, h.job("job_0001").phase());
    }

    @Test
    void aFailureWaitsForATaskCommitInFlightBeforeAbortingTheOutput() {
        h.register("w1", "h1", 2);
        h.submit("job_0001", settings(JobSettings.TASK_MAX_ATTEMPTS, "1"), 2, 0);
        List<AttemptId> maps = assigned(h.heartbeat("w1"));
        h.advance(100);
        h.heartbeat("w1", finished(maps.get(0)), failed(maps.get(1), "boom"));
        assertEquals(JobPhase.FAIL_WAIT, h.job("job_0001").phase());
        assertEquals(List.of(new Effect.AbortJob("job_0001")),
                only(h.on(new Event.TaskCommitFailed(h.now, maps.get(0), "interrupted")), Effect.AbortJob.class));
        assertEquals(JobPhase.FAILED, h.job("job_0001").phase());
        assertEquals(TaskState.KILLED, h.task(maps.get(0).task()).state());
    }

    @Test
    void aKillDuringTheJobCommitIsIgnored() {
        h.submit("job_0001", 0, 0);
        Harness.assertIgnored(h.on(new Event.JobKillRequested(h.now, "job_0001")), "job_0001");
        h.jobCommitDone("job_0001");
        assertEquals(JobPhase.SUCCEEDED, h.job("job_0001").phase());
    }

    @Test
    void countersComeFromSuccessfulAttemptsOnly() {
        h.register("w1", "h1", 1);
        h.register("w2", "h2", 2);
        h.submit("job_0001", settings(JobSettings.REDUCE_SLOWSTART, "1"), 1, 1);
        AttemptId m = assignedOne(h.heartbeat("w1"));
        h.advance(100);
        h.heartbeat("w1", 0, finished(m));
        assertEquals(1, h.job("job_0001").counters().get("test", "ATTEMPTS"));
        AttemptId r = assignedOne(h.heartbeat("w2"));
        h.advance(10_000);
        h.heartbeat("w2", new AttemptUpdate.Running(r, 0.5, 1));
        h.tick(); // w1 dies with the map output
        assertEquals(new Counters(), h.job("job_0001").counters(), "the lost map's counters no longer count");
        AttemptId again = assignedOne(h.heartbeat("w2", 1, new AttemptUpdate.Running(r, 0.5, 1)));
        h.advance(100);
        h.heartbeat("w2", new AttemptUpdate.Finished(again, Harness.counters(again).increment("test", "RECORDS", 7)),
                new AttemptUpdate.Running(r, 0.5, 1));
        h.advance(100);
        h.confirmCommits(h.heartbeat("w2", finished(r)));
        JobStatus j = h.job("job_0001");
        assertEquals(JobPhase.SUCCEEDED, j.phase());
        assertEquals(2, j.counters().get("test", "ATTEMPTS"));
        assertEquals(7, j.counters().get("test", "RECORDS"));
    }
}
