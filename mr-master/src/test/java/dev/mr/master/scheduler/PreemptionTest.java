package dev.mr.master.scheduler;

import static dev.mr.master.scheduler.Harness.assigned;
import static dev.mr.master.scheduler.Harness.finished;
import static dev.mr.master.scheduler.Harness.map;
import static dev.mr.master.scheduler.Harness.only;
import static dev.mr.master.scheduler.Harness.reduce;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.api.spi.AttemptId;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * When a worker holding map output dies after every map finished, its maps must run again;
 * if the surviving workers' slots are all taken by reducers waiting for that output, nothing
 * can progress unless a reducer gives its slot up. Found by killing workers of a real cluster.
 */
class PreemptionTest {

    @Test
    void reducersWaitingForLostMapOutputGiveASlotToTheRerun() {
        Harness h = new Harness();
        h.register("a", "ha", 2);
        h.register("b", "hb", 2);
        h.submit("job_0001", Harness.settings("mr.reduce.slowstart", "1.0"), 2, 4);
        List<AttemptId> maps = assigned(h.heartbeat("b"));
        assertEquals(List.of(map("job_0001", 0, 0), map("job_0001", 1, 0)), maps);
        h.advance(100);
        h.heartbeat("b", finished(maps.get(0)), finished(maps.get(1))); // b takes reduces 0 and 1
        h.heartbeat("a"); // a takes reduces 2 and 3 into both of its slots
        assertEquals(List.of(reduce("job_0001", 2, 0), reduce("job_0001", 3, 0)), h.runs("a"));

        for (int i = 0; i < 120; i++) { // b falls silent and is declared dead: its map output is lost
            h.advance(100);
            h.heartbeat("a");
            h.tick();
        }
        assertEquals(WorkerState.DEAD, h.worker("b").state());
        assertEquals(2, h.job("job_0001").maps() - h.job("job_0001").completedMaps());

        long deadAt = h.now;
        List<Effect.KillAttempt> kills = List.of();
        while (kills.isEmpty() && h.now < deadAt + 10_000) {
            h.advance(100);
            kills = only(h.heartbeat("a"), Effect.KillAttempt.class);
        }
        assertTrue(h.now - deadAt <= 3_500, "preempted about mr.reduce.preempt.delay.ms after the maps started waiting");
        assertEquals(1, kills.size(), "one reducer of the job gives up its slot");
        assertEquals(reduce("job_0001", 3, 0), kills.get(0).attempt(), "the newest one");
        assertEquals(AttemptState.KILLED, h.attempt(reduce("job_0001", 3, 0)).state());
        h.advance(100);
        List<AttemptId> next = assigned(h.heartbeat("a"));
        assertTrue(next.contains(map("job_0001", 0, 1)) || next.contains(map("job_0001", 1, 1)), "a lost map reruns in the freed slot: " + next);
        assertEquals(0, h.task(reduce("job_0001", 3, 0).task()).failedAttempts(), "a preempted reducer is not a failed attempt");
    }

    @Test
    void aHealthyJobNeverPreempts() {
        Harness h = new Harness();
        h.register("a", "ha", 1);
        h.submit("job_0001", Harness.settings("mr.reduce.slowstart", "0.0"), 50, 1);
        int kills = 0;
        for (int i = 0; i < 200; i++) {
            h.advance(500);
            List<AttemptId> runs = h.runs("a");
            List<Effect> out = runs.isEmpty() ? h.heartbeat("a")
                    : h.heartbeat("a", runs.get(0).task().map() ? finished(runs.get(0)) : new AttemptUpdate.Running(runs.get(0), 0.5, 0));
            kills += only(out, Effect.KillAttempt.class).size();
        }
        assertEquals(0, kills);
    }
}
