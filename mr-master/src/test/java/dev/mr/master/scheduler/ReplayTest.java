package dev.mr.master.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The master recovers by replaying its journal of events into a fresh scheduler, so the same
 * events must give the same effects, event by event, and the same state, down to every attempt.
 */
class ReplayTest {

    @Test
    void replayingTheSameEventsGivesTheSameEffectsAndState() {
        Simulation original = new Simulation(SimConfig.smallAndHostile(), 3L, true);
        original.run();
        assertTrue(original.events.size() > 500, "a run with something to replay");

        Scheduler replica = new Scheduler(SchedulerSettings.defaults());
        for (int i = 0; i < original.events.size(); i++) {
            List<Effect> effects = replica.on(original.events.get(i));
            assertEquals(original.effects.get(i), effects, "effects of event " + i + ": " + original.events.get(i));
        }
        assertSameState(original.scheduler, replica);
    }

    static void assertSameState(Scheduler expected, Scheduler actual) {
        assertEquals(expected.now(), actual.now());
        assertEquals(expected.jobs(), actual.jobs());
        assertEquals(expected.workers(), actual.workers());
        for (JobStatus j : expected.jobs()) assertEquals(expected.tasks(j.jobId()), actual.tasks(j.jobId()), j.jobId());
    }
}
