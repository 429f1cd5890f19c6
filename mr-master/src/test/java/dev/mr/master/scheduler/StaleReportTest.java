package dev.mr.master.scheduler;

import static dev.mr.master.scheduler.Harness.assertIgnored;
import static dev.mr.master.scheduler.Harness.assigned;
import static dev.mr.master.scheduler.Harness.assignedOne;
import static dev.mr.master.scheduler.Harness.failed;
import static dev.mr.master.scheduler.Harness.finished;
import static dev.mr.master.scheduler.Harness.map;
import static dev.mr.master.scheduler.Harness.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.api.spi.AttemptId;
import dev.mr.master.scheduler.AttemptUpdate.Running;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Networks duplicate and delay messages and processes pause and restart: reports that are late,
 * repeated, from an earlier life of a worker, or about attempts that are no longer current must
 * change nothing, and each is logged as ignored.
 */
class StaleReportTest {

    private final Harness h = new Harness();

    @Test
    void aRepeatedFinishedReportIsIgnored() {
        h.register("w1", "h1", 1);
        h.submit("job_0001", 1, 0);
        AttemptId a = assignedOne(h.heartbeat("w1"));
        h.advance(100);
        assertEquals(List.of(new Effect.CommitTask(a)), only(h.heartbeat("w1", finished(a)), Effect.CommitTask.class));
        h.advance(100);
        List<Effect> again = h.rawHeartbeat("w1", 1, 1, List.of(finished(a)));
        assertIgnored(again, a.toString());
        assertTrue(only(again, Effect.CommitTask.class).isEmpty());
        assertEquals(AttemptState.COMMITTING, h.attempt(a).state());
    }

    @Test
    void aRepeatedCommitReportIsIgnored() {
        h.register("w1", "h1", 1);
        h.submit("job_0001", 2, 0);
        AttemptId a = assigned(h.heartbeat("w1")).get(0);
        h.advance(100);
        h.heartbeat("w1", finished(a));
        h.commitDone(a);
        assertIgnored(h.commitDone(a), a.toString());
        assertIgnored(h.on(new Event.TaskCommitFailed(h.now, a, "late")), a.toString());
        assertEquals(AttemptState.SUCCEEDED, h.attempt(a).state());
        assertEquals(1, h.job("job_0001").completedMaps());
    }

    @Test
    void lateReportsOfAWorkerDeclaredDeadAreIgnoredAndItIsToldToRegisterAgain() {
        h.register("w1", "h1", 1);
        h.register("w2", "h2", 1);
        h.submit("job_0001", 1, 0);
        AttemptId first = assignedOne(h.heartbeat("w1"));
        h.advance(10_000);
        h.heartbeat("w2");
        h.tick(); // w1 was paused (SIGSTOP) past the expiry
        AttemptId rerun = h.runs("w2").isEmpty() ? assignedOne(h.heartbeat("w2")) : h.runs("w2").get(0);
        assertEquals(map("job_0001", 0, 1), rerun);

        h.advance(1_000); // SIGCONT: w1 resumes where it was and reports its attempt done
        List<Effect> out = h.rawHeartbeat("w1", 1, 0, List.of(finished(first)));
        assertIgnored(out, first.toString());
        assertEquals(List.of(new Effect.Reregister("w1")), only(out, Effect.Reregister.class));
        assertTrue(only(out, Effect.CommitTask.class).isEmpty());
        assertEquals(AttemptState.KILLED, h.attempt(first).state());

        h.advance(100);
        assertEquals(List.of(new Effect.CommitTask(rerun)), only(h.heartbeat("w2", finished(rerun)), Effect.CommitTask.class));
        h.commitDone(rerun);
        assertEquals(2, h.register("w1", "h1", 1), "it comes back as a new incarnation");
        assertIgnored(h.on(new Event.FetchFailureReported(h.now, "w1", 1, first, first)), first.toString());
        assertEquals(1, h.scheduler.tasks("job_0001").get(0).attempts().stream().filter(a -> a.state() == AttemptState.SUCCEEDED).count());
    }

