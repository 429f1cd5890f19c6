package dev.mr.master.scheduler;

import static dev.mr.master.scheduler.Harness.assigned;
import static dev.mr.master.scheduler.Harness.assignedOne;
import static dev.mr.master.scheduler.Harness.finished;
import static dev.mr.master.scheduler.Harness.map;
import static dev.mr.master.scheduler.Harness.only;
import static dev.mr.master.scheduler.Harness.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.api.spi.AttemptId;
import dev.mr.master.scheduler.Effect.AssignAttempt;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Near the end of a phase a straggler gets one backup attempt on another worker and the first to
 * finish wins; short tasks are never duplicated, and the whole mechanism can be turned off.
 */
class SpeculationTest {

    private final Harness h = new Harness();

    /** Three maps on w1..w3; maps 0 and 1 finish after 2 s, map 2 (on w3) keeps running. */
    private AttemptId straggler(JobSettings s) {
        for (String w : List.of("w1", "w2", "w3")) h.register(w, w, 1);
        h.submit("job_0001", s, 3, 0);
        AttemptId a0 = assignedOne(h.heartbeat("w1"));
        AttemptId a1 = assignedOne(h.heartbeat("w2"));
        AttemptId a2 = assignedOne(h.heartbeat("w3"));
        h.advance(2_000);
        h.confirmCommits(h.heartbeat("w1", finished(a0)));
        h.confirmCommits(h.heartbeat("w2", finished(a1)));
        return a2;
    }

    @Test
    void aStragglerGetsOneBackupOnAnotherWorker() {
        AttemptId slow = straggler(JobSettings.defaults());
        h.advance(7_999); // 9.999 s into its run: under the 10 s floor
        assertTrue(assigned(h.heartbeat("w1")).isEmpty());
        h.advance(1);
        assertTrue(assigned(h.heartbeat("w3")).isEmpty(), "never on the straggler's own worker");
        AssignAttempt backup = only(h.heartbeat("w1"), AssignAttempt.class).get(0);
        assertEquals(map("job_0001", 2, 1), backup.attempt());
        assertTrue(backup.backup());
        assertTrue(h.attempt(backup.attempt()).backup());
        assertTrue(assigned(h.heartbeat("w2")).isEmpty(), "one backup at a time");
        assertEquals(AttemptState.RUNNING, h.attempt(slow).state());
    }

    @Test
    void theFirstAttemptToFinishWinsAndTheOtherIsKilled() {
        AttemptId slow = straggler(JobSettings.defaults());
        h.advance(10_000);
        AttemptId backup = assignedOne(h.heartbeat("w1"));
        h.advance(1_000);
        h.confirmCommits(h.heartbeat("w1", finished(backup)));
        assertEquals(backup, h.task(slow.task()).successfulAttempt());
        assertEquals(AttemptState.KILLED, h.attempt(slow).state());
        assertEquals(List.of(new Effect.KillAttempt("w3", slow)), only(h.heartbeat("w3"), Effect.KillAttempt.class));
        assertEquals(JobPhase.SUCCEEDED, h.job("job_0001").phase());
        assertEquals(3, h.job("job_0001").counters().get("test", "ATTEMPTS"), "the loser's work is not counted");
    }

    @Test
    void theThresholdIsTheSlowdownTimesTheMedianWhenThatExceedsTheFloor() {
        AttemptId slow = straggler(settings(JobSettings.SPECULATION_MIN_MS, "1000", JobSettings.SPECULATION_SLOWDOWN, "3"));
        h.advance(3_999); // 5.999 s; the median is 2 s, so the threshold is 6 s
        assertTrue(assigned(h.heartbeat("w1")).isEmpty());
        h.advance(1);
        assertEquals(map("job_0001", 2, 1), assignedOne(h.heartbeat("w1")));
        assertEquals(AttemptState.RUNNING, h.attempt(slow).state());
    }

    @Test
    void noBackupWhenSpeculationIsOff() {
        straggler(settings(JobSettings.SPECULATION, "false"));
        h.advance(60_000);
        assertTrue(assigned(h.heartbeat("w1")).isEmpty());
    }

    @Test
    void noBackupWhileTasksOfTheSameKindStillWait() {
        h.register("w1", "h1", 1);
        h.register("w2", "h2", 1);
        h.submit("job_0001", settings(JobSettings.SPECULATION_MIN_MS, "0"), 3, 0);
        AttemptId a0 = assignedOne(h.heartbeat("w1"));
        assignedOne(h.heartbeat("w2"));
        h.advance(100);
        h.confirmCommits(h.heartbeat("w1", 0, finished(a0)));
        h.advance(60_000);
        List<Effect> out = h.heartbeat("w1");
        assertEquals(List.of(map("job_0001", 2, 0)), assigned(out), "the waiting map, not a backup of map 1");
        assertFalse(only(out, AssignAttempt.class).get(0).backup());
    }

    @Test
    void aFailureFreeJobOfShortTasksRunsEachTaskExactlyOnce() {
        Random random = new Random(42);
        List<String> workers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            workers.add("w" + i);
            h.register("w" + i, "h" + i, 2);
        }
        h.submit("job_0001", 300, 10);
        int assignedCount = 0;
        Map<AttemptId, Long> ends = new HashMap<>();
        while (!h.job("job_0001").phase().isFinal()) {
            h.advance(500);
            for (String w : workers) {
                List<AttemptUpdate> done = new ArrayList<>();
                for (AttemptId a : h.runs(w)) if (ends.get(a) <= h.now) done.add(finished(a));
                List<Effect> out = h.heartbeat(w, done.toArray(AttemptUpdate[]::new));
                for (AttemptId a : assigned(out)) ends.put(a, h.now + 500 + random.nextInt(9_000)); // each under 10 s
                assignedCount += assigned(out).size();
                h.confirmCommits(out);
            }
        }
        assertEquals(JobPhase.SUCCEEDED, h.job("job_0001").phase());
        assertEquals(310, assignedCount);
    }
}
