package dev.mr.master.scheduler;

import static dev.mr.master.scheduler.Harness.assigned;
import static dev.mr.master.scheduler.Harness.finished;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.mr.api.spi.AttemptId;
import dev.mr.master.scheduler.AttemptUpdate.Running;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The REST API and the web page read the scheduler's state: progress, times, placement and errors must be there and right. */
class StatusTest {

    private final Harness h = new Harness();

    @Test
    void progressCountsCompletedTasksAndTheProgressRunningAttemptsReport() {
        h.register("w1", "h1", 2);
        h.submit("job_0001", settings(), 4, 0);
        List<AttemptId> running = assigned(h.heartbeat("w1"));
        assertEquals(0, h.job("job_0001").mapProgress());
        h.advance(1_000);
        h.heartbeat("w1", new Running(running.get(0), 0.5, 0), new Running(running.get(1), 0.25, 0));
        assertEquals(0.1875, h.job("job_0001").mapProgress(), 1e-9);
        h.advance(1_000);
        h.heartbeat("w1", 0, finished(running.get(0)), new Running(running.get(1), 0.5, 0));
        assertEquals(0.375, h.job("job_0001").mapProgress(), 1e-9, "a committing task counts as done");
        assertEquals(1.0, h.job("job_0001").reduceProgress(), "a map-only job has no reduce phase to wait for");
    }

    @Test
    void tasksAndAttemptsTellWhereWhenAndHowTheyRan() {
        h.register("w1", "hostA", 1);
        h.submit("job_0001", JobSettings.defaults(), 0, List.of(List.of("hostA")));
        h.advance(500);
        AttemptId a = assigned(h.heartbeat("w1")).get(0);
        h.advance(1_500);
        h.heartbeat("w1", Harness.failed(a, "java.io.IOException: disk"));
        AttemptStatus s = h.attempt(a);
        assertEquals("w1", s.workerId());
        assertEquals(1, s.workerIncarnation());
        assertEquals(500, s.startTime());
        assertEquals(2_000, s.finishTime());
        assertEquals(true, s.dataLocal());
        assertFalse(s.backup());
        assertEquals("java.io.IOException: disk", s.error());
        assertNull(s.counters());
        TaskStatus t = h.task(a.task());
        assertEquals(500, t.startTime());
        assertEquals(-1, t.finishTime());
        assertEquals(2, t.attempts().size(), "the re-run was assigned in the same answer");
        WorkerStatus w = h.worker("w1");
        assertEquals(List.of(t.attempts().get(1).attemptId()), w.running());
        assertEquals(2_000, w.lastHeartbeat());
        assertEquals("hostA", w.host());
        assertEquals("http://w1", w.address());
        assertEquals(WorkerState.ALIVE, w.state());
    }

    @Test
    void anAttemptShowsItsTaskLatestStatusMessageAndKeepsItAfterItEnded() {
        h.register("w1", "h1", 2);
        h.submit("job_0001", settings(), 2, 0);
        List<AttemptId> running = assigned(h.heartbeat("w1"));
        AttemptId a = running.get(0);
        AttemptId b = running.get(1);
        assertNull(h.attempt(a).statusMessage(), "no message before one is reported");
        h.heartbeat("w1", new Running(a, 0.5, 0, "halfway"), new Running(b, 0.1, 0));
        assertEquals("halfway", h.attempt(a).statusMessage());
        assertNull(h.attempt(b).statusMessage());
        h.heartbeat("w1", new Running(a, 0.6, 0, null), new Running(b, 0.2, 0, "reading"));
        assertEquals("halfway", h.attempt(a).statusMessage(), "a report without a message keeps the last one");
        assertEquals("reading", h.attempt(b).statusMessage());
        h.heartbeat("w1", 0, new AttemptUpdate.Finished(a, Harness.counters(a), "done"), new Running(b, 0.3, 0, "still reading"));
        assertEquals("done", h.attempt(a).statusMessage(), "the message the finished report carries is the last word");
        assertEquals("still reading", h.attempt(b).statusMessage());
    }

    private static JobSettings settings() {
        return JobSettings.defaults();
    }
}
