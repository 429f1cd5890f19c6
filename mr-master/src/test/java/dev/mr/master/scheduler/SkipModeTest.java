package dev.mr.master.scheduler;

import static dev.mr.master.scheduler.Harness.assigned;
import static dev.mr.master.scheduler.Harness.assignedOne;
import static dev.mr.master.scheduler.Harness.failed;
import static dev.mr.master.scheduler.Harness.failedOn;
import static dev.mr.master.scheduler.Harness.finished;
import static dev.mr.master.scheduler.Harness.finishedSkipping;
import static dev.mr.master.scheduler.Harness.map;
import static dev.mr.master.scheduler.Harness.only;
import static dev.mr.master.scheduler.Harness.reduce;
import static dev.mr.master.scheduler.Harness.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.api.TaskCounter;
import dev.mr.api.spi.AttemptId;
import dev.mr.master.scheduler.Effect.AssignAttempt;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Skip mode, as Hadoop's SkipBadRecords: a task that failed twice runs in skip mode when its job
 * allows skipping records of its kind; a skip-mode attempt that dies on a record not known before
 * made progress, so it does not use up the task's attempts, and the next attempt is told to skip
 * that record; skipped records, known and committed, are held against the job's limit, whose
 * breach fails the job naming the setting. Off by default. Also: a LOST report re-runs its attempt
 * without counting a failure.
 */
class SkipModeTest {

    private final Harness h = new Harness();

    private static final String LIMIT_10 = "10";

    /** The one assignment in the last effects. */
    private AssignAttempt assignment() {
        List<AssignAttempt> a = only(h.last, AssignAttempt.class);
        assertEquals(1, a.size(), () -> "expected one assignment in " + h.last);
        return a.get(0);
    }

    /** Fails the task's attempts on w1 until its attempt {@code n} is assigned; returns that attempt. */
    private AttemptId failUntilAttempt(AttemptId first, int n) {
        AttemptId a = first;
        for (int i = 0; i < n; i++) {
            h.advance(100);
            a = assignedOne(h.heartbeat("w1", failed(a, "boom " + i)));
        }
        return a;
    }

    @Test
    void aTaskRunsInSkipModeFromItsThirdAttemptWhenItsJobMaySkipRecords() {
        h.register("w1", "h1", 1);
        h.submit("job_0001", settings("mr.skip.map.records.max", LIMIT_10, JobSettings.WORKER_MAX_FAILURES, "10"), 1, 0);
        AttemptId a = assignedOne(h.heartbeat("w1"));
        assertFalse(assignment().skipMode());
        a = failUntilAttempt(a, 1);
        assertFalse(assignment().skipMode(), "one failure is not enough");
        a = failUntilAttempt(a, 1);
        assertEquals(map("job_0001", 0, 2), a);
        assertTrue(assignment().skipMode());
        assertEquals(List.of(), assignment().skipRecords());
        assertTrue(h.attempt(a).skipMode());
    }

    @Test
    void skipModeIsOffByDefaultAndPerKind() {
        h.register("w1", "h1", 1);
        h.submit("job_0001", settings(JobSettings.WORKER_MAX_FAILURES, "10"), 1, 0);
        failUntilAttempt(assignedOne(h.heartbeat("w1")), 3);
        assertFalse(assignment().skipMode(), "no limit set: never skip mode");

        h.submit("job_0002", settings("mr.skip.map.records.max", LIMIT_10, JobSettings.WORKER_MAX_FAILURES, "10"), 0, 1);
        h.register("w2", "h2", 1);
        AttemptId r = assignedOne(h.heartbeat("w2"));
        for (int i = 0; i < 3; i++) {
            h.advance(100);
            r = assignedOne(h.heartbeat("w2", failed(r, "boom")));
            assertFalse(assignment().skipMode(), "a map limit does not put reduces in skip mode");
        }
    }

