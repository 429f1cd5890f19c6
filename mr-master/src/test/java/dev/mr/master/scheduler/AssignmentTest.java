package dev.mr.master.scheduler;

import static dev.mr.master.scheduler.Harness.assigned;
import static dev.mr.master.scheduler.Harness.assignedOne;
import static dev.mr.master.scheduler.Harness.finished;
import static dev.mr.master.scheduler.Harness.map;
import static dev.mr.master.scheduler.Harness.only;
import static dev.mr.master.scheduler.Harness.reduce;
import static dev.mr.master.scheduler.Harness.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.master.scheduler.Effect.AssignAttempt;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where work goes: only in heartbeat answers, local data first, oldest job first, reduces after slow-start, never past a worker's slots. */
class AssignmentTest {

    private final Harness h = new Harness();

    @Test
    void assignsOnlyInAnswerToAHeartbeat() {
        h.register("w1", "h1", 2);
        h.submit("job_0001", 2, 0);
        assertTrue(assigned(h.last).isEmpty());
        h.advance(1000);
        assertEquals(List.of(map("job_0001", 0, 0), map("job_0001", 1, 0)), assigned(h.heartbeat("w1")));
    }

    @Test
    void prefersAMapWithAReplicaOnTheWorkersHost() {
        h.register("w1", "hostB", 1);
        h.submit("job_0001", JobSettings.defaults(), 0, List.of(List.of("hostA"), List.of("hostA", "hostB"), List.of("hostB")));
        AssignAttempt a = only(h.heartbeat("w1"), AssignAttempt.class).get(0);
        assertEquals(map("job_0001", 1, 0), a.attempt());
        assertTrue(a.dataLocal());
        assertTrue(h.attempt(a.attempt()).dataLocal());
    }

    @Test
    void fallsBackToAnyMapWhenNoneIsLocal() {
        h.register("w1", "hostC", 1);
        h.submit("job_0001", JobSettings.defaults(), 0, List.of(List.of("hostA"), List.of("hostB")));
        AssignAttempt a = only(h.heartbeat("w1"), AssignAttempt.class).get(0);
        assertEquals(map("job_0001", 0, 0), a.attempt());
        assertFalse(a.dataLocal());
    }

    @Test
    void neverAssignsMoreThanTheFreeSlots() {
        h.register("w1", "h1", 3);
        h.submit("job_0001", 10, 0);
        assertEquals(1, assigned(h.heartbeat("w1", 1)).size(), "the worker offered one slot");
        assertEquals(2, assigned(h.heartbeat("w1", 5)).size(), "the worker offered more than it has: its slots bound it");
        assertEquals(0, assigned(h.heartbeat("w1", 3)).size(), "all three slots are taken");
        assertEquals(3, h.worker("w1").running().size());
    }

    @Test
    void servesJobsFirstInFirstOut() {
        h.register("w1", "h1", 3);
        h.submit("job_0001", 2, 0);
        h.submit("job_0002", 2, 0);
        assertEquals(List.of(map("job_0001", 0, 0), map("job_0001", 1, 0), map("job_0002", 0, 0)), assigned(h.heartbeat("w1")));
    }

    @Test
    void reducesWaitUntilTheSlowStartFractionOfMapsCompleted() {
        h.register("w1", "h1", 4);
        h.submit("job_0001", settings(JobSettings.REDUCE_SLOWSTART, "0.5"), 4, 1);
        assertEquals(4, assigned(h.heartbeat("w1")).size());
        h.advance(100);
        assertTrue(assigned(h.heartbeat("w1", finished(map("job_0001", 0, 0)))).isEmpty(), "1 of 4 maps is below 0.5");
        h.advance(100);
        assertEquals(List.of(reduce("job_0001", 0, 0)), assigned(h.heartbeat("w1", finished(map("job_0001", 1, 0)))));
    }

    @Test
    void defaultSlowStartNeedsOneCompletedMapOfTwenty() {
        h.register("w1", "h1", 1);
        h.register("w2", "h2", 1);
        h.submit("job_0001", 20, 1);
        assignedOne(h.heartbeat("w1"));
        assertTrue(assigned(h.heartbeat("w2", 1)).stream().allMatch(a -> a.task().map()));
        h.advance(100);
        assertEquals(List.of(map("job_0001", 2, 0)), assigned(h.heartbeat("w1", finished(map("job_0001", 0, 0)))),
                "a map still waits, so it goes before the reduce");
    }

    @Test
    void aReduceTakesASlotOnceNoMapWaits() {
        h.register("w1", "h1", 1);
        h.register("w2", "h2", 1);
        h.submit("job_0001", settings(JobSettings.REDUCE_SLOWSTART, "0"), 1, 2);
        assertEquals(List.of(map("job_0001", 0, 0)), assigned(h.heartbeat("w1")));
        assertEquals(List.of(reduce("job_0001", 0, 0)), assigned(h.heartbeat("w2")), "slow-start 0: reduces may start at once");
    }

    @Test
    void anEmptyJobIsCommittedAtOnce() {
        h.submit("job_0001", 0, 0);
        assertEquals(List.of(new Effect.CommitJob("job_0001")), h.last);
        h.jobCommitDone("job_0001");
        assertEquals(JobPhase.SUCCEEDED, h.job("job_0001").phase());
    }

    @Test
    void aJobWithoutMapsStartsItsReducesAtOnce() {
        h.register("w1", "h1", 2);
        h.submit("job_0001", 0, 2);
        assertEquals(List.of(reduce("job_0001", 0, 0), reduce("job_0001", 1, 0)), assigned(h.heartbeat("w1")));
        assertEquals(0, h.runToEnd("w1"), "nothing more to assign");
        assertEquals(JobPhase.SUCCEEDED, h.job("job_0001").phase());
    }
}
