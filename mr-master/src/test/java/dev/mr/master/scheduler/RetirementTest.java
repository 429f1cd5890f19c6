package dev.mr.master.scheduler;

import static dev.mr.master.scheduler.Harness.assigned;
import static dev.mr.master.scheduler.Harness.finished;
import static dev.mr.master.scheduler.Harness.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.api.spi.AttemptId;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A master runs for months: the scheduler must be able to forget ended jobs, keeping nothing of
 * them (their tasks, attempts, and the map outputs workers held), while a late report about one
 * of them stays harmless and a running job can never be forgotten.
 */
class RetirementTest {

    private final Harness h = new Harness();

    /** job_0001 (2 maps, map-only) run to SUCCEEDED on w1; returns its map attempts. */
    private List<AttemptId> succeeded() {
        h.register("w1", "h1", 2);
        h.submit("job_0001", 2, 0);
        List<AttemptId> maps = assigned(h.heartbeat("w1"));
        h.advance(100);
        h.confirmCommits(h.heartbeat("w1", finished(maps.get(0)), finished(maps.get(1))));
        h.jobCommitDone("job_0001");
        assertEquals(JobPhase.SUCCEEDED, h.job("job_0001").phase());
        return maps;
    }

    @Test
    void aRetiredJobIsForgottenAndItsLateReportsAreIgnored() {
        List<AttemptId> maps = succeeded();
        assertTrue(h.on(new Event.JobRetired(h.now, "job_0001")).isEmpty());
        assertTrue(h.scheduler.job("job_0001").isEmpty());
        assertTrue(h.scheduler.tasks("job_0001").isEmpty());
        assertTrue(h.scheduler.jobs().isEmpty());
        h.advance(100);
        List<Effect> answer = h.rawHeartbeat("w1", h.incarnation("w1"), 2, List.of(finished(maps.get(0))));
        Harness.assertIgnored(answer, maps.get(0).toString());
        assertEquals(List.of(new Effect.CleanUpJob("w1", "job_0001")), only(answer, Effect.CleanUpJob.class),
                "the workers still clean the job up");
        Harness.assertIgnored(h.on(new Event.JobRetired(h.now, "job_0001")), "job_0001");
    }

    @Test
    void aWorkerLostAfterTheRetirementTakesNothingOfTheJobWithIt() {
        succeeded();
        h.on(new Event.JobRetired(h.now, "job_0001"));
        h.advance(60_000);
        List<Effect> out = h.tick();
        assertTrue(out.stream().noneMatch(e -> e.toString().contains("job_0001")), out.toString());
        assertEquals(1, only(out, Effect.LogWorkerLost.class).size());
    }

    @Test
    void aJobThatHasNotEndedIsNeverRetired() {
        h.register("w1", "h1", 2);
        h.submit("job_0001", 2, 1);
        assigned(h.heartbeat("w1"));
        var e = assertThrows(IllegalArgumentException.class, () -> h.on(new Event.JobRetired(h.now, "job_0001")));
        assertTrue(e.getMessage().contains("job_0001 is RUNNING"), e.getMessage());
        assertEquals(JobPhase.RUNNING, h.job("job_0001").phase());
    }
}