    @Test
    void aSkipModeFailureOnANewRecordIsProgressAndTheNextAttemptSkipsIt() {
        h.register("w1", "h1", 1);
        h.submit("job_0001", settings("mr.skip.map.records.max", LIMIT_10, JobSettings.WORKER_MAX_FAILURES, "10"), 1, 0);
        AttemptId a = failUntilAttempt(assignedOne(h.heartbeat("w1")), 2);
        h.advance(100);
        AttemptId b = assignedOne(h.heartbeat("w1", failedOn(a, "dfs:/in/x.txt:120")));
        assertEquals(List.of("dfs:/in/x.txt:120"), assignment().skipRecords());
        h.advance(100);
        AttemptId c = assignedOne(h.heartbeat("w1", failedOn(b, "dfs:/in/x.txt:4096")));
        assertEquals(List.of("dfs:/in/x.txt:120", "dfs:/in/x.txt:4096"), assignment().skipRecords(), "in the order reported");
        TaskStatus t = h.task(a.task());
        assertEquals(2, t.failedAttempts(), "progress is not a failure");
        assertEquals(List.of("dfs:/in/x.txt:120", "dfs:/in/x.txt:4096"), t.badRecords());
        assertEquals(AttemptState.FAILED, h.attempt(b).state());
        assertEquals("executor died reading dfs:/in/x.txt:4096", h.attempt(b).error(), "the attempts table shows why");

        h.advance(100);
        AttemptId d = assignedOne(h.heartbeat("w1", failedOn(c, "dfs:/in/x.txt:120")));
        assertEquals(3, h.task(a.task()).failedAttempts(), "dying on a record it was told to skip is a failure");
        assertEquals(2, assignment().skipRecords().size());
        h.advance(100);
        h.heartbeat("w1", failed(d, "boom"));
        assertEquals(JobPhase.FAILED, h.job("job_0001").phase(), "the attempt limit still holds in skip mode");
        assertTrue(h.job("job_0001").diagnostics().startsWith("task job_0001_m_000000 failed 4 times"), h.job("job_0001").diagnostics());
    }

    @Test
    void aBadRecordFromAnAttemptNotInSkipModeIsAnOrdinaryFailure() {
        h.register("w1", "h1", 1);
        h.submit("job_0001", settings("mr.skip.map.records.max", LIMIT_10), 1, 0);
        AttemptId a = assignedOne(h.heartbeat("w1"));
        h.advance(100);
        h.heartbeat("w1", failedOn(a, "in.txt:0"));
        assertEquals(1, h.task(a.task()).failedAttempts());
        assertEquals(List.of(), h.task(a.task()).badRecords());
    }

    @Test
    void theJobFailsOnceATasksBadRecordsExceedTheLimit() {
        h.register("w1", "h1", 1);
        h.register("w2", "h2", 1);
        h.submit("job_0001", settings("mr.skip.map.records.max", "2", JobSettings.WORKER_MAX_FAILURES, "10"), 2, 0);
        AttemptId other = assignedOne(h.heartbeat("w2"));
        AttemptId a = failUntilAttempt(assignedOne(h.heartbeat("w1")), 2);
        for (String bad : List.of("in.txt:0", "in.txt:10")) {
            h.advance(100);
            a = assignedOne(h.heartbeat("w1", failedOn(a, bad)));
        }
        assertEquals(JobPhase.RUNNING, h.job("job_0001").phase(), "two bad records are within the limit of 2");
        h.advance(100);
        List<Effect> out = h.heartbeat("w1", failedOn(a, "in.txt:20"));
        JobStatus j = h.job("job_0001");
        assertEquals(JobPhase.FAILED, j.phase());
        assertEquals("3 input records were skipped, more than mr.skip.map.records.max=2 allows", j.diagnostics());
        assertEquals(List.of(new Effect.AbortJob("job_0001")), only(out, Effect.AbortJob.class));
        assertTrue(assigned(out).isEmpty());
        assertEquals(AttemptState.KILLED, h.attempt(other).state());
    }

    @Test
    void skippedRecordsOfWinningAttemptsAddUpOverTheJobAndFailItPastTheLimit() {
        h.register("w1", "h1", 2);
        h.submit("job_0001", settings("mr.skip.map.records.max", LIMIT_10), 3, 0);
        List<AttemptId> maps = assigned(h.heartbeat("w1"));
        h.advance(100);
        h.confirmCommits(h.heartbeat("w1", finishedSkipping(maps.get(0), 6), finishedSkipping(maps.get(1), 4)));
        assertEquals(JobPhase.RUNNING, h.job("job_0001").phase(), "10 skipped is within a limit of 10");
        assertEquals(10, h.job("job_0001").counters().get(TaskCounter.SKIPPED_RECORDS));
        AttemptId last = h.runs("w1").get(0);
        h.advance(100);
        List<Effect> out = h.heartbeat("w1", finishedSkipping(last, 1));
        h.confirmCommits(out);
        JobStatus j = h.job("job_0001");
        assertEquals(JobPhase.FAILED, j.phase());
        assertEquals("11 input records were skipped, more than mr.skip.map.records.max=10 allows", j.diagnostics());
        assertEquals(1, h.last.stream().filter(e -> e instanceof Effect.AbortJob).count(), "the output is aborted: " + h.last);
    }