    @Test
    void aRegistrationOfALiveWorkerEndsItsPreviousIncarnation() {
        h.register("w1", "h1", 1);
        h.submit("job_0001", 1, 0);
        AttemptId a = assignedOne(h.heartbeat("w1"));
        h.advance(100);
        assertEquals(2, h.register("w1", "h1", 1), "restarted before it expired");
        assertEquals(AttemptState.KILLED, h.attempt(a).state());
        assertEquals(1, h.task(a.task()).workerDeaths());

        List<Effect> old = h.rawHeartbeat("w1", 1, 1, List.of(finished(a)));
        assertIgnored(old, a.toString());
        assertTrue(only(old, Effect.Reregister.class).isEmpty(), "a superseded incarnation must not end the live one by registering");
        assertEquals(List.of(map("job_0001", 0, 1)), assigned(h.heartbeat("w1")));
    }

    @Test
    void anUnknownWorkerIsToldToRegister() {
        List<Effect> out = h.rawHeartbeat("w9", 3, 2, List.of());
        assertEquals(List.of(new Effect.Reregister("w9")), out);
    }

    @Test
    void aReportAboutAnotherWorkersAttemptIsIgnored() {
        h.register("w1", "h1", 1);
        h.register("w2", "h2", 1);
        h.submit("job_0001", 1, 0);
        AttemptId a = assignedOne(h.heartbeat("w1"));
        List<Effect> out = h.rawHeartbeat("w2", 1, 1, List.of(finished(a)));
        assertIgnored(out, a.toString());
        assertEquals(AttemptState.RUNNING, h.attempt(a).state());
        out = h.rawHeartbeat("w2", 1, 0, List.of(new Running(a)));
        assertEquals(List.of(new Effect.KillAttempt("w2", a)), only(out, Effect.KillAttempt.class),
                "whatever w2 runs under that id is not what the scheduler gave it");
        assertEquals(AttemptState.RUNNING, h.attempt(a).state());
    }

    @Test
    void anAttemptTheWorkerNoLongerMentionsIsTakenAsLostAndRunsAgain() {
        h.register("w1", "h1", 1);
        h.submit("job_0001", 1, 0);
        AttemptId a = assignedOne(h.heartbeat("w1"));
        h.advance(1_000); // the answer carrying the assignment never reached w1
        List<Effect> out = h.rawHeartbeat("w1", 1, 1, List.of());
        assertEquals(AttemptState.KILLED, h.attempt(a).state());
        assertEquals(0, h.task(a.task()).failedAttempts());
        assertEquals(0, h.task(a.task()).workerDeaths());
        assertEquals(List.of(map("job_0001", 0, 1)), assigned(out));
    }

    @Test
    void aWorkerStillRunningAnAttemptTheSchedulerGaveUpOnIsToldToKillIt() {
        h.register("w1", "h1", 1);
        h.submit("job_0001", 1, 0);
        AttemptId a = assignedOne(h.heartbeat("w1"));
        h.on(new Event.JobKillRequested(h.now, "job_0001"));
        assertEquals(AttemptState.KILLED, h.attempt(a).state());
        h.advance(100);
        assertEquals(List.of(new Effect.KillAttempt("w1", a)), only(h.heartbeat("w1"), Effect.KillAttempt.class));
        h.advance(100);
        assertIgnored(h.rawHeartbeat("w1", 1, 1, List.of(failed(a, "interrupted"))), a.toString());
        assertEquals(0, h.task(a.task()).failedAttempts(), "the failure of a killed attempt does not count");
    }

    @Test
    void reportsAboutUnknownAttemptsAreIgnored() {
        h.register("w1", "h1", 1);
        AttemptId ghost = map("job_0042", 7, 3);
        List<Effect> out = h.rawHeartbeat("w1", 1, 1, List.of(finished(ghost), new Running(ghost)));
        assertIgnored(out, ghost.toString());
        assertEquals(List.of(new Effect.KillAttempt("w1", ghost)), only(out, Effect.KillAttempt.class));
        assertIgnored(h.commitDone(ghost), ghost.toString());
        assertIgnored(h.jobCommitDone("job_0042"), "job_0042");
        assertIgnored(h.on(new Event.JobKillRequested(h.now, "job_0042")), "job_0042");
    }
}
