package dev.mr.master.scheduler;

import static dev.mr.master.scheduler.Harness.assigned;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.mr.api.Counters;
import dev.mr.api.TaskCounter;
import dev.mr.api.spi.AttemptId;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The web page sorts, sums up and draws a job's tasks from light summaries instead of full
 * snapshots (a job of 100,000 tasks would take the scheduler's thread too long); a summary must
 * say what the full snapshot says about states, times, attempts, the winner and its counters.
 */
class TaskSummaryTest {

    private final Harness h = new Harness();

    @Test
    void summariesAgreeWithTheFullSnapshots() {
        h.register("w1", "h1", 2);
        h.submit("job_0001", JobSettings.defaults(), 3, 0);
        List<AttemptId> first = assigned(h.heartbeat("w1"));
        h.advance(1_000);
        Counters framework = new Counters().increment(TaskCounter.MAP_INPUT_RECORDS, 7).increment(TaskCounter.OUTPUT_BYTES, 99)
                .increment("user", "X", 5);
        h.confirmCommits(h.heartbeat("w1", new AttemptUpdate.Finished(first.get(0), framework), Harness.failed(first.get(1), "boom")));
        h.advance(500);
        h.heartbeat("w1");

        List<TaskStatus> full = h.scheduler.tasks("job_0001");
        List<TaskSummary> light = h.scheduler.taskSummaries("job_0001");
        assertEquals(full.size(), light.size());
        for (int i = 0; i < full.size(); i++) {
            TaskStatus f = full.get(i);
            TaskSummary s = light.get(i);
            assertEquals(f.taskId(), s.taskId());
            assertEquals(f.state(), s.state());
            assertEquals(f.startTime(), s.startTime());
            assertEquals(f.finishTime(), s.finishTime());
            assertEquals(f.attempts().size(), s.attempts().size());
            for (int k = 0; k < f.attempts().size(); k++) {
                AttemptStatus a = f.attempts().get(k);
                TaskSummary.AttemptSpan span = s.attempts().get(k);
                assertEquals(a.attemptId().attempt(), span.number());
                assertEquals(a.workerId(), span.workerId());
                assertEquals(a.startTime(), span.startTime());
                assertEquals(a.finishTime(), span.finishTime());
                assertEquals(a.state(), span.state());
                assertEquals(a.backup(), span.backup());
                assertEquals(a.dataLocal(), span.dataLocal());
            }
            if (f.successfulAttempt() == null) {
                assertEquals(-1, s.winner());
                assertArrayEquals(new long[TaskCounter.values().length], s.framework());
            } else {
                assertEquals(f.successfulAttempt().attempt(), s.attempts().get(s.winner()).number());
            }
        }
        TaskSummary won = light.get(0);
        assertEquals(TaskState.SUCCEEDED, won.state());
        assertEquals(7, won.counter(TaskCounter.MAP_INPUT_RECORDS));
        assertEquals(99, won.counter(TaskCounter.OUTPUT_BYTES));
        assertEquals(0, won.counter(TaskCounter.SHUFFLE_BYTES));
        TaskSummary retried = light.get(1);
        assertEquals(List.of(AttemptState.FAILED, AttemptState.RUNNING), retried.attempts().stream().map(TaskSummary.AttemptSpan::state).toList());
        assertEquals(1, retried.shown().number(), "the latest attempt is the one shown until one wins");
        assertNull(new TaskSummary(won.taskId(), TaskState.WAITING, -1, -1, -1, List.of(), new long[12]).shown());
        assertEquals(List.of(), h.scheduler.taskSummaries("job_0099"));
    }
}