    @Test
    void theJobCommitPublishesTheSkippedRecordsOfWinningMapsThatNeverCommit() {
        h.register("w1", "h1", 3);
        h.submit("job_0001", settings("mr.skip.map.records.max", LIMIT_10, JobSettings.REDUCE_SLOWSTART, "1"), 3, 1);
        List<AttemptId> maps = assigned(h.heartbeat("w1"));
        h.advance(100);
        List<Effect> out = h.heartbeat("w1", finished(maps.get(0)), finishedSkipping(maps.get(1), 2), finishedSkipping(maps.get(2), 0));
        AttemptId r = assignedOne(out);
        h.advance(100);
        h.commitDone(only(h.heartbeat("w1", finishedSkipping(r, 0)), Effect.CommitTask.class).get(0).attempt());
        assertEquals(List.of(new Effect.CommitJob("job_0001", List.of(maps.get(1)))), only(h.last, Effect.CommitJob.class));
    }

    @Test
    void aMapWhoseOutputIsLostNoLongerCountsItsSkippedRecords() {
        h.register("w1", "h1", 1);
        h.register("w2", "h2", 1);
        h.submit("job_0001", settings("mr.skip.map.records.max", "5", JobSettings.REDUCE_SLOWSTART, "1"), 1, 1);
        AttemptId m = assignedOne(h.heartbeat("w1"));
        h.advance(100);
        h.heartbeat("w1", 0, finishedSkipping(m, 3));
        AttemptId r = assignedOne(h.heartbeat("w2"));
        h.advance(10_000);
        h.heartbeat("w2", new AttemptUpdate.Running(r, 0.1, 1));
        h.tick(); // w1 is silent: its map output is lost
        assertEquals(WorkerState.DEAD, h.worker("w1").state());
        h.register("w3", "h3", 1);
        AttemptId again = assignedOne(h.heartbeat("w3"));
        assertEquals(map("job_0001", 0, 1), again);
        h.advance(100);
        h.heartbeat("w3", 0, finishedSkipping(again, 3));
        assertEquals(JobPhase.RUNNING, h.job("job_0001").phase(), "3 skipped, not 6: the lost winner no longer counts");
        h.advance(100);
        h.confirmCommits(h.heartbeat("w2", finished(r)));
        assertEquals(JobPhase.SUCCEEDED, h.job("job_0001").phase());
        assertEquals(3, h.job("job_0001").counters().get(TaskCounter.SKIPPED_RECORDS));
        assertEquals(reduce("job_0001", 0, 0), r);
    }

    @Test
    void reducesSkipKeyGroupsAgainstTheirOwnLimit() {
        h.register("w1", "h1", 1);
        h.submit("job_0001", settings("mr.skip.reduce.groups.max", "1", JobSettings.WORKER_MAX_FAILURES, "10"), 0, 1);
        AttemptId r = failUntilAttempt(assignedOne(h.heartbeat("w1")), 2);
        assertTrue(assignment().skipMode());
        h.advance(100);
        r = assignedOne(h.heartbeat("w1", failedOn(r, "apple")));
        assertEquals(List.of("apple"), assignment().skipRecords());
        h.advance(100);
        h.heartbeat("w1", failedOn(r, "pear"));
        assertEquals("2 key groups were skipped, more than mr.skip.reduce.groups.max=1 allows", h.job("job_0001").diagnostics());
    }

    @Test
    void aLostAttemptRunsAgainWithoutCountingAFailureAndKeepsItsReason() {
        h.register("w1", "h1", 1);
        h.submit("job_0001", settings(JobSettings.WORKER_MAX_FAILURES, "1"), 1, 0);
        AttemptId a = assignedOne(h.heartbeat("w1"));
        h.advance(100);
        AttemptId b = assignedOne(h.heartbeat("w1", new AttemptUpdate.Lost(a, "its executor was stopped: job_0001_m_000007_0 did not stop when killed")));
        assertEquals(map("job_0001", 0, 1), b);
        AttemptStatus lost = h.attempt(a);
        assertEquals(AttemptState.KILLED, lost.state());
        assertEquals("its executor was stopped: job_0001_m_000007_0 did not stop when killed", lost.error());
        TaskStatus t = h.task(a.task());
        assertEquals(0, t.failedAttempts());
        assertEquals(0, t.workerDeaths());
        assertTrue(h.job("job_0001").excludedWorkers().isEmpty(), "not the worker's fault either");

        h.advance(100);
        h.confirmCommits(h.heartbeat("w1", finished(b)));
        List<Effect> late = h.heartbeat("w1", new AttemptUpdate.Lost(b, "late"));
        Harness.assertIgnored(late, b.toString());
        assertEquals(JobPhase.SUCCEEDED, h.job("job_0001").phase());
    }
}
