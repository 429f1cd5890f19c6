package dev.mr.master.scheduler;

import static dev.mr.master.scheduler.Harness.assertIgnored;
import static dev.mr.master.scheduler.Harness.assigned;
import static dev.mr.master.scheduler.Harness.assignedOne;
import static dev.mr.master.scheduler.Harness.finished;
import static dev.mr.master.scheduler.Harness.map;
import static dev.mr.master.scheduler.Harness.only;
import static dev.mr.master.scheduler.Harness.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.api.spi.AttemptId;
import dev.mr.master.scheduler.AttemptUpdate.Running;
import dev.mr.master.scheduler.Effect.TellMapOutputs;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reducers find map outputs through their heartbeats and report the ones they cannot fetch; a map
 * whose output keeps failing is run again and reducers learn to drop the old output and where the
 * new one is.
 */
class FetchFailureTest {

    private final Harness h = new Harness();
    private AttemptId m0;
    private AttemptId m1;
    private AttemptId r0;

    @BeforeEach
    void twoMapsDoneOnW1AndAReduceRunningOnW2() {
        h.register("w1", "h1", 2);
        h.register("w2", "h2", 1);
        h.submit("job_0001", settings(JobSettings.REDUCE_SLOWSTART, "1"), 2, 1);
        List<AttemptId> maps = assigned(h.heartbeat("w1"));
        m0 = maps.get(0);
        m1 = maps.get(1);
        h.advance(100);
        h.heartbeat("w1", 0, finished(m0), finished(m1));
        r0 = assignedOne(h.heartbeat("w2"));
        TellMapOutputs told = only(h.last, TellMapOutputs.class).get(0);
        assertEquals(List.of(new MapOutputEvent(0, m0, "http://w1", false), new MapOutputEvent(1, m1, "http://w1", false)),
                told.events(), "a new reduce attempt learns every map output at once");
    }

    private List<Effect> fetchFailed(AttemptId map) {
        return h.on(new Event.FetchFailureReported(h.now, "w2", h.incarnation("w2"), r0, map));
    }

    @Test
    void aReducerIsToldOnlyTheMapOutputsAfterThoseItReportsKnowing() {
        h.advance(100);
        assertTrue(only(h.heartbeat("w2", new Running(r0, 0.1, 2)), TellMapOutputs.class).isEmpty());
        h.advance(100);
        TellMapOutputs again = only(h.heartbeat("w2", new Running(r0, 0.1, 1)), TellMapOutputs.class).get(0);
        assertEquals(List.of(new MapOutputEvent(1, m1, "http://w1", false)), again.events(),
                "the reducer says what it has, so a lost answer costs nothing");
    }

    @Test
    void aMapRunsAgainAfterTheThirdFetchFailureReportAboutIt() {
        assertTrue(fetchFailed(m0).isEmpty());
        assertTrue(fetchFailed(m0).isEmpty());
        assertEquals(AttemptState.SUCCEEDED, h.attempt(m0).state());
        fetchFailed(m0);
        assertEquals(AttemptState.FAILED, h.attempt(m0).state());
        TaskStatus t = h.task(m0.task());
        assertEquals(TaskState.WAITING, t.state());
        assertEquals(1, t.failedAttempts(), "as in Hadoop, an output nobody can fetch counts as a failed attempt");
        assertTrue(t.lastError().startsWith("map output lost: 3 fetch failures reported"), t.lastError());
        assertEquals(1, h.job("job_0001").completedMaps());

        h.advance(100);
        TellMapOutputs drop = only(h.heartbeat("w2", new Running(r0, 0.4, 2)), TellMapOutputs.class).get(0);
        assertEquals(List.of(new MapOutputEvent(2, m0, "http://w1", true)), drop.events());

        h.register("w3", "h3", 1);
        AttemptId rerun = assignedOne(h.heartbeat("w3"));
        assertEquals(map("job_0001", 0, 1), rerun);
        h.advance(100);
        h.heartbeat("w3", finished(rerun));
        TellMapOutputs fresh = only(h.heartbeat("w2", new Running(r0, 0.4, 3)), TellMapOutputs.class).get(0);
        assertEquals(List.of(new MapOutputEvent(3, rerun, "http://w3", false)), fresh.events());
    }

    @Test
    void fetchFailuresAboutAnOutputAlreadyReplacedAreIgnored() {
        fetchFailed(m0);
        fetchFailed(m0);
        fetchFailed(m0);
        assertIgnored(fetchFailed(m0), m0.toString());
        assertEquals(1, h.task(m0.task()).failedAttempts());
    }

    @Test
    void fetchFailuresFromAnAttemptThatIsNotARunningReduceOfTheWorkerAreIgnored() {
        assertIgnored(h.on(new Event.FetchFailureReported(h.now, "w1", h.incarnation("w1"), r0, m0)), m0.toString());
        assertIgnored(h.on(new Event.FetchFailureReported(h.now, "w2", h.incarnation("w2") + 1, r0, m0)), m0.toString());
        assertIgnored(h.on(new Event.FetchFailureReported(h.now, "w2", h.incarnation("w2"), m1, m0)), m0.toString());
        assertIgnored(fetchFailed(map("job_0009", 0, 0)), "job_0009");
        assertEquals(AttemptState.SUCCEEDED, h.attempt(m0).state());
    }
}
